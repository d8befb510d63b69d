import MonitorCore

/// Keeps the feed, the legend's shown figures, the hotspots, the map's cells and the timeline
/// current as incidents arrive, without walking the store again.
extension AppState {
    /// Adds incidents that arrived after every other one, without rebuilding the feed. While the
    /// selection is not on the newest, it and the view stay on the same incidents.
    public mutating func appendToFeed(_ slots: [Slot]) { placeArrivals(late: [], newest: slots) }

    /// Places late reports (older than the newest) into the feed by binary search.
    public mutating func insertIntoFeed(_ slots: [Slot]) { placeArrivals(late: slots, newest: []) }

    /// Takes one batch of arrivals: the ones that came after every other incident, then late
    /// reports. A window measured from the newest incident slides first (older rows drop out).
    /// When the timeline cannot absorb them (a strip that must become coarser), everything is
    /// derived again once, at the end.
    public mutating func placeArrivals(late: [Slot], newest: [Slot]) {
        if filter.window != .all, replayAt == nil, store.newestTime != windowEnd, !slideWindow() {
            rebuildFeed()
            return
        }
        // The newest first: a late report may be newer than one appended earlier in the same
        // batch, and merging by time afterwards puts it before that one.
        let batchStart = feed.count
        let placedNewest = appendNewest(newest)
        let placedLate = insertLate(late)
        // By arrival, this batch's rows (appended, late ones after them) go in slot order.
        if order == .arrival, feed.count - batchStart > 1 { feed[batchStart...].sort() }
        // A separate list of what passed would need the arrivals too; it is simply dropped.
        if case .slots = passing, !(late.isEmpty && newest.isEmpty) { passing = .unknown }
        if !(placedLate && placedNewest) { rebuildFeed() }
    }

    /// False when the timeline could not take them (the caller derives everything again).
    private mutating func appendNewest(_ slots: [Slot]) -> Bool {
        guard !slots.isEmpty else { return true }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        var added = 0
        var counted: [Slot] = []
        for slot in slots where evaluator.passes(store[slot]) {
            let record = store[slot]
            if let replayAt, record.time > replayAt { newSincePause += 1; continue }
            counted.append(slot)
            let lead = AppState.lead(record.actors, hiddenMask: evaluator.hiddenMask, other: registry.otherID)
            plot(slot, record, lead: lead)
            if let restriction = map.restriction, !restriction.admits(record) { continue }
            feed.append(slot)
            tally(record, lead: lead)
            added += 1
        }
        if selected > 0 {
            // Paused: the view stays on the same rows and the status line counts what came in.
            selected += added
            feedScroll += added
            newSincePause += added
        }
        clampSelection()
        return counted.isEmpty || extendTimeline(counted)
    }

    /// Counts a new feed row in the legend's shown figures and the hotspots.
    private mutating func tally(_ record: StoredIncident, lead: ActorID) {
        if shownCounts.count != registry.count { shownCounts = Array(repeating: 0, count: registry.count) }
        let actors = record.actors
        for k in 0..<actors.count where Int(actors[k]) < shownCounts.count { shownCounts[Int(actors[k])] += 1 }
        hotspots.add(place: hotspotKey(record.place), time: record.time, fatalities: record.fatalities, lead: lead)
    }

    /// Counts a newly plotted incident on the map's cells, by the cell its scan key already holds
    /// when that was worked out under the same projection. Cells of an older projection take it
    /// too, harmlessly: the reducer gathers them again before the next frame.
    private mutating func plot(_ slot: Slot, _ record: StoredIncident, lead: ActorID) {
        guard record.isLocated, let projection = mapCells?.projection else { return }
        if Int(slot) < scanKeys.keys.count, scanKeys.projection == projection {
            mapCells?.add(cell: scanKeys.keys[Int(slot)].cellIndex, lead: lead, time: record.time,
                          approximate: record.isApproximatelyLocated)
        } else {
            mapCells?.add(lat: Double(record.lat), lon: Double(record.lon), lead: lead, time: record.time,
                          approximate: record.isApproximatelyLocated)
        }
    }

    /// Late reports go where their time puts them. The selected incident stays selected; a row
    /// inserted above it while paused counts as new. False as for `appendNewest`.
    private mutating func insertLate(_ slots: [Slot]) -> Bool {
        guard !slots.isEmpty else { return true }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        var counted: [Slot] = []
        var rows: [(time: Int64, slot: Slot)] = []
        let lowest = windowSpan?.lowerBound
        for slot in slots {
            let record = store[slot]
            guard evaluator.passes(record) else { continue }
            if let replayAt, record.time > replayAt { newSincePause += 1; continue }
            counted.append(slot)
            if let lowest, record.time < lowest { continue }
            let lead = AppState.lead(record.actors, hiddenMask: evaluator.hiddenMask, other: registry.otherID)
            plot(slot, record, lead: lead)
            if let restriction = map.restriction, !restriction.admits(record) { continue }
            rows.append((record.time, slot))
            tally(record, lead: lead)
        }
        mergeIntoFeed(rows)
        clampSelection()
        return counted.isEmpty || extendTimeline(counted)
    }

    /// Merges rows into the feed in one pass, each after every shown incident at or before its
    /// time (as the store orders them): a batch with many late reports costs one copy of the feed,
    /// not one per report. While paused, rows that land above the selection count as new and the
    /// view stays on the same incidents.
    private mutating func mergeIntoFeed(_ rows: [(time: Int64, slot: Slot)]) {
        guard !rows.isEmpty else { return }
        if order == .arrival {
            // Newest arrivals on top: every row of this batch goes above everything shown.
            feed.append(contentsOf: rows.map(\.slot))
            if selected > 0 {
                selected += rows.count
                feedScroll += rows.count
                newSincePause += rows.count
            }
            return
        }
        let rows = rows.sorted { ($0.time, $0.slot) < ($1.time, $1.slot) }
        let selectedIndex = feed.count - 1 - selected
        let places = store.records.withUnsafeBufferPointer { records in
            TimeMerge.places(of: rows, in: feed) { records[Int($0)].time }
        }
        // A row placed after the selected one lands above it on screen.
        let above = places.reduce(0) { $0 + ($1 > selectedIndex ? 1 : 0) }
        TimeMerge.insert(rows, at: places, into: &feed)
        if selected > 0 {
            selected += above
            feedScroll += above
            newSincePause += above
        }
    }
}
