import MonitorCore

/// Turns field values that any format supplies into an Incident: resolves actors through the
/// registry, places through the gazetteer, and sanitises all text.
public struct IncidentBuilder: Sendable {
    public let registry: ActorRegistry
    public let gazetteer: Gazetteer

    public init(registry: ActorRegistry = .northernMali, gazetteer: Gazetteer = .mali) {
        self.registry = registry
        self.gazetteer = gazetteer
    }

    public struct Fields: Sendable {
        public var id: String?
        public var time: String?
        public var place: String?
        public var lat: Double?
        public var lon: Double?
        public var actors: [String] = []
        public var type: String?
        public var fatalities: Int?
        public var summary: String?
        public var source: String?
        /// The format's precision codes, already read (`Precision.reading`).
        public var precision: Precision?
        /// The `control` field, or an ACLED row's first actor when its sub-event type changes
        /// who holds the place: the new holder's name as written.
        public var control: String?
        /// Set by a parser that already read `time` from its bytes (then `time` is not used).
        package var parsedTime: TimeParser.Parsed?
        public init() {}
    }

    public func build(_ f: Fields, origin: Origin) -> Result<Incident, LineError> {
        guard let timeText = f.time else { return .failure(LineError("missing time")) }
        guard let time = f.parsedTime ?? TimeParser.parse(timeText) else {
            return .failure(LineError("bad time \"\(TextSanitizer.clean(String(timeText.prefix(40))))\""))
        }
        var ids: [ActorID] = []
        var unknown: [String] = []
        var written: [WrittenActor] = []
        var writtenAsKeys = true
        for raw in f.actors {
            let name = TextSanitizer.clean(raw).trimmingSpaces
            guard !name.isEmpty else { continue }
            let found = registry.lookup(name)
            let id = found ?? registry.otherID
            if found == nil, !unknown.contains(name) { unknown.append(name) }
            if !written.contains(where: { $0.name == name }) { written.append(WrittenActor(name: name, actor: id)) }
            if found == nil || name != registry[id].key { writtenAsKeys = false }
            if !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty else { return .failure(LineError("missing actors")) }
        if let lat = f.lat, !(-90...90).contains(lat) {
            return .failure(LineError("latitude \(lat) out of range"))
        }
        if let lon = f.lon, !(-180...180).contains(lon) {
            return .failure(LineError("longitude \(lon) out of range"))
        }
        if let fatalities = f.fatalities, fatalities < 0 {
            return .failure(LineError("fatalities \(fatalities) below zero"))
        }
        // Whatever the format: the store keeps 32 bits, and a bigger count would be cut silently.
        if let fatalities = f.fatalities, fatalities > FatalityCount.maximum {
            return .failure(LineError(FatalityCount.tooLarge))
        }
        let place = TextSanitizer.clean(f.place ?? "").trimmingSpaces
        var location: GeoPoint?
        var fromGazetteer = false
        if let lat = f.lat, let lon = f.lon {
            location = GeoPoint(lat: lat, lon: lon)
        } else if !place.isEmpty, let town = gazetteer.lookup(place) {
            location = town.point
            fromGazetteer = true
        }
        return .success(Incident(
            id: f.id.map { TextSanitizer.clean($0) },
            time: time.epochSeconds,
            hasClockTime: time.hasClockTime,
            place: place,
            location: location,
            locatedByGazetteer: fromGazetteer,
            actors: ids,
            unknownActorNames: unknown,
            // Names that are all keys say nothing the actor list does not: nothing is kept for them.
            writtenActors: writtenAsKeys ? [] : written,
            type: EventType(parsing: TextSanitizer.clean(f.type ?? "").trimmingSpaces),
            fatalities: f.fatalities,
            summary: TextSanitizer.clean(f.summary ?? "").trimmingSpaces,
            source: TextSanitizer.clean(f.source ?? "").trimmingSpaces,
            origin: origin,
            precision: f.precision,
            control: f.control.flatMap { ControlHolder(name: TextSanitizer.clean($0).trimmingSpaces, registry: registry) }
        ))
    }
}

extension String {
    package var trimmingSpaces: String {
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
