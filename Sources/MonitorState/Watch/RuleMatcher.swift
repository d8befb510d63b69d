import MonitorCore

/// Which alert rules one arriving incident matches. The reducer calls it once per arrival, so it
/// costs O(rules) and reads only the incident's own record and the store's string tables, never
/// the rest of the store (ARCHITECTURE.md §9).
public struct RuleMatcher: Sendable {
    public let rules: [AlertRule]
    /// Each rule's zone box, for rejecting far incidents before the exact test.
    private let boxes: [GeoBox?]

    public init(rules: [AlertRule]) {
        self.rules = rules
        boxes = rules.map { $0.zone?.boundingBox }
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// The names of the rules a live stored incident matches, in rule order.
    public func matches(_ r: StoredIncident, in store: IncidentStore, registry: ActorRegistry) -> [String] {
        guard !rules.isEmpty else { return [] }
        let point = r.isLocated ? GeoPoint(lat: Double(r.lat), lon: Double(r.lon)) : nil
        // Worked out once for all rules, and only when some rule asks.
        var type: EventType?
        var names: [String] = []
        for (i, rule) in rules.enumerated() {
            if rule.zone != nil {
                guard let point, let box = boxes[i], box.contains(point), rule.zone?.contains(point) == true else { continue }
            }
            if rule.minFatalities > 0 {
                guard !r.flags.contains(.fatalitiesUnknown), Int(r.fatalities) >= rule.minFatalities else { continue }
            }
            if !rule.actors.isEmpty {
                guard r.actors.contains(where: rule.actors.contains) else { continue }
            }
            if let types = rule.types {
                let known = type ?? EventType(parsing: store.text(r.type))
                type = known
                guard types.contains(known) else { continue }
            }
            if let text = rule.text {
                guard Self.matches(text, r, store, registry) != text.inverted else { continue }
            }
            names.append(rule.name)
        }
        return names
    }

    /// Whether the incident matches the query before inversion, on the texts the `/` filter reads
    /// (`Filter/FilterEvaluator.swift`): place, source, actor names as written, each actor's key
    /// and name, the summary.
    package static func matches(_ text: TextQuery, _ r: StoredIncident, _ store: IncidentStore, _ registry: ActorRegistry) -> Bool {
        for index in [r.place, r.source, r.actorNames] where index != 0 {
            if text.matches(store.searchText(index)) { return true }
        }
        for id in r.actors where Int(id) < registry.count {
            let actor = registry[id]
            if text.matches(actor.key) || text.matches(actor.name) { return true }
        }
        return text.matches(r.summary)
    }
}
