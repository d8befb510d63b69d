/// Everything sitmon shows, as plain values. Views are functions of this state and a size.
public struct AppState: Sendable {
    public typealias Slot = IncidentStore.Slot

    public let registry: ActorRegistry
    public var store: IncidentStore
    public var hidden: Set<ActorID> = []
    /// Slots of the incidents the feed shows, oldest first (derived from store and filters).
    public private(set) var feed: [Slot] = []
    /// Selected row of the feed counted from the newest (0 = newest).
    public var selected = 0
    /// Feed row (counted from the newest) shown at the top of the feed pane.
    public var feedScroll = 0
    public var focus: Pane = .feed
    /// The map's zoom, centre and any feed restriction to one cell.
    public var map = MapViewState()
    /// Highlighted row in the legend when it has focus.
    public var legendCursor = 0
    public var overlay: Overlay = .none
    public var width = 80
    public var height = 24
    public var sources: [SourceInfo]
    /// The most recent skipped lines, newest last (capped; `badLineCount` has the total).
    public var badLines: [BadLine] = []
    public var badLineCount = 0
    public var ascii = false
    public var themeName = "default"
    /// A problem worth the officer's attention that is not about one line (a broken theme or config).
    public var notice: String?

    public static let keptBadLines = 1000

    public init(registry: ActorRegistry = .northernMali, sources: [SourceInfo] = [],
                capacity: Int = IncidentStore.defaultCapacity) {
        self.registry = registry
        self.store = IncidentStore(actorCount: registry.count, capacity: capacity)
        self.sources = sources
    }

    /// Whether an incident passes the actor filter: it shows while any of its actors is shown.
    public func isVisible(_ record: StoredIncident) -> Bool {
        if hidden.isEmpty { return true }
        for actor in record.actors where !hidden.contains(actor) { return true }
        return false
    }

    /// Whether an incident belongs in the feed: shown by the actor filter and inside any map restriction.
    public func isShown(_ record: StoredIncident) -> Bool {
        guard isVisible(record) else { return false }
        guard let restriction = map.restriction else { return true }
        return restriction.admits(record)
    }

    /// The first of an incident's actors that is shown; it decides the glyph and colour.
    public func leadActor(_ actors: ActorList) -> ActorID {
        for actor in actors where !hidden.contains(actor) { return actor }
        return actors.first ?? registry.otherID
    }

    /// The slot shown at a feed row counted from the newest.
    public func feedSlot(_ row: Int) -> Slot { feed[feed.count - 1 - row] }

    public var selectedSlot: Slot? {
        selected >= 0 && selected < feed.count ? feedSlot(selected) : nil
    }

    public var selectedIncident: Incident? { selectedSlot.map { store.incident($0) } }

    /// Recomputes the feed after the filters or the store's order changed, keeping the selection on
    /// the same incident unless it was on the newest (then it stays there: follow mode).
    public mutating func rebuildFeed() {
        let followed = selected == 0
        let keep = selectedSlot
        var rows: [Slot] = []
        rows.reserveCapacity(store.count)
        for slot in store.timeOrder where isShown(store[slot]) { rows.append(slot) }
        feed = rows
        if followed {
            selected = 0
        } else if let keep, let index = feed.lastIndex(of: keep) {
            selected = feed.count - 1 - index
        }
        clampSelection()
    }

    /// Adds incidents that arrived after every other one, without rebuilding the feed. While the
    /// selection is not on the newest, it and the view stay on the same incidents.
    public mutating func appendToFeed(_ slots: [Slot]) {
        var added = 0
        for slot in slots where isShown(store[slot]) {
            feed.append(slot)
            added += 1
        }
        if selected > 0 {
            selected += added
            feedScroll += added
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
