extension StoredIncident {
    /// The one place a decoded incident becomes a record. `decoded` gives its fixed-size fields
    /// (the JSON Lines fast path decodes straight into one; any other incident is described by
    /// one, see `PackedIncident(fixedFieldsOf:asciiSummary:)`); its texts are already in the
    /// arena and its strings already interned in the store's tables. Nothing here allocates:
    /// it runs once per line on the fast path.
    @inline(__always)
    init(_ decoded: PackedIncident, summaryText: TextRef, idText: TextRef, place: UInt32, source: UInt32,
         type: UInt32, actorNames: UInt32, file: UInt16) {
        var flags: Flags = [.live]
        if decoded.flags.contains(.hasClockTime) { flags.insert(.hasClockTime) }
        if decoded.flags.contains(.locatedByGazetteer) { flags.insert(.locatedByGazetteer) }
        if decoded.flags.contains(.asciiSummary) { flags.insert(.asciiSummary) }
        if decoded.flags.contains(.fatalitiesUnknown) { flags.insert(.fatalitiesUnknown) }
        let offset = Self.offsetParts(decoded.offset)
        self.init(
            time: decoded.time,
            lat: decoded.lat.isNaN ? .nan : Float(decoded.lat),
            lon: decoded.lon.isNaN ? .nan : Float(decoded.lon),
            summaryText: summaryText,
            actors: decoded.actors,
            idText: idText,
            place: place,
            source: source,
            type: type,
            actorNames: actorNames,
            fatalities: decoded.fatalities,
            line: UInt32(clamping: decoded.line),
            file: file,
            revision: 0,
            flags: flags,
            offsetHigh: offset.high,
            offsetLow: offset.low)
    }
}

extension PackedIncident {
    /// The fixed-size fields of an incident built in full (by another format's decoder, or a
    /// line the fast path left to the general parser), so it is stored by the same initialiser.
    /// Its texts and strings are placed by the store, so their fields stay 0 here; an unknown
    /// offset becomes -1, which the record keeps as "not known".
    init(fixedFieldsOf incident: Incident, asciiSummary: Bool) {
        var flags: Flags = []
        if incident.hasClockTime { flags.insert(.hasClockTime) }
        if incident.locatedByGazetteer { flags.insert(.locatedByGazetteer) }
        if asciiSummary { flags.insert(.asciiSummary) }
        if incident.fatalities == nil { flags.insert(.fatalitiesUnknown) }
        self.init(time: incident.time, lat: incident.location?.lat ?? .nan, lon: incident.location?.lon ?? .nan,
                  line: incident.origin.line, offset: incident.origin.offset ?? -1, idHash: 0,
                  summaryStart: 0, summaryCount: 0, idStart: 0, idCount: 0,
                  fatalities: UInt32(clamping: incident.fatalities ?? 0), place: 0, source: 0, type: 0, actorNames: 0,
                  actors: ActorList(incident.actors), flags: flags)
    }
}
