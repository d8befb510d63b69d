/// Where a line came from, so the officer can check the original.
public struct Origin: Sendable, Hashable {
    public var file: String
    public var line: Int
    /// Where the line starts in the file, for reading it again; nil when not known.
    public var offset: Int64?
    public init(file: String, line: Int, offset: Int64? = nil) {
        self.file = file
        self.line = line
        self.offset = offset
    }
}

/// A point on the earth in degrees.
public struct GeoPoint: Sendable, Hashable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

/// One thing that happened somewhere, as read from an event file. All text is already sanitised.
public struct Incident: Sendable, Hashable {
    public var id: String?
    /// Seconds since 1970-01-01 UTC.
    public var time: Int64
    /// False when the file gave only a date.
    public var hasClockTime: Bool
    public var place: String
    public var location: GeoPoint?
    /// True when `location` came from the gazetteer rather than the file.
    public var locatedByGazetteer: Bool
    /// Registry actors involved, first the main one; never empty.
    public var actors: [ActorID]
    /// Names that matched no registry actor, kept as written (shown under Other).
    public var unknownActorNames: [String]
    /// Every actor name the source gave, as written (sanitised, in order, each once), with the
    /// actor it counts under; empty when each name was its actor's key (`actors` says it all).
    public var writtenActors: [WrittenActor]
    public var type: EventType
    /// Nil when the source did not report a count (no field, null, an empty ACLED cell): unknown,
    /// not zero. Filters treat it as below any minimum above 0.
    public var fatalities: Int?
    public var summary: String
    public var source: String
    public var origin: Origin
    /// The source's own precision codes (UCDP GED, ACLED); nil when it gave none.
    public var precision: Precision?
    /// The new holder of `place` from this incident on, when it reports a change of hands
    /// (ARCHITECTURE.md §11); nil for most incidents.
    public var control: ControlHolder?
    /// Arrival number the store gives each incident; stable while positions shift.
    public var seq: Int = 0
    /// How many times a later line with the same id replaced this incident.
    public var revision: Int = 0

    public init(
        id: String? = nil, time: Int64, hasClockTime: Bool = true, place: String = "", location: GeoPoint? = nil,
        locatedByGazetteer: Bool = false, actors: [ActorID], unknownActorNames: [String] = [],
        writtenActors: [WrittenActor] = [],
        type: EventType = .other(""), fatalities: Int? = 0, summary: String = "", source: String = "",
        origin: Origin = Origin(file: "", line: 0), precision: Precision? = nil, control: ControlHolder? = nil
    ) {
        self.id = id
        self.time = time
        self.hasClockTime = hasClockTime
        self.place = place
        self.location = location
        self.locatedByGazetteer = locatedByGazetteer
        self.actors = actors
        self.unknownActorNames = unknownActorNames
        self.writtenActors = writtenActors
        self.type = type
        self.fatalities = fatalities
        self.summary = summary
        self.source = source
        self.origin = origin
        self.precision = precision
        self.control = control
    }
}
