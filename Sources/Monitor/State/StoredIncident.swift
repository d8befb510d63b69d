/// An incident as the store keeps it: fixed-size fields and indexes into string tables, so a
/// million of them fit in well under 100 bytes each beyond their summaries.
public struct StoredIncident: Sendable {
    public var time: Int64
    /// Float is ample (about 1 m) for plotting; NaN when the incident has no location.
    public var lat: Float
    public var lon: Float
    public var summary: String
    /// Empty when the file gave none.
    public var id: String
    public var actors: ActorList
    public var place: UInt32
    public var source: UInt32
    public var type: UInt32
    /// Names that matched no registry actor, joined with "; " (index into the text table).
    public var unknownNames: UInt32
    public var fatalities: UInt32
    public var line: UInt32
    public var file: UInt16
    public var revision: UInt16
    public var flags: Flags

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let hasClockTime = Flags(rawValue: 1)
        public static let locatedByGazetteer = Flags(rawValue: 2)
        public static let live = Flags(rawValue: 4)
    }

    public var isLocated: Bool { !lat.isNaN }
    public var isLive: Bool { flags.contains(.live) }
}
