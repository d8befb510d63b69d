import MonitorCore
import MonitorIngest

/// The input part of the state, as one Equatable value: everything keys, sources and the clock
/// set, and what the store holds in summary. The derived part (feed, counts, timeline, hotspots,
/// map cells) is left out: it follows from these (ARCHITECTURE.md §2). A test can compare the
/// whole of it after an action, as the Composable Architecture's TestStore compares states.
public struct AppInputs: Equatable, Sendable {
    public var filter: FeedFilter
    public var replayAt: Int64?
    public var pendingSolo: Bool
    public var soloUndo: Set<ActorID>?
    public var prompt: TextPrompt?
    public var numberPrompt: NumberPrompt?
    public var typeChoices: [String]
    public var selected: Int
    public var feedScroll: Int
    public var focus: Pane
    public var map: MapViewState
    public var legendCursor: Int
    public var overlay: Overlay
    public var width: Int
    public var height: Int
    public var sources: [SourceInfo]
    public var badLines: [BadLine]
    public var badLineCount: Int
    public var themeName: String
    public var notice: String?
    public var flash: String?
    public var order: FeedOrder
    public var now: Int64
    public var startedAt: Int64?
    public var staleAfter: Int64?
    public var retracted: [Retraction]
    public var retractedCount: Int
    public var newSincePause: Int
    public var store: StoreSummary
    public var watch: WatchState
    public var linePrompt: LinePrompt?

    /// The store in a few figures: enough to see that an action added, removed, revised or
    /// marked incidents, without comparing a million records.
    public struct StoreSummary: Equatable, Sendable {
        public var count: Int
        public var unseen: Int
        public var revisions: Int
        public var retractions: Int
        public var evicted: Int
        public var newestTime: Int64?
    }
}

extension AppState {
    public var inputs: AppInputs {
        AppInputs(
            filter: filter, replayAt: replayAt, pendingSolo: pendingSolo, soloUndo: soloUndo, prompt: prompt,
            numberPrompt: numberPrompt, typeChoices: typeChoices, selected: selected, feedScroll: feedScroll, focus: focus,
            map: map, legendCursor: legendCursor, overlay: overlay, width: width, height: height, sources: sources,
            badLines: badLines, badLineCount: badLineCount, themeName: themeName, notice: notice, flash: flash, order: order,
            now: now, startedAt: startedAt, staleAfter: staleAfter, retracted: retracted, retractedCount: retractedCount,
            newSincePause: newSincePause,
            store: AppInputs.StoreSummary(count: store.count, unseen: store.unseenCount, revisions: store.revisions,
                                          retractions: store.retractions, evicted: store.evicted, newestTime: store.newestTime),
            watch: watch, linePrompt: linePrompt)
    }
}
