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
    /// True when it had to derive everything again (which took in the whole store).
    @discardableResult
    public mutating func placeArrivals(late: [Slot], newest: [Slot]) -> Bool {
        if filter.window != .all, replayAt == nil, store.newestTime != windowEnd, !slideWindow() {
            rebuildFeed()
            return true
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
        if !(placedLate && placedNewest) {
            rebuildFeed()
            return true
        }
        return false
    }

    /// False when the timeline could not take them (the caller derives everything again).
    private mutating func appendNewest(_ slots: [Slot]) -> Bool {
        guard !slots.isEmpty else { return true }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        var counter = ArrivalCounter(taking: &self)
        var added = 0
        let store = self.store, replayAt = self.replayAt, restriction = map.restriction, other = registry.otherID
        for slot in slots where evaluator.passes(store[slot]) {
            let time = store[slot].time
            if let replayAt, time > replayAt { newSincePause += 1; continue }
            let lead = AppState.lead(store[slot].actors, hiddenMask: evaluator.hiddenMask, other: other)
            counter.count(time: time, lead: lead)
            counter.plot(slot, store, lead: lead)
            if let restriction, !restriction.admits(store[slot]) { continue }
            feed.append(slot)
            counter.tally(store[slot], place: counter.place(slot) ?? hotspotKey(store[slot].place), lead: lead)
            added += 1
        }
        let fits = counter.putBack(into: &self)
        if selected > 0 {
            // Paused: the view stays on the same rows and the status line counts what came in.
            selected += added
            feedScroll += added
            newSincePause += added
        }
        clampSelection()
        return fits
    }

    /// Late reports go where their time puts them. The selected incident stays selected; a row
    /// inserted above it while paused counts as new. False as for `appendNewest`.
    private mutating func insertLate(_ slots: [Slot]) -> Bool {
        guard !slots.isEmpty else { return true }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        var counter = ArrivalCounter(taking: &self)
        var rows: [(time: Int64, slot: Slot)] = []
        let lowest = windowSpan?.lowerBound
        let store = self.store, replayAt = self.replayAt, restriction = map.restriction, other = registry.otherID
        for slot in slots {
            guard evaluator.passes(store[slot]) else { continue }
            let time = store[slot].time
            if let replayAt, time > replayAt { newSincePause += 1; continue }
            let lead = AppState.lead(store[slot].actors, hiddenMask: evaluator.hiddenMask, other: other)
            counter.count(time: time, lead: lead)
            if let lowest, time < lowest { continue }
            counter.plot(slot, store, lead: lead)
            if let restriction, !restriction.admits(store[slot]) { continue }
            rows.append((time, slot))
            counter.tally(store[slot], place: counter.place(slot) ?? hotspotKey(store[slot].place), lead: lead)
        }
        let fits = counter.putBack(into: &self)
        mergeIntoFeed(rows)
        clampSelection()
        return fits
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

/// What a batch's rows add beside the feed: the map's cells, the legend's shown figures, the
/// hotspots and the timeline strip. They are moved out of the state for the pass, so each row
/// changes them in place, and put back at its end; each row is read once (ARCHITECTURE.md §4).
/// Missing cells or strip are stood in for by empty ones that take nothing, so no row tests an
/// optional.
private struct ArrivalCounter {
    private var cells: IncidentCells
    private let hasCells: Bool
    /// The scan keys as the pass began: a row's map cell (when worked out under the cells'
    /// projection, `cellsFromKeys`) and hotspot key, for the rows they cover.
    private var keys: [ScanKey]
    private let cellsFromKeys: Bool
    private var shown: [Int]
    private var shownSized = false
    private let actorCount: Int
    private var spots: PlaceTallies
    private var strip: TimelineHistogram
    private let hasStrip: Bool
    /// With no strip yet: whether the state has none to draw (else everything is derived again).
    private let noStripWanted: Bool
    /// False once a row is one the strip cannot take (before its first bucket, or past its last
    /// when it is full): the caller derives everything again.
    private var fits = true
    private var counted = 0
    /// Buckets counted in, as runs (rows come mostly in time order), whose leaders are settled.
    private var touched: [Int] = []
    /// The times the last bucket counted in holds (`from..<to`): the next row, mostly in it, takes
    /// it without working a bucket out.
    private var bucketFrom = Int64.max, bucketTo = Int64.min

    private static let noCells = IncidentCells(projection: Projection(center: GeoPoint(lat: 0, lon: 0), degreesPerRow: 1,
                                                                      columns: 0, rows: 0))

    init(taking state: inout AppState) {
        hasCells = state.mapCells != nil
        cells = state.mapCells.take() ?? Self.noCells
        keys = state.scanKeys.keys
        cellsFromKeys = hasCells && state.scanKeys.projection == cells.projection
        shown = state.shownCounts
        state.shownCounts = []
        actorCount = state.registry.count
        spots = state.hotspots
        state.hotspots = PlaceTallies()
        hasStrip = state.timeline != nil
        strip = state.timeline.take() ?? TimelineHistogram(first: 0, last: 0, columns: 1)
        noStripWanted = !hasStrip && state.emptyTimeline() == nil
    }

    /// A row's hotspot key from its scan key; nil when the keys do not reach it yet.
    @inline(__always)
    func place(_ slot: AppState.Slot) -> UInt32? {
        Int(slot) < keys.count ? keys[Int(slot)].place : nil
    }

    /// A row that passed the filters (up to the replay moment), on the timeline.
    @inline(__always)
    mutating func count(time: Int64, lead: ActorID) {
        counted += 1
        guard fits else { return }
        if time >= bucketFrom, time < bucketTo, let b = touched.last {
            strip.add(bucket: b, lead: lead)
            return
        }
        guard hasStrip else {
            fits = noStripWanted
            return
        }
        // A new day past the strip adds a bucket; only when the strip is full is it rebuilt coarser.
        guard strip.extend(through: time), let b = strip.bucket(of: time) else {
            fits = false
            return
        }
        strip.add(bucket: b, lead: lead)
        if touched.last != b { touched.append(b) }
        bucketFrom = strip.start + Int64(b) * strip.bucketSeconds
        bucketTo = bucketFrom + strip.bucketSeconds
    }

    /// Counts a plotted row on the map's cells, by the cell its scan key holds when that was
    /// worked out under the same projection. Cells of an older projection take it too,
    /// harmlessly: the reducer gathers them again before the next frame.
    @inline(__always)
    mutating func plot(_ slot: AppState.Slot, _ store: IncidentStore, lead: ActorID) {
        guard hasCells, store[slot].isLocated else { return }
        if cellsFromKeys, Int(slot) < keys.count {
            // The key holds the time and whether the point is a region's centre too (read from
            // the record, that is a copy of it and a call per row).
            let i = Int(slot)
            cells.add(cell: keys[i].cellIndex, lead: lead, time: keys[i].time, approximate: keys[i].isApproximate)
        } else {
            cells.add(lat: Double(store[slot].lat), lon: Double(store[slot].lon), lead: lead, time: store[slot].time,
                      approximate: store[slot].isApproximatelyLocated)
        }
    }

    /// Counts a new feed row in the legend's shown figures and the hotspots.
    @inline(__always)
    mutating func tally(_ record: borrowing StoredIncident, place: UInt32, lead: ActorID) {
        if !shownSized {
            if shown.count != actorCount { shown = Array(repeating: 0, count: actorCount) }
            shownSized = true
        }
        let actors = record.actors
        // Through one buffer: an increment of the array itself checked its sharing each time.
        shown.withUnsafeMutableBufferPointer { shown in
            for k in 0..<actors.count where Int(actors[k]) < shown.count { shown[Int(actors[k])] += 1 }
        }
        spots.add(place: place, time: record.time, fatalities: record.fatalities, lead: lead)
    }

    /// Puts what was counted back; false as for `appendNewest`. (Moved, not copied: a copy left
    /// here would make the next change to them copy them whole.)
    mutating func putBack(into state: inout AppState) -> Bool {
        // Let go of the keys, so the next arrivals extend them without a copy.
        keys = []
        if hasCells {
            state.mapCells = cells
            cells = Self.noCells
        }
        swap(&state.shownCounts, &shown)
        swap(&state.hotspots, &spots)
        if hasStrip {
            if fits, !touched.isEmpty { strip.settleLeaders(of: touched) }
            state.timeline = strip
            strip = TimelineHistogram(first: 0, last: 0, columns: 1)
        }
        return counted == 0 || fits
    }
}
