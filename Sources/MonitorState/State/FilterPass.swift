/// One walk over the store applying every filter: the evaluator for actors, types, fatalities and
/// text, a binary-searched range of the time order for the window and the replay moment.
extension AppState {
    /// The time the window is measured back from: the replay moment, else the newest incident.
    public var windowAnchor: Int64? { replayAt ?? store.newestTime }

    /// Positions in `store.timeOrder` inside the time window and not after the replay moment.
    public var timeSpan: Range<Int> {
        let from = filter.window.seconds.flatMap { seconds in windowAnchor.map { $0 - seconds } }
        return store.timeRange(from: from, through: replayAt)
    }

    /// Calls `body` with each slot that passes the filters, oldest first; `restricted` also applies
    /// the map's one-cell restriction.
    public func forEachPassing(restricted: Bool, _ body: (Slot) -> Void) {
        walkPassing(restricted: restricted, newestFirst: false) { body($0); return true }
    }

    /// As `forEachPassing`, in either order, stopping when `body` returns false.
    public func walkPassing(restricted: Bool, newestFirst: Bool, _ body: (Slot) -> Bool) {
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        let restriction = restricted ? map.restriction : nil
        let order = store.timeOrder
        let span = timeSpan
        func visit(_ index: Int) -> Bool {
            let slot = order[index]
            let record = store[slot]
            guard evaluator.passes(record) else { return true }
            if let restriction, !restriction.admits(record) { return true }
            return body(slot)
        }
        if newestFirst {
            for index in span.reversed() where !visit(index) { return }
        } else {
            for index in span where !visit(index) { return }
        }
    }
}

extension AppState {
    /// After a filter that only got stricter (a longer text query): only the incidents that
    /// passed before need looking at again.
    public mutating func narrowFeed() {
        switch passing {
        case .feed: rescan(feed[...])
        case .slots(let slots): rescan(slots[...])
        case .unknown: rebuildFeed()
        }
    }
}
