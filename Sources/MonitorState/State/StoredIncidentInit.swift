import MonitorIngest

extension StoredIncident {
    /// The one place a decoded incident becomes a record. `decoded` gives its fixed-size fields
    /// (the JSON Lines fast path decodes straight into one; any other incident is described by
    /// one, see `PackedIncident(fixedFieldsOf:asciiSummary:)`); its texts are already in the
    /// arena and its strings already interned in the store's tables. Nothing here allocates:
    /// it runs once per line on the fast path.
    @inline(__always)
    package init(_ decoded: PackedIncident, summaryText: TextRef, idText: TextRef, place: UInt32, source: UInt32,
                 type: UInt32, actorNames: UInt32, file: UInt16, bits: PackedFlagBits = PackedFlagBits()) {
        let raw = decoded.flags.rawValue
        var flags: Flags = [.live]
        if raw & bits.hasClockTime != 0 { flags.insert(.hasClockTime) }
        if raw & bits.locatedByGazetteer != 0 { flags.insert(.locatedByGazetteer) }
        if raw & bits.asciiSummary != 0 { flags.insert(.asciiSummary) }
        if raw & bits.fatalitiesUnknown != 0 { flags.insert(.fatalitiesUnknown) }
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

/// `PackedIncident.Flags`' bits as plain numbers, read once per segment rather than per record:
/// from this module each of its members is a call (it lives in MonitorIngest), and a record read
/// six of them: some 120 instructions of the 2,100 its filing and derived state cost (ARCHITECTURE.md §4).
package struct PackedFlagBits: Sendable {
    package let hasClockTime = PackedIncident.Flags.hasClockTime.rawValue
    package let locatedByGazetteer = PackedIncident.Flags.locatedByGazetteer.rawValue
    package let asciiSummary = PackedIncident.Flags.asciiSummary.rawValue
    package let fatalitiesUnknown = PackedIncident.Flags.fatalitiesUnknown.rawValue
    package let full = PackedIncident.Flags.full.rawValue
    package let asciiID = PackedIncident.Flags.asciiID.rawValue

    package init() {}
}
