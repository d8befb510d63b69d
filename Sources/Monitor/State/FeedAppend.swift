/// Keeps the feed, the legend's shown figures and the timeline current as incidents arrive at the
/// newest end, without walking the store again.
extension AppState {
    /// Adds incidents that arrived after every other one, without rebuilding the feed. While the
    /// selection is not on the newest, it and the view stay on the same incidents.
    public mutating func appendToFeed(_ slots: [Slot]) {
        // A window measured from the newest incident moves with it: older rows may drop out.
        if filter.window != .all, replayAt == nil, store.newestTime != windowEnd {
            rebuildFeed()
            return
        }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        var added = 0
        var counted: [Slot] = []
        for slot in slots where evaluator.passes(store[slot]) {
            let record = store[slot]
            if let replayAt, record.time > replayAt { unseen += 1; continue }
            counted.append(slot)
            if let restriction = map.restriction, !restriction.admits(record) { continue }
            feed.append(slot)
            added += 1
        }
        countShown(feed.suffix(added))
        if selected > 0 {
            // Paused: the view stays on the same rows and the status line counts what came in.
            selected += added
            feedScroll += added
            unseen += added
        }
        if !counted.isEmpty { extendTimeline(counted) }
        clampSelection()
    }

    /// Adds rows' actors to the legend's shown figures.
    mutating func countShown<Rows: Sequence>(_ rows: Rows) where Rows.Element == Slot {
        if shownCounts.count != registry.count { shownCounts = Array(repeating: 0, count: registry.count) }
        for slot in rows {
            for actor in store[slot].actors where Int(actor) < shownCounts.count { shownCounts[Int(actor)] += 1 }
        }
    }
}
