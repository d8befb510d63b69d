import MonitorCore

/// One alert rule, resolved (places to points, actor names to registry ids, type names to
/// `EventType`s): an incident raises the alert when it meets every condition given
/// (ARCHITECTURE.md §9). A condition left out accepts every incident.
public struct AlertRule: Sendable, Equatable {
    /// Names the alert (`AlertKey.rule`); unique among the rules in force.
    public var name: String
    /// Only incidents located inside it; an incident without a location never matches.
    public var zone: Zone?
    /// Only incidents with at least one of these actors; empty: any.
    public var actors: Set<ActorID>
    /// Only incidents of these types; nil: any.
    public var types: Set<EventType>?
    /// Only incidents with at least this many reported dead (0: no condition). An unreported
    /// count never meets a minimum above 0.
    public var minFatalities: Int
    /// Only incidents the `/` filter would keep for this query (places, sources, actors, summary).
    public var text: TextQuery?
    /// Made for a zone that no rule names: every incident inside the zone (`implicitRules`).
    public var isImplicit: Bool

    public init(name: String, zone: Zone? = nil, actors: Set<ActorID> = [], types: Set<EventType>? = nil,
                minFatalities: Int = 0, text: TextQuery? = nil, isImplicit: Bool = false) {
        self.name = name
        self.zone = zone
        self.actors = actors
        self.types = types
        self.minFatalities = minFatalities
        self.text = text
        self.isImplicit = isImplicit
    }

    /// One rule per zone that none of `rules` names, named after the zone and alerting on every
    /// incident inside it (or, when a rule already has that name, "Zone: " and the name).
    public static func implicitRules(for zones: [Zone], besides rules: [AlertRule]) -> [AlertRule] {
        let named = Set(rules.compactMap { $0.zone?.name })
        var taken = Set(rules.map(\.name))
        var made: [AlertRule] = []
        for zone in zones where !named.contains(zone.name) {
            let name = taken.contains(zone.name) ? "Zone: " + zone.name : zone.name
            guard taken.insert(name).inserted else { continue }
            made.append(AlertRule(name: name, zone: zone, isImplicit: true))
        }
        return made
    }
}
