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

    /// Places late reports (older than the newest) into the feed by binary search. The selected
    /// incident stays selected; a row inserted above it while paused counts as new.
    public mutating func insertIntoFeed(_ slots: [Slot]) {
        guard !slots.isEmpty else { return }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        var counted: [Slot] = []
        let lowest = windowSpan?.lowerBound
        for slot in slots {
            let record = store[slot]
            guard evaluator.passes(record) else { continue }
            if let replayAt, record.time > replayAt { unseen += 1; continue }
            counted.append(slot)
            if let lowest, record.time < lowest { continue }
            if let restriction = map.restriction, !restriction.admits(record) { continue }
            // After every shown incident at or before its time, as the store orders it.
            var lo = 0, hi = feed.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if store[feed[mid]].time <= record.time { lo = mid + 1 } else { hi = mid }
            }
            let selectedIndex = feed.count - 1 - selected
            feed.insert(slot, at: lo)
            if selected > 0, lo > selectedIndex {
                selected += 1
                feedScroll += 1
                unseen += 1
            }
            countShown([slot])
        }
        if !counted.isEmpty { extendTimeline(counted) }
        clampSelection()
    }
}
