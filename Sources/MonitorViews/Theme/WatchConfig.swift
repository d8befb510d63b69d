import MonitorCore
import MonitorState
import TOMLKit

/// The `[[zone]]` and `[[alert]]` tables of config.toml (ARCHITECTURE.md §9). Unlike the other
/// keys, a bad zone or rule does not throw the file away: it is left out, named in `problems`
/// (file, line, what is wrong), and the rest apply. Places resolve through the gazetteer, actors
/// through the registry's keys and aliases, types through `EventType`'s names.
package struct WatchConfig: Sendable, Equatable {
    package var zones: [Zone] = []
    /// The `[[alert]]` rules, then one for each zone none of them names (`AlertRule.implicitRules`).
    package var rules: [AlertRule] = []
    package var problems: [ThemeError] = []

    /// What `types` accepts, for the message when it meets something else.
    package static let typeNames = "battle, explosion (or remote violence), violence against civilians (or vac), protest, riot, strategic"

    package static func parse(zones: (any TOMLValueConvertible)?, alerts: (any TOMLValueConvertible)?, lines: ConfigLines,
                              file: String, gazetteer: Gazetteer, registry: ActorRegistry) -> WatchConfig {
        var config = WatchConfig()
        var reader = Reader(lines: lines, file: file, gazetteer: gazetteer, registry: registry)
        for (table, header) in reader.tables(zones, named: "zone") {
            if let zone = reader.zone(table, header: header, ordinal: config.zones.count + 1) {
                if config.zones.contains(where: { $0.name == zone.name }) {
                    reader.problem(header, "zone \"\(zone.name)\": a zone of that name comes earlier")
                } else {
                    config.zones.append(zone)
                }
            }
        }
        var explicit: [AlertRule] = []
        for (table, header) in reader.tables(alerts, named: "alert") {
            if let rule = reader.rule(table, header: header, zones: config.zones) {
                if explicit.contains(where: { $0.name == rule.name }) {
                    reader.problem(header, "alert \"\(rule.name)\": an alert of that name comes earlier")
                } else {
                    explicit.append(rule)
                }
            }
        }
        config.rules = explicit + AlertRule.implicitRules(for: config.zones, besides: explicit)
        config.problems = reader.problems
        return config
    }

    /// Reads one table at a time, noting what is wrong.
    private struct Reader {
        let lines: ConfigLines
        let file: String
        let gazetteer: Gazetteer
        let registry: ActorRegistry
        var problems: [ThemeError] = []

        init(lines: ConfigLines, file: String, gazetteer: Gazetteer, registry: ActorRegistry) {
            self.lines = lines
            self.file = file
            self.gazetteer = gazetteer
            self.registry = registry
        }

        mutating func problem(_ line: Int?, _ what: String) {
            problems.append(ThemeError(file: file, line: line, problem: what, kind: "config"))
        }

        /// The tables of an array of tables with their header lines; a problem if it is not one.
        mutating func tables(_ value: (any TOMLValueConvertible)?, named name: String) -> [(TOMLTable, Int?)] {
            guard let value else { return [] }
            let headers = lines.headers(of: name)
            guard let array = value.array else {
                problem(lines.line(of: name, after: 0), "\(name) must be written as [[\(name)]] tables")
                return []
            }
            var tables: [(TOMLTable, Int?)] = []
            for (i, element) in array.enumerated() {
                let header = i < headers.count ? headers[i] : nil
                guard let table = element.table else {
                    problem(header, "each \(name) must be a table ([[\(name)]])")
                    continue
                }
                tables.append((table, header))
            }
            return tables
        }

        func line(_ key: String, _ header: Int?) -> Int? {
            header.flatMap { lines.line(of: key, after: $0) } ?? header
        }

        /// The table's name, or a problem naming the table by its position.
        mutating func name(_ table: TOMLTable, _ kind: String, header: Int?) -> String? {
            guard let value = table["name"] else {
                problem(header, "\(kind) without a name")
                return nil
            }
            guard let name = value.string, !name.isEmpty else {
                problem(line("name", header), "\(kind): name must be a text")
                return nil
            }
            return name
        }

        mutating func unknownKeys(_ table: TOMLTable, _ allowed: [String], _ what: String, header: Int?) -> Bool {
            for key in table.keys where !allowed.contains(key) {
                problem(line(key, header), "\(what): unknown key \"\(key)\" (expected \(allowed.joined(separator: ", ")))")
                return true
            }
            return false
        }

        static func number(_ value: (any TOMLValueConvertible)?) -> Double? {
            guard let value else { return nil }
            return value.double ?? value.int.map(Double.init)
        }

        /// A gazetteer place or a `[lat, lon]` pair; nil with a message when neither.
        func point(_ value: any TOMLValueConvertible) -> Result<GeoPoint, Failure> {
            if let place = value.string {
                guard let town = gazetteer.lookup(place) else { return .failure(Failure("unknown place \"\(place)\"")) }
                return .success(town.point)
            }
            if let pair = value.array, pair.count == 2, let lat = Self.number(pair[0]), let lon = Self.number(pair[1]) {
                guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                    return .failure(Failure("[\(lat), \(lon)] is not a [lat, lon] pair on the earth"))
                }
                return .success(GeoPoint(lat: lat, lon: lon))
            }
            return .failure(Failure("a place is a name from the gazetteer or a [lat, lon] pair"))
        }

        struct Failure: Error {
            let message: String
            init(_ message: String) { self.message = message }
        }

        mutating func zone(_ table: TOMLTable, header: Int?, ordinal: Int) -> Zone? {
            guard let name = name(table, "zone \(ordinal)", header: header) else { return nil }
            let what = "zone \"\(name)\""
            if unknownKeys(table, ["name", "around", "radius_km", "path", "width_km"], what, header: header) { return nil }
            switch (table["around"], table["path"]) {
            case (let around?, nil):
                let center: GeoPoint
                switch point(around) {
                case .success(let p): center = p
                case .failure(let f):
                    problem(line("around", header), "\(what): \(f.message)")
                    return nil
                }
                guard let radius = Self.number(table["radius_km"]), radius > 0 else {
                    problem(line("radius_km", header), "\(what): radius_km must be a number of kilometres above 0")
                    return nil
                }
                if table["width_km"] != nil {
                    problem(line("width_km", header), "\(what): width_km belongs to a path; a circle has radius_km")
                    return nil
                }
                return Zone(name: name, shape: .circle(center: center, radiusKm: radius))
            case (nil, let path?):
                guard let items = path.array, items.count >= 2 else {
                    problem(line("path", header), "\(what): path must list at least two places or [lat, lon] pairs")
                    return nil
                }
                var points: [GeoPoint] = []
                for item in items {
                    switch point(item) {
                    case .success(let p): points.append(p)
                    case .failure(let f):
                        problem(line("path", header), "\(what): \(f.message)")
                        return nil
                    }
                }
                guard let width = Self.number(table["width_km"]), width > 0 else {
                    problem(line("width_km", header), "\(what): width_km must be a number of kilometres above 0 (the corridor's full width)")
                    return nil
                }
                if table["radius_km"] != nil {
                    problem(line("radius_km", header), "\(what): radius_km belongs to a circle; a path has width_km")
                    return nil
                }
                return Zone(name: name, shape: .corridor(path: points, widthKm: width))
            case (_?, _?):
                problem(header, "\(what): give around or path, not both")
                return nil
            case (nil, nil):
                problem(header, "\(what): needs around (and radius_km) or path (and width_km)")
                return nil
            }
        }

        mutating func rule(_ table: TOMLTable, header: Int?, zones: [Zone]) -> AlertRule? {
            guard let name = name(table, "alert", header: header) else { return nil }
            let what = "alert \"\(name)\""
            let keys = ["name", "zone", "actors", "types", "min_fatalities", "text"]
            if unknownKeys(table, keys, what, header: header) { return nil }
            var rule = AlertRule(name: name)
            if let value = table["zone"] {
                guard let zoneName = value.string else {
                    problem(line("zone", header), "\(what): zone must be the name of a [[zone]]")
                    return nil
                }
                guard let zone = zones.first(where: { $0.name == zoneName }) else {
                    problem(line("zone", header), "\(what): no zone named \"\(zoneName)\" (or it has a problem of its own)")
                    return nil
                }
                rule.zone = zone
            }
            if let value = table["actors"] {
                guard let names = strings(value), !names.isEmpty else {
                    problem(line("actors", header), "\(what): actors must be a list of actor names, such as [\"JNIM\"]")
                    return nil
                }
                for actor in names {
                    guard let id = registry.lookup(actor) else {
                        let known = registry.actors.map(\.key).joined(separator: ", ")
                        problem(line("actors", header), "\(what): unknown actor \"\(actor)\" (known: \(known), or their aliases)")
                        return nil
                    }
                    rule.actors.insert(id)
                }
            }
            if let value = table["types"] {
                guard let names = strings(value), !names.isEmpty else {
                    problem(line("types", header), "\(what): types must be a list of event types, such as [\"battle\"]")
                    return nil
                }
                var types = Set<EventType>()
                for typeName in names {
                    let type = EventType(parsing: typeName)
                    if case .other = type {
                        problem(line("types", header), "\(what): unknown event type \"\(typeName)\" (known: \(WatchConfig.typeNames))")
                        return nil
                    }
                    types.insert(type)
                }
                rule.types = types
            }
            if let value = table["min_fatalities"] {
                guard let n = value.int, n >= 0 else {
                    problem(line("min_fatalities", header), "\(what): min_fatalities must be a whole number, 0 or more")
                    return nil
                }
                rule.minFatalities = n
            }
            if let value = table["text"] {
                guard let text = value.string else {
                    problem(line("text", header), "\(what): text must be a text, as typed after /")
                    return nil
                }
                do {
                    rule.text = try TextQuery(text)
                } catch {
                    problem(line("text", header), "\(what): \(error.message)")
                    return nil
                }
            }
            if rule.zone == nil, rule.actors.isEmpty, rule.types == nil, rule.minFatalities == 0, rule.text == nil {
                problem(header, "\(what) has no condition (zone, actors, types, min_fatalities or text): it would alert on everything")
                return nil
            }
            return rule
        }

        func strings(_ value: any TOMLValueConvertible) -> [String]? {
            if let one = value.string { return [one] }
            guard let array = value.array else { return nil }
            var out: [String] = []
            for item in array {
                guard let s = item.string else { return nil }
                out.append(s)
            }
            return out
        }
    }
}

extension ThemeError: Equatable {
    public static func == (a: ThemeError, b: ThemeError) -> Bool {
        a.file == b.file && a.line == b.line && a.problem == b.problem && a.kind == b.kind
    }
}
