import MonitorCore

/// Everything that decides which incidents the feed, map, legend and timeline show.
/// All parts combine; `isEmpty` when nothing is filtered.
public struct FeedFilter: Sendable, Equatable {
    public var hiddenActors: Set<ActorID> = []
    /// Event types shown (by label); nil shows every type.
    public var types: Set<String>?
    public var minFatalities = 0
    public var window: TimeWindow = .all
    public var text: TextQuery?
    /// Only incidents an officer flagged (`*`; the watch log's flags, ARCHITECTURE.md §9).
    public var flaggedOnly = false

    public init(hiddenActors: Set<ActorID> = []) { self.hiddenActors = hiddenActors }

    public var isEmpty: Bool {
        hiddenActors.isEmpty && types == nil && minFatalities == 0 && window == .all && text == nil && !flaggedOnly
    }

    /// The steps `f` cycles through.
    public static let fatalitySteps = [0, 1, 5, 10, 50]

    /// What the status line says about the filters in force, shortest first.
    public func summary(registry: ActorRegistry) -> [String] {
        var parts: [String] = []
        if !hiddenActors.isEmpty {
            let shown = registry.actors.indices.filter { !hiddenActors.contains(ActorID($0)) }
            parts.append(shown.isEmpty ? "all actors hidden" : shown.count <= 3
                ? "actors: " + shown.map { registry.actors[$0].key }.joined(separator: "+")
                : "hiding " + hiddenActors.sorted().map { registry[$0].key }.joined(separator: ","))
        }
        if let types { parts.append("types: " + (types.isEmpty ? "none" : types.sorted().joined(separator: ","))) }
        if minFatalities > 0 { parts.append("≥\(minFatalities) killed") }
        if window != .all { parts.append(window.label) }
        if let text { parts.append("/\(text.raw)") }
        if flaggedOnly { parts.append("flagged only") }
        return parts
    }
}
