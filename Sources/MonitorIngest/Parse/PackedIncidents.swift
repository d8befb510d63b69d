import MonitorCore

/// Incidents as the JSON Lines fast path decodes them: fixed-size records whose text sits in
/// their segment's byte buffer and string table, so decoding a line allocates nothing and the
/// store takes each record over without building an `Incident`.
///
/// A segment is one decoding worker's output, in line order; a batch holds its segments in order.
public struct PackedSegment: Sendable {
    public let file: String
    package var records: [PackedIncident] = []
    /// Summary and id bytes of the records, nothing else: the store keeps the block as it is
    /// (`PackedText.handOver`, ARCHITECTURE.md §4).
    package var text = PackedText()
    /// Places, sources, types and actor-names texts; index 0 is "".
    package var strings: [String] = [""]
    /// Lines the fast path left to the general parser, as it built them.
    package var full: [Incident] = []
    /// What the records that report a change of hands say (`PackedIncident.control`): the holder,
    /// and the record's id, made here on the decoding core while its bytes are in its cache. Made
    /// on the store's thread, each read bytes long gone from that core's cache: some 6 % of the
    /// store's time for an ACLED file, where every fifth row changes hands (ARCHITECTURE.md §4).
    package private(set) var controls: [(holder: ControlHolder, id: String?)] = []

    package init(file: String) {
        self.file = file
    }

    public var count: Int { records.count }

    /// The decoder is done with the segment: the text gives back its spare room here, on the
    /// decoder's core, so the store adopts it as it is (ARCHITECTURE.md §4).
    package mutating func finish() { text.finish() }

    package func summary(_ r: PackedIncident) -> String { string(r.summaryStart, r.summaryCount) }
    package func id(_ r: PackedIncident) -> String? { r.flags.contains(.hasID) ? string(r.idStart, r.idCount) : nil }

    /// The letter mask of summary bytes already in `text` (for the record being packed): plain
    /// text (nearly every summary) through `plainTextLetters`, whose vector path reads 32 bytes a
    /// step, anything else byte by byte (both give `letterMask`, ARCHITECTURE.md §4).
    @inline(__always)
    package func summaryLetters(_ start: UInt32, _ count: UInt32) -> UInt32 {
        text.withUnsafeBytes { all in
            let summary = UnsafeRawBufferPointer(rebasing: all[Int(start)..<(Int(start) + Int(count))])
            return LetterFold.plainTextLetters(summary)?.letters ?? LetterFold.letterMask(summary)
        }
    }

    private func string(_ start: UInt32, _ count: UInt32) -> String {
        // Typed bytes: a slice of raw bytes took String's generic path, a copy and a scan per id
        // (a change of hands names its incident's id, on the store's thread).
        text.withUnsafeBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(start)..<(Int(start) + Int(count))]), as: UTF8.self)
        }
    }

    /// Record `i` as an `Incident`, exactly as the general parser would have built it.
    package func incident(_ i: Int) -> Incident {
        let r = records[i]
        if r.flags.contains(.full) { return full[r.line] }
        let names = ActorNamesText.decode(strings[Int(r.actorNames)])
        return Incident(
            id: id(r), time: r.time, hasClockTime: r.flags.contains(.hasClockTime), place: strings[Int(r.place)],
            location: r.lat.isNaN ? nil : GeoPoint(lat: r.lat, lon: r.lon),
            locatedByGazetteer: r.flags.contains(.locatedByGazetteer), actors: r.actors.array,
            unknownActorNames: names.unknown, writtenActors: names.written,
            type: EventType(parsing: strings[Int(r.type)]), fatalities: r.flags.contains(.fatalitiesUnknown) ? nil : Int(r.fatalities), summary: summary(r),
            source: strings[Int(r.source)], origin: Origin(file: file, line: r.line, offset: r.offset),
            precision: Precision(packed: r.precision), control: control(r))
    }

    /// The holder a record names, if it reports a change of hands.
    package func control(_ r: PackedIncident) -> ControlHolder? { report(r)?.holder }

    /// The holder a record names and its id (as `id(_:)` gives it), if it reports a change of hands.
    package func report(_ r: PackedIncident) -> (holder: ControlHolder, id: String?)? {
        r.control == 0 ? nil : controls[Int(r.control) - 1]
    }

    /// Marks the last record as reporting a change of hands to `holder`.
    package mutating func recordControl(_ holder: ControlHolder) {
        guard let last = records.indices.last else { return }
        controls.append((holder, id(records[last])))
        records[last].control = UInt32(controls.count)
    }
}

/// One decoded incident of a `PackedSegment`.
package struct PackedIncident: Sendable {
    package var time: Int64
    /// NaN when the incident has no location.
    package var lat: Double
    package var lon: Double
    /// Line number in its file; for a `.full` record, the index in the segment's `full`.
    package var line: Int
    /// Where the line starts in its file.
    package var offset: Int64
    /// `IDHash` of the id, computed while decoding (on every core) rather than in the store.
    package var idHash: UInt64
    package var summaryStart: UInt32
    package var summaryCount: UInt32
    package var idStart: UInt32
    package var idCount: UInt32
    package var fatalities: UInt32
    /// Indexes into the segment's `strings`.
    package var place: UInt32
    package var source: UInt32
    package var type: UInt32
    /// The actor-names text, as the store keeps it (`ActorNamesText`; 0: none).
    package var actorNames: UInt32
    package var actors: ActorList
    package var flags: Flags
    /// `Precision.packed` (0: none given).
    package var precision: UInt8 = 0
    /// The summary's letter mask (`LetterFold.letterMask`), worked out while decoding on the
    /// decoder's core; 0 for a placeholder (the store works it out then).
    package var letters: UInt32 = 0
    /// 1 + the index of its holder in the segment's `controls`; 0: no change of hands.
    package var control: UInt32 = 0

    /// The store (MonitorState) tests these once per incident. Across a module boundary a static
    /// `let` is reached through an addressor and `OptionSet.contains` through a witness table, so
    /// the flags are `@inlinable` computed values and `contains` is this type's own.
    package struct Flags: OptionSet, Sendable {
        package let rawValue: UInt8
        @inlinable package init(rawValue: UInt8) { self.rawValue = rawValue }
        @inlinable package func contains(_ member: Flags) -> Bool { rawValue & member.rawValue == member.rawValue }
        @inlinable package static var hasClockTime: Flags { Flags(rawValue: 1) }
        @inlinable package static var locatedByGazetteer: Flags { Flags(rawValue: 2) }
        /// The line had an id (an empty one included).
        @inlinable package static var hasID: Flags { Flags(rawValue: 4) }
        /// A placeholder for `full[line]`.
        @inlinable package static var full: Flags { Flags(rawValue: 8) }
        /// Summary bytes are all ASCII.
        @inlinable package static var asciiSummary: Flags { Flags(rawValue: 16) }
        /// Id bytes are all ASCII.
        @inlinable package static var asciiID: Flags { Flags(rawValue: 32) }
        /// No fatality count on the line (absent or null); `fatalities` is 0.
        @inlinable package static var fatalitiesUnknown: Flags { Flags(rawValue: 64) }
    }

    package static func placeholder(full index: Int) -> PackedIncident {
        PackedIncident(time: 0, lat: .nan, lon: .nan, line: index, offset: 0, idHash: 0, summaryStart: 0, summaryCount: 0,
                       idStart: 0, idCount: 0, fatalities: 0, place: 0, source: 0, type: 0, actorNames: 0,
                       actors: ActorList(), flags: .full)
    }
}

/// A batch's packed incidents: its segments in line order.
public struct PackedIncidents: Sendable {
    public internal(set) var segments: [PackedSegment] = []

    public init() {}

    public var count: Int { segments.reduce(0) { $0 + $1.count } }
    public var isEmpty: Bool { segments.allSatisfy { $0.records.isEmpty } }

    package mutating func append(_ segment: PackedSegment) {
        if !segment.records.isEmpty { segments.append(segment) }
    }

    /// Every incident, built in full (for tests and the few callers that want `Incident`s).
    package func materialize() -> [Incident] {
        var out: [Incident] = []
        out.reserveCapacity(count)
        for segment in segments {
            for i in segment.records.indices { out.append(segment.incident(i)) }
        }
        return out
    }
}

extension PackedIncident {
    /// The fixed-size fields of an incident built in full (by another format's decoder, or a
    /// line the fast path left to the general parser), so it is stored by the same initialiser.
    /// Its texts and strings are placed by the store, so their fields stay 0 here; an unknown
    /// offset becomes -1, which the record keeps as "not known". Kept in this target, beside the
    /// memberwise initialiser it calls (which is internal to the module).
    package init(fixedFieldsOf incident: Incident, asciiSummary: Bool) {
        var flags: Flags = []
        if incident.hasClockTime { flags.insert(.hasClockTime) }
        if incident.locatedByGazetteer { flags.insert(.locatedByGazetteer) }
        if asciiSummary { flags.insert(.asciiSummary) }
        if incident.fatalities == nil { flags.insert(.fatalitiesUnknown) }
        self.init(time: incident.time, lat: incident.location?.lat ?? .nan, lon: incident.location?.lon ?? .nan,
                  line: incident.origin.line, offset: incident.origin.offset ?? -1, idHash: 0,
                  summaryStart: 0, summaryCount: 0, idStart: 0, idCount: 0,
                  fatalities: UInt32(clamping: incident.fatalities ?? 0), place: 0, source: 0, type: 0, actorNames: 0,
                  actors: ActorList(incident.actors), flags: flags, precision: incident.precision?.packed ?? 0)
    }
}
