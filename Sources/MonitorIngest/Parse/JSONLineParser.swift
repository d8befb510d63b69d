import MonitorCore

/// Reads sitmon's native format: one JSON object per line (see README, "The event file").
/// Built on `JSONScanner`, which validates the whole line in one pass and lets this pull the
/// fields straight from the bytes: no dictionary, no Foundation.
public struct JSONLineParser: Sendable {
    public let builder: IncidentBuilder

    public init(builder: IncidentBuilder = IncidentBuilder()) {
        self.builder = builder
    }

    public func parse(line: some Collection<UInt8>, origin: Origin) -> Result<Incident, LineError> {
        switch record(line: Array(line), origin: origin) {
        case .incident(let incident): .success(incident)
        case .bad(let bad): .failure(LineError(bad.reason))
        case .retraction: .failure(LineError("retraction, not an incident"))
        }
    }

    /// What a value was, when it was not what a field needs.
    private enum Problem { case none, wrongType(String) }

    /// One line as a record: an incident, a retraction (`{"id": "...", "retract": true}`) or a bad line.
    public func record(line: [UInt8], origin: Origin) -> ParsedRecord {
        line.withUnsafeBytes { record(bytes: $0, origin: origin) }
    }

    /// Same as `record(line:origin:)`, straight from bytes in place (no array per line).
    public func record(bytes line: UnsafeRawBufferPointer, origin: Origin) -> ParsedRecord {
        var f = IncidentBuilder.Fields()
        var hasTime = false, timeIsString = true
        var hasActors = false, actorsProblem = false
        var latProblem = false, lonProblem = false
        var fatalitiesRaw: Double?, fatalitiesProblem = false
        var retract = false
        let error = JSONScanner.scanFields(line) { field in
            if field.keyIs("time") {
                hasTime = !field.isNull
                timeIsString = field.kind == .string || field.isNull
                // Most times parse straight from the line; the text is only needed for the error.
                if let bytes = field.plainStringBytes, let parsed = TimeParser.parse(raw: bytes) {
                    f.parsedTime = parsed
                    f.time = ""
                } else {
                    f.parsedTime = nil
                    f.time = field.string
                }
            } else if field.keyIs("actors") {
                hasActors = !field.isNull
                actorsProblem = false
                f.actors = []
                switch field.kind {
                case .array: field.forEachElement { if let s = $0.string { f.actors.append(s) } }
                case .string: f.actors = field.string.map { [$0] } ?? []
                case .null: break
                default: actorsProblem = true
                }
            } else if field.keyIs("lat") {
                (f.lat, latProblem) = Self.coordinate(field)
            } else if field.keyIs("lon") {
                (f.lon, lonProblem) = Self.coordinate(field)
            } else if field.keyIs("place") {
                f.place = Self.text(field)
            } else if field.keyIs("id") {
                f.id = Self.text(field)
            } else if field.keyIs("type") {
                f.type = Self.text(field)
            } else if field.keyIs("summary") {
                f.summary = Self.text(field)
            } else if field.keyIs("source") {
                f.source = Self.text(field)
            } else if field.keyIs("control") {
                f.control = Self.text(field)
            } else if field.keyIs("fatalities") {
                fatalitiesProblem = !(field.kind == .number || field.isNull)
                fatalitiesRaw = field.number
            } else if field.keyIs("retract") {
                retract = field.bool ?? false
            }
        }
        func bad(_ reason: String) -> ParsedRecord {
            .bad(BadLine(origin: origin, reason: reason, excerpt: BadLine.excerpt(line)))
        }
        if let error {
            if error.message.hasPrefix("invalid UTF-8") { return bad("invalid UTF-8 at byte \(error.offset)") }
            if error.message == "expected '{'", case .success = JSONScanner.parse(line) { return bad("not a JSON object") }
            return bad(error.description)
        }
        if retract {
            guard let id = f.id, !id.isEmpty else { return bad("retraction without id") }
            return .retraction(id: TextSanitizer.clean(id), origin: origin)
        }
        guard hasTime else { return bad("missing time") }
        guard timeIsString else { return bad("time is not a string") }
        guard hasActors else { return bad("missing actors") }
        guard !actorsProblem else { return bad("actors is not a list of names") }
        if latProblem { return bad("lat is not a number") }
        if lonProblem { return bad("lon is not a number") }
        if f.lat == nil || f.lon == nil {
            // One coordinate alone is not a location: fall back to the place name.
            f.lat = nil
            f.lon = nil
        }
        if fatalitiesProblem { return bad("fatalities is not a whole number") }
        if let value = fatalitiesRaw {
            switch FatalityCount.from(value) {
            case .success(let count): f.fatalities = count
            case .failure(let error): return bad(error.reason)
            }
        }
        switch builder.build(f, origin: origin) {
        case .success(let incident): return .incident(incident)
        case .failure(let error): return bad(error.reason)
        }
    }

    /// Text fields accept strings, and numbers written as numbers (an id of 42).
    package static func text(_ field: JSONField) -> String? {
        switch field.kind {
        case .string: field.string
        case .number: String(decoding: field.raw, as: UTF8.self)
        default: nil
        }
    }

    /// A number, or a string holding one ("16.8"); anything else is a problem unless null.
    package static func coordinate(_ field: JSONField) -> (Double?, Bool) {
        switch field.kind {
        case .number: return (field.number, false)
        case .null: return (nil, false)
        case .string:
            if let s = field.string, let d = Double(s.trimmingSpaces), d.isFinite { return (d, false) }
            return (nil, true)
        default: return (nil, true)
        }
    }
}
