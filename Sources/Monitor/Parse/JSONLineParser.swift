import Foundation

/// Reads sitmon's native format: one JSON object per line (see README, "The event file").
public struct JSONLineParser: Sendable {
    public let builder: IncidentBuilder

    public init(builder: IncidentBuilder = IncidentBuilder()) {
        self.builder = builder
    }

    public func parse(line: some Collection<UInt8>, origin: Origin) -> Result<Incident, LineError> {
        let data = Data(line)
        guard String(data: data, encoding: .utf8) != nil else { return .failure(LineError("invalid UTF-8")) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            return .failure(LineError("invalid JSON"))
        }
        guard let dict = object as? [String: Any] else { return .failure(LineError("not a JSON object")) }
        return parse(fields: dict, origin: origin)
    }

    /// One line as a record: an incident, a retraction (`{"id": "...", "retract": true}`) or a bad line.
    public func record(line: [UInt8], origin: Origin) -> ParsedRecord {
        let data = Data(line)
        guard String(data: data, encoding: .utf8) != nil else {
            return .bad(BadLine(origin: origin, reason: "invalid UTF-8", excerpt: SourceReader.excerpt(line)))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: []) else {
            return .bad(BadLine(origin: origin, reason: "invalid JSON", excerpt: SourceReader.excerpt(line)))
        }
        guard let dict = object as? [String: Any] else {
            return .bad(BadLine(origin: origin, reason: "not a JSON object", excerpt: SourceReader.excerpt(line)))
        }
        if let retract = dict["retract"] as? NSNumber, Self.isBool(retract), retract.boolValue {
            guard let id = dict["id"].flatMap(Self.text), !id.isEmpty else {
                return .bad(BadLine(origin: origin, reason: "retraction without id", excerpt: SourceReader.excerpt(line)))
            }
            return .retraction(id: TextSanitizer.clean(id), origin: origin)
        }
        switch parse(fields: dict, origin: origin) {
        case .success(let incident): return .incident(incident)
        case .failure(let error): return .bad(BadLine(origin: origin, reason: error.reason, excerpt: SourceReader.excerpt(line)))
        }
    }

    /// Builds an incident from a decoded JSON object (shared with GeoJSON properties).
    public func parse(fields dict: [String: Any], origin: Origin) -> Result<Incident, LineError> {
        var f = IncidentBuilder.Fields()
        if let id = dict["id"] { f.id = Self.text(id) }
        guard let time = dict["time"] else { return .failure(LineError("missing time")) }
        guard let timeText = time as? String else { return .failure(LineError("time is not a string")) }
        f.time = timeText
        switch dict["actors"] {
        case let list as [Any]:
            f.actors = list.compactMap { $0 as? String }
        case let single as String:
            f.actors = [single]
        case nil, is NSNull:
            return .failure(LineError("missing actors"))
        default:
            return .failure(LineError("actors is not a list of names"))
        }
        f.place = dict["place"].flatMap(Self.text)
        switch (Self.number(dict["lat"]), Self.number(dict["lon"])) {
        case (.some(.some(let lat)), .some(.some(let lon))):
            f.lat = lat
            f.lon = lon
        case (.some(nil), _): return .failure(LineError("lat is not a number"))
        case (_, .some(nil)): return .failure(LineError("lon is not a number"))
        default: break  // one or both absent: fall back to the place name
        }
        if let raw = dict["fatalities"], !(raw is NSNull) {
            guard let value = Self.number(raw) ?? nil, value == value.rounded(), abs(value) < 1e9 else {
                return .failure(LineError("fatalities is not a whole number"))
            }
            f.fatalities = Int(value)
        }
        f.type = dict["type"].flatMap(Self.text)
        f.summary = dict["summary"].flatMap(Self.text)
        f.source = dict["source"].flatMap(Self.text)
        return builder.build(f, origin: origin)
    }

    static func text(_ value: Any) -> String? {
        switch value {
        case let s as String: s
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }

    /// nil: absent or null; .some(nil): present but not a number; .some(x): a number.
    static func number(_ value: Any?) -> Double?? {
        guard let value, !(value is NSNull) else { return nil }
        if let n = value as? NSNumber, !Self.isBool(n) { return .some(n.doubleValue) }
        if let s = value as? String, let d = Double(s.trimmingSpaces), d.isFinite { return .some(d) }
        return .some(nil)
    }

    /// JSON true/false come back as a boolean NSNumber subclass; they are not numbers here.
    static func isBool(_ n: NSNumber) -> Bool {
        String(describing: type(of: n)).contains("Boolean")
    }
}
