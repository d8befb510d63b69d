import MonitorCore

/// Corrections taken into the feed without a full pass (ARCHITECTURE.md §4). Most corrections
/// change what an incident says (its summary, its dead), not where and when it happened or who
/// was in it: the new version then counts in the legend, the strip and the map's cells exactly as
/// the old one did, so only its row moves (to where its new slot puts it among equal times) and
/// its place's dead change. Anything else is derived again in one pass, as before; a correction
/// read alone from a followed file cost that pass (17 ms at 600,000 incidents).
extension AppState {
    /// Takes in corrections (each new version and the slot it replaced, in arrival order); false,
    /// having perhaps changed the feed, when one of them needs a full pass (the caller runs it).
    package mutating func absorbCorrections(_ corrections: [(old: Slot, new: Slot)]) -> Bool {
        guard !corrections.isEmpty else { return true }
        // With a window, a replay moment or a map restriction the feed is not simply everything
        // that passes: the full pass decides.
        guard filter.window == .all, replayAt == nil, map.restriction == nil else { return false }
        let followed = selected == 0
        var selection = selectedSlot
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        for (old, new) in corrections {
            let before = store[old], after = store[new]
            guard Self.countsAlike(before, after) else { return false }
            let row = feedRow(of: old, time: before.time)
            // Shown before and after, or neither: what the feed's figures count stays the same.
            guard (row != nil) == evaluator.passes(after) else { return false }
            guard let row else { continue }
            moveRow(row, to: new, time: after.time)
            if before.fatalities != after.fatalities {
                hotspots.addKilled(Int(after.fatalities) - Int(before.fatalities), place: hotspotKey(after.place))
            }
            if selection == old { selection = new }
        }
        // The selection stays on its incident (its new version), or on the newest row.
        if followed {
            selected = 0
        } else if let selection, let index = feedRow(of: selection, time: store[selection].time) {
            // Found by binary search like the rows above: a walk of the feed per batch cost a
            // paused officer a pass over the whole feed for each correction read.
            let moved = (feed.count - 1 - index) - selected
            selected += moved
            feedScroll += moved
        }
        clampSelection()
        return true
    }

    /// Replaces the feed's row `row` by `slot` where `slot` belongs (`TimeMerge.replace`): a new
    /// version of the same time lands a few rows away, after the others of its time.
    private mutating func moveRow(_ row: Int, to slot: Slot, time: Int64) {
        let byArrival = order == .arrival
        store.records.withUnsafeBufferPointer { records in
            TimeMerge.replace(row, by: slot, at: byArrival ? 0 : time, in: &feed) { byArrival ? 0 : records[Int($0)].time }
        }
    }

    /// Whether two versions count alike in everything the feed's figures gather: the time (the
    /// strip, the order), the actors (the legend, the lead), the point and its precision (the map's
    /// cell) and the place (the hotspots). The dead may differ: `absorbCorrections` moves them.
    private static func countsAlike(_ a: StoredIncident, _ b: StoredIncident) -> Bool {
        guard a.time == b.time, a.actors == b.actors, a.place == b.place, a.isLocated == b.isLocated,
              a.isApproximatelyLocated == b.isApproximatelyLocated else { return false }
        return !a.isLocated || (a.lat == b.lat && a.lon == b.lon)
    }

    /// The feed row (index, oldest first) holding `slot`, whose time is `time`; nil when it is not
    /// shown. The feed is ordered by (time, slot), or by slot in arrival order.
    private func feedRow(of slot: Slot, time: Int64) -> Int? {
        let byArrival = order == .arrival
        let at = store.records.withUnsafeBufferPointer { records in
            feed.withUnsafeBufferPointer { rows in
                TimeMerge.place(of: slot, at: byArrival ? 0 : time, in: rows) { byArrival ? 0 : records[Int($0)].time }
            }
        } - 1
        return at >= 0 && feed[at] == slot ? at : nil
    }
}
