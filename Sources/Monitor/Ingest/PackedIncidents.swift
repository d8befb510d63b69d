/// Incidents as the JSON Lines fast path decodes them: fixed-size records whose text sits in
/// their segment's byte buffer and string table, so decoding a line allocates nothing and the
/// store takes each record over without building an `Incident`.
///
/// A segment is one decoding worker's output, in line order; a batch holds its segments in order.
public struct PackedSegment: Sendable {
    public let file: String
    var records: [PackedIncident] = []
    /// Summary and id bytes of the records.
    var text: [UInt8] = []
    /// Places, sources, types and actor-names texts; index 0 is "".
    var strings: [String] = [""]
    /// Lines the fast path left to the general parser, as it built them.
    var full: [Incident] = []

    init(file: String) {
        self.file = file
    }

    public var count: Int { records.count }

    func summary(_ r: PackedIncident) -> String { string(r.summaryStart, r.summaryCount) }
    func id(_ r: PackedIncident) -> String? { r.flags.contains(.hasID) ? string(r.idStart, r.idCount) : nil }

    private func string(_ start: UInt32, _ count: UInt32) -> String {
        String(decoding: text[Int(start)..<(Int(start) + Int(count))], as: UTF8.self)
    }

    /// Record `i` as an `Incident`, exactly as the general parser would have built it.
    func incident(_ i: Int) -> Incident {
        let r = records[i]
        if r.flags.contains(.full) { return full[r.line] }
        let names = ActorNamesText.decode(strings[Int(r.actorNames)])
        return Incident(
            id: id(r), time: r.time, hasClockTime: r.flags.contains(.hasClockTime), place: strings[Int(r.place)],
            location: r.lat.isNaN ? nil : GeoPoint(lat: r.lat, lon: r.lon),
            locatedByGazetteer: r.flags.contains(.locatedByGazetteer), actors: r.actors.array,
            unknownActorNames: names.unknown, writtenActors: names.written,
            type: EventType(parsing: strings[Int(r.type)]), fatalities: r.flags.contains(.fatalitiesUnknown) ? nil : Int(r.fatalities), summary: summary(r),
            source: strings[Int(r.source)], origin: Origin(file: file, line: r.line, offset: r.offset))
    }
}

extension PackedSegment {
    /// Unknown names joined with "; ", apart again. Split on bytes: the fast path keeps no name
    /// holding ';', and Character-wise splitting would misread a separator followed by a mark.
    static func splitNames(_ joined: String) -> [String] {
        if joined.isEmpty { return [] }
        let utf8 = Array(joined.utf8)
        var names: [String] = []
        var start = 0
        var i = 0
        while i + 1 < utf8.count {
            if utf8[i] == 0x3B, utf8[i + 1] == 0x20 {
                names.append(String(decoding: utf8[start..<i], as: UTF8.self))
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        names.append(String(decoding: utf8[start...], as: UTF8.self))
        return names
    }
}

/// One decoded incident of a `PackedSegment`.
struct PackedIncident: Sendable {
    var time: Int64
    /// NaN when the incident has no location.
    var lat: Double
    var lon: Double
    /// Line number in its file; for a `.full` record, the index in the segment's `full`.
    var line: Int
    /// Where the line starts in its file.
    var offset: Int64
    /// `IDHash` of the id, computed while decoding (on every core) rather than in the store.
    var idHash: UInt64
    var summaryStart: UInt32
    var summaryCount: UInt32
    var idStart: UInt32
    var idCount: UInt32
    var fatalities: UInt32
    /// Indexes into the segment's `strings`.
    var place: UInt32
    var source: UInt32
    var type: UInt32
    /// The actor-names text, as the store keeps it (`ActorNamesText`; 0: none).
    var actorNames: UInt32
    var actors: ActorList
    var flags: Flags

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let hasClockTime = Flags(rawValue: 1)
        static let locatedByGazetteer = Flags(rawValue: 2)
        /// The line had an id (an empty one included).
        static let hasID = Flags(rawValue: 4)
        /// A placeholder for `full[line]`.
        static let full = Flags(rawValue: 8)
        /// Summary bytes are all ASCII.
        static let asciiSummary = Flags(rawValue: 16)
        /// Id bytes are all ASCII.
        static let asciiID = Flags(rawValue: 32)
        /// No fatality count on the line (absent or null); `fatalities` is 0.
        static let fatalitiesUnknown = Flags(rawValue: 64)
    }

    static func placeholder(full index: Int) -> PackedIncident {
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

    mutating func append(_ segment: PackedSegment) {
        if !segment.records.isEmpty { segments.append(segment) }
    }

    /// Every incident, built in full (for tests and the few callers that want `Incident`s).
    func materialize() -> [Incident] {
        var out: [Incident] = []
        out.reserveCapacity(count)
        for segment in segments {
            for i in segment.records.indices { out.append(segment.incident(i)) }
        }
        return out
    }
}
