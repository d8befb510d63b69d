import MonitorIngest

extension StoredIncident {
    /// The one place a decoded incident becomes a record. `decoded` gives its fixed-size fields
    /// (the JSON Lines fast path decodes straight into one; any other incident is described by
    /// one, see `PackedIncident(fixedFieldsOf:asciiSummary:)`); its texts are already in the
    /// arena and its strings already interned in the store's tables. Nothing here allocates:
    /// it runs once per line on the fast path.
    @inline(__always)
    package init(_ decoded: PackedIncident, summaryText: TextRef, idText: TextRef, place: UInt32, source: UInt32,
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
            precisionCode: decoded.precision,
            offsetHigh: offset.high,
            offsetLow: offset.low)
    }
}
