/// Everything sitmon shows, as plain values. Views are functions of this state and a size.
public struct AppState: Sendable {
    public let registry: ActorRegistry
    public var store: IncidentStore
    public var hidden: Set<ActorID> = []
    /// Store positions of the incidents the feed shows, newest first (derived; see `refreshFeed`).
    public private(set) var feed: [Int] = []
    /// Index into `feed` of the selected incident; 0 is the newest.
    public var selected = 0
    /// Index into `feed` of the first row the feed pane shows.
    public var feedScroll = 0
    public var focus: Pane = .feed
    /// Highlighted row in the legend when it has focus.
    public var legendCursor = 0
    public var overlay: Overlay = .none
    public var width = 80
    public var height = 24
    public var sources: [SourceInfo]
    /// The most recent skipped lines, newest last (capped; `badLineCount` has the total).
    public var badLines: [BadLine] = []
    public var badLineCount = 0
    public var revisions = 0
    public var ascii = false
    public var themeName = "default"

    public static let keptBadLines = 1000

    public init(registry: ActorRegistry = .northernMali, sources: [SourceInfo] = []) {
        self.registry = registry
        self.store = IncidentStore(actorCount: registry.count)
        self.sources = sources
    }

    /// Whether an incident passes the actor filter: it shows while any of its actors is shown.
    public func isVisible(_ incident: Incident) -> Bool {
        incident.actors.contains { !hidden.contains($0) }
    }

    /// The first of an incident's actors that is shown; it decides the glyph and colour.
    public func leadActor(_ incident: Incident) -> ActorID {
        incident.actors.first { !hidden.contains($0) } ?? incident.actors.first ?? registry.otherID
    }

    public var selectedIncident: Incident? {
        feed.indices.contains(selected) ? store.incidents[feed[selected]] : nil
    }

    /// Recomputes the feed after the store or the filters changed, keeping the selection on the
    /// same incident unless it was on the newest (then it stays on the newest: follow mode).
    public mutating func refreshFeed() {
        let followed = selected == 0
        let keepSeq = selectedIncident?.seq
        var rows: [Int] = []
        rows.reserveCapacity(store.count)
        for position in store.incidents.indices.reversed() where isVisible(store.incidents[position]) {
            rows.append(position)
        }
        feed = rows
        if followed {
            selected = 0
        } else if let keepSeq, let index = feed.firstIndex(where: { store.incidents[$0].seq == keepSeq }) {
            selected = index
        }
        clampSelection()
    }

    mutating func clampSelection() {
        selected = max(0, min(selected, feed.count - 1))
        let rows = Layout(width: width, height: height).feedRows
        if selected < feedScroll { feedScroll = selected }
        if rows > 0, selected >= feedScroll + rows { feedScroll = selected - rows + 1 }
        feedScroll = max(0, min(feedScroll, max(0, feed.count - rows)))
    }
}
