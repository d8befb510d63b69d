import MonitorCore
import MonitorIngest

/// Everything sitmon shows, as plain values. Views are functions of this state and a size.
public struct AppState: Sendable {
    public typealias Slot = IncidentStore.Slot

    public let registry: ActorRegistry
    public var store: IncidentStore
    /// Which incidents feed, map, legend and timeline show (actors, types, fatalities, window, text).
    public var filter = FeedFilter()
    /// The replay moment: while set, only incidents at or before it are shown.
    public var replayAt: Int64?
    /// Newest time the time window was last measured from (a moving end slides it, `slideWindow`).
    public internal(set) var windowEnd: Int64?
    /// `o` was pressed: the next digit solos an actor.
    public var pendingSolo = false
    /// The hidden actors before a solo, restored when the same solo is asked again.
    public var soloUndo: Set<ActorID>?
    /// The `/` prompt while it is open.
    public var prompt: TextPrompt?
    /// The `F` prompt while it is open.
    public var numberPrompt: NumberPrompt?
    /// Event types present in the store, listed by the type picker (filled when it opens).
    public var typeChoices: [String] = []
    /// Per actor, how many incidents of the feed it takes part in (the legend's "shown" figure).
    public internal(set) var shownCounts: [Int] = []
    /// Incidents per day or week for the timeline strip (see `rebuildTimeline`).
    public internal(set) var timeline: TimelineHistogram?
    /// Every incident that passed the filters at the last rebuild, so a stricter text query only
    /// looks at those again.
    package var passing: PassingSet = .unknown
    /// What filter passes read of every stored incident (see `currentScanKeys`).
    package var scanKeys = ScanKeys()
    /// Per place, the incidents of the feed (the hotspots panel ranks them).
    public internal(set) var hotspots = PlaceTallies()
    /// The incidents the map plots, per cell of the map's current projection.
    public internal(set) var mapCells: IncidentCells?
    /// Arrivals the last ingest left for the derived state to absorb (see `bringUpToDate`).
    package var arrivals = PendingArrivals()
    /// A reducer asks the next rebuild to keep this incident selected even if the newest row was
    /// selected (lifting a map restriction must not jump to another incident).
    package var selectionPin: Slot?
    /// Incidents that arrived (and pass the filters) while the feed was paused or replaying.
    public var newSincePause = 0
    /// Slots of the incidents the feed shows, oldest first (derived from store and filters).
    public internal(set) var feed: [Slot] = []
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
    public var themeName = "default"
    /// Problems worth the officer's attention that are not about one line (a broken theme or
    /// config, a file named twice), a line each; the status line joins them, the sources view lists them.
    public var notice: String?
    /// A short answer to the last key ("theme: light", "no position"), cleared by the next key.
    public var flash: String?
    /// Feed order: incident time or arrival.
    public var order: FeedOrder = .time
    /// Wall-clock seconds (UTC) as of the last tick or arrival: the status line's clock and the
    /// age of each source's last data are measured from it.
    public var now: Int64 = 0
    /// Wall-clock seconds of the first tick: a source that never sent a line is silent since then.
    public var startedAt: Int64?
    /// A following source with no new line for longer than this (seconds) is shown as silent;
    /// nil: never (`stale_after = "0"`).
    public var staleAfter: Int64? = AppState.defaultStaleAfter
    /// Incidents the sources withdrew, newest last (capped; `retractedCount` has the total).
    public var retracted: [Retraction] = []
    public var retractedCount = 0
    /// What the watch log holds and the alerts shown (ARCHITECTURE.md §9).
    public var watch = WatchState()
    /// `watch.rules` ready to test arrivals against (rebuilt when zones or rules change).
    package var matcher = RuleMatcher(rules: [])
    /// Incidents per day in each zone and region, for the surge rule (ARCHITECTURE.md §9).
    package var surges = SurgeTracker()
    /// The zones and regions an arrival is counted in for the surge rule (rebuilt with the zones).
    package var surgeAreas = SurgeAreas(zones: [])
    /// The `:` command line, or a one-line question (an acknowledgement's note, a new zone's name).
    public var linePrompt: LinePrompt?

    public static let defaultStaleAfter: Int64 = 30 * 60
    public static let keptRetractions = 200
    /// How long the status line mentions the last retraction (seconds).
    public static let retractionShownFor: Int64 = 15 * 60

    public static let keptBadLines = 1000

    public init(registry: ActorRegistry = .northernMali, sources: [SourceInfo] = [],
                capacity: Int = IncidentStore.defaultCapacity, themeName: String = "default", notice: String? = nil,
                staleAfter: Int64? = AppState.defaultStaleAfter) {
        self.registry = registry
        self.store = IncidentStore(actorCount: registry.count, capacity: capacity)
        self.sources = sources
        self.themeName = themeName
        self.notice = notice
        self.staleAfter = staleAfter
    }

    /// Actors hidden by the legend keys (part of `filter`, kept as a name of its own for brevity).
    public var hidden: Set<ActorID> {
        get { filter.hiddenActors }
        set { filter.hiddenActors = newValue }
    }

    /// Whether an incident passes the actor filter: it shows while any of its actors is shown.
    public func isVisible(_ record: StoredIncident) -> Bool {
        if hidden.isEmpty { return true }
        let actors = record.actors
        for k in 0..<actors.count where !hidden.contains(actors[k]) { return true }
        return false
    }

    /// The first of an incident's actors that is shown; it decides the glyph and colour.
    public func leadActor(_ actors: ActorList) -> ActorID {
        Self.lead(actors, hiddenMask: hiddenMask, other: registry.otherID)
    }

    /// Hidden actors as bits, for loops over many incidents (a set look-up per actor is slow there).
    public var hiddenMask: UInt16 {
        var mask: UInt16 = 0
        for id in filter.hiddenActors where id < 16 { mask |= 1 << UInt16(id) }
        return mask
    }

    @inline(__always)
    public static func lead(_ actors: ActorList, hiddenMask: UInt16, other: ActorID) -> ActorID {
        if hiddenMask != 0 {
            // By index: the list's iterator is boxed, and this runs once per incident in a scan.
            for k in 0..<actors.count where hiddenMask & (1 << UInt16(actors[k])) == 0 { return actors[k] }
        }
        return actors.first ?? other
    }

    /// The slot shown at a feed row counted from the newest.
    public func feedSlot(_ row: Int) -> Slot { feed[feed.count - 1 - row] }

    public var selectedSlot: Slot? {
        selected >= 0 && selected < feed.count ? feedSlot(selected) : nil
    }

    public var selectedIncident: Incident? { selectedSlot.map { store.incident($0) } }

    /// Recomputes the feed, the legend's shown figures, the timeline, the hotspots and the map's
    /// cells after the filters or the store's order changed, in one pass over the store. The
    /// selection stays on the same incident unless it was on the newest (then it stays there:
    /// follow mode).
    public mutating func rebuildFeed() {
        let everything = store.timeRange(from: nil, through: replayAt)
        rescan(store.timeOrder[everything])
    }

    /// `rebuildFeed`, keeping the selection on `slot` whenever it is still in the feed (even when
    /// it was the newest row: lifting a map restriction must not jump to another incident).
    public mutating func rebuildFeed(keeping slot: Slot?) {
        let everything = store.timeRange(from: nil, through: replayAt)
        rescan(store.timeOrder[everything], keeping: slot)
    }

    /// The pass behind `rebuildFeed`, over `slots` (oldest first): the incidents that can still pass.
    package mutating func rescan(_ slots: ArraySlice<Slot>, keeping pinned: Slot? = nil) {
        let followed = selected == 0 && pinned == nil
        let keep = pinned ?? selectedSlot
        windowEnd = store.newestTime
        let windowFrom = windowSpan?.lowerBound ?? .min
        let feedHoldsAll = windowFrom == .min && map.restriction == nil
        let scan = ShownScan(
            filter: filter, store: store, registry: registry,
            windowFrom: windowFrom, restriction: map.restriction,
            timeline: emptyTimeline(), projection: mapProjection, collectsPassing: !feedHoldsAll)
        refreshScanKeys()
        let part = scan.run(slots, keys: scanKeys)
        feed = part.feed
        // Slots are numbered as incidents arrive, so arrival order is slot order.
        if order == .arrival { feed.sort() }
        passing = !feedHoldsAll ? .slots(part.passing) : order == .time ? .feed : .unknown
        shownCounts = Array(part.actorCounts.prefix(registry.count))
        if shownCounts.count < registry.count { shownCounts += Array(repeating: 0, count: registry.count - shownCounts.count) }
        timeline = part.timeline
        timeline?.settleLeaders()
        hotspots = part.places
        mapCells = part.cells
        if followed {
            selected = 0
        } else if let keep, let index = feed.lastIndex(of: keep) {
            selected = feed.count - 1 - index
        } else if pinned != nil {
            selected = 0
        }
        clampSelection()
    }

    /// The map's projection at the current size, nil when the layout has no map.
    package var mapProjection: Projection? {
        let projection = MapViewport.projection(self)
        return projection.columns > 0 && projection.rows > 0 ? projection : nil
    }

    /// Gathers the map's cells again after the map moved or the screen changed size; the feed and
    /// everything else stay as they are.
    public mutating func keepMapCellsCurrent() {
        guard mapCells?.projection != mapProjection else { return }
        guard mapProjection != nil else { mapCells = nil; return }
        // Every incident's cell changes with the projection; one pass gathers them again.
        rebuildFeed()
    }

    package mutating func clampSelection() {
        selected = max(0, min(selected, feed.count - 1))
        // Back on the newest row the feed follows again: nothing new is waiting (unless replaying).
        if selected == 0, replayAt == nil { newSincePause = 0 }
        let rows = Layout(width: width, height: height).feedRows
        if selected < feedScroll { feedScroll = selected }
        if rows > 0, selected >= feedScroll + rows { feedScroll = selected - rows + 1 }
        feedScroll = max(0, min(feedScroll, max(0, feed.count - rows)))
    }
}

/// Where the incidents that passed the filters at the last rebuild are listed.
package enum PassingSet: Sendable {
    /// Not kept (incidents arrived since): a narrowing walks the store again.
    case unknown
    /// The feed itself: no time window and no map cell leave any out.
    case feed
    case slots([IncidentStore.Slot])
}
