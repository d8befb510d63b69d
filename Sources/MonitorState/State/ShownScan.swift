import MonitorCore
import Foundation

/// One pass over the incidents that works out everything the filters decide, on every core:
/// the feed, the legend's shown figures, the timeline, the hotspots and the map's cells. A filter
/// key at a million incidents costs one pass, not one per pane and per frame.
package struct ShownScan {
    package typealias Slot = IncidentStore.Slot

    /// What one part of the pass gathered; parts are merged in time order.
    package struct Part {
        package var feed: [Slot] = []
        /// Every incident that passed the filters, window and map cell aside (when `collectsPassing`).
        package var passing: [Slot] = []
        package var actorCounts = [Int](repeating: 0, count: 16)
        package var timeline: TimelineHistogram?
        package var places = PlaceTallies()
        package var cells: IncidentCells?

        package mutating func merge(_ other: Part) {
            feed += other.feed
            passing += other.passing
            for a in 0..<16 { actorCounts[a] += other.actorCounts[a] }
            if let theirs = other.timeline { timeline?.merge(theirs) }
            places.merge(other.places)
            if let theirs = other.cells { cells?.merge(theirs) }
        }
    }

    package let filter: FeedFilter
    package let store: IncidentStore
    package let registry: ActorRegistry
    /// Incidents before this time are counted on the timeline only (the time window).
    package let windowFrom: Int64
    package let restriction: MapRestriction?
    /// An empty histogram of the strip's buckets, nil when there is no strip.
    package let timeline: TimelineHistogram?
    package let projection: Projection?
    /// Whether to list every incident that passes the filters (when the feed is not that list).
    package let collectsPassing: Bool

    /// Below this many incidents one core does it all; threads would cost more than they save.
    package static let parallelFrom = 32_768

    /// Scans `slots` (oldest first): each must pass the filters to count at all, be in the window
    /// to be plotted, and be in the restricted cell too to be in the feed. `keys` must cover every
    /// slot, with cells under `projection`.
    package func run(_ slots: ArraySlice<Slot>, keys: ScanKeys) -> Part {
        keys.keys.withUnsafeBufferPointer { run(slots, keys: $0) }
    }

    private func run(_ slots: ArraySlice<Slot>, keys: UnsafeBufferPointer<ScanKey>) -> Part {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // At least two parts for a big pass even on one core: the merge is then always exercised.
        let chunks = slots.count < Self.parallelFrom ? 1 : max(2, min(cores, 8))
        let parts = slots.withUnsafeBufferPointer { slots in
            // Each part reads shared, unchanging data and builds only its own `Part`.
            ParallelChunks.map(slots.count, parts: chunks) { _, range in scan(slots[range], keys) }
        }
        var whole = parts[0]
        for part in parts.dropFirst() { whole.merge(part) }
        return whole
    }

    /// `cellOfSlot`: each slot's map cell (see `SlotCells`); when it does not cover a slot, the
    /// slot's cell is worked out here.
    private func scan(_ slots: Slice<UnsafeBufferPointer<Slot>>, _ keys: UnsafeBufferPointer<ScanKey>) -> Part {
        var part = Part()
        let buckets = timeline?.buckets ?? 0
        let columns = projection?.columns ?? 0
        var tallies = ScanTallies(buckets: buckets, cells: columns * (projection?.rows ?? 0))
        defer { tallies.free() }
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        let lists = ActorListTally(hiddenMask: evaluator.hiddenMask, other: registry.otherID, actors: tallies.actors)
        let passing = UnsafeMutablePointer<Slot>.allocate(capacity: collectsPassing ? slots.count : 1)
        defer { passing.deallocate() }
        var passed = 0
        part.feed = Array(unsafeUninitializedCapacity: slots.count) { feed, shown in
            store.records.withUnsafeBufferPointer { records in
                guard let out = feed.baseAddress else { return }
                (shown, passed) = pass(slots, keys, records, into: out, passing: passing, &evaluator, &tallies, lists)
            }
        }
        lists.finish()
        if collectsPassing { part.passing = Array(UnsafeBufferPointer(start: passing, count: passed)) }
        for a in 0..<16 { part.actorCounts[a] = tallies.actors[a] }
        if var histogram = timeline {
            histogram.add(counts: UnsafeBufferPointer(start: tallies.bucketCounts.base, count: buckets),
                          tallies: UnsafeBufferPointer(start: tallies.bucketLeads.base, count: buckets * 16))
            part.timeline = histogram
        }
        if let projection {
            var cells = IncidentCells(projection: projection)
            cells.add(counts: tallies.cellCounts.buffer, approximate: tallies.cellApproximate.buffer,
                      actors: tallies.cellActors.buffer, newest: tallies.cellNewest.buffer, filled: tallies.filled)
            part.cells = cells
        }
        for (e, place) in tallies.places.enumerated() {
            part.places.add(place: place, count: tallies.placeCounts[e], latest: tallies.placeLatest[e],
                            killed: tallies.placeKilled[e],
                            leads: UnsafeBufferPointer(start: tallies.placeLeads.base + e * 16, count: 16))
        }
        return part
    }

    /// The per-incident loop of `scan`, with every changing value a local or an `inout` (a value
    /// captured by a closure lives in memory and is reloaded on every use): the feed's slots go to
    /// `out`, the passing ones to `passing`; returns how many of each.
    private func pass(_ slots: Slice<UnsafeBufferPointer<Slot>>, _ keys: UnsafeBufferPointer<ScanKey>,
                      _ records: UnsafeBufferPointer<StoredIncident>, into out: UnsafeMutablePointer<Slot>,
                      passing: UnsafeMutablePointer<Slot>, _ evaluator: inout FilterEvaluator,
                      _ tallies: inout ScanTallies, _ lists: ActorListTally) -> (shown: Int, passed: Int) {
        let buckets = timeline?.buckets ?? 0
        let minFatalities = evaluator.minFatalities, filtersText = evaluator.filtersText
        let invertsText = evaluator.invertsText, filtersTypes = evaluator.filtersTypes
        let flaggedOnly = evaluator.flaggedOnly
        let collects = collectsPassing, windowFrom = self.windowFrom, restriction = self.restriction
        let bucketCounts = tallies.bucketCounts, bucketLeads = tallies.bucketLeads
        let cellCounts = tallies.cellCounts, cellActors = tallies.cellActors, cellNewest = tallies.cellNewest
        let cellApproximate = tallies.cellApproximate
        let shownLists = lists.shown, leads = lists.leads, listCounts = lists.counts
        // Incidents come in time order, so the timeline's bucket changes rarely: keep its bounds.
        let start = timeline?.start ?? 0, length = timeline?.bucketSeconds ?? 1
        var bucket = -1
        var bucketFrom = Int64.max, bucketTo = Int64.min
        var shown = 0, passed = 0
        for slot in slots {
            let k = keys[Int(slot)]
            let list = lists.entry(k.actors)
            // The record itself is read only for the text filter and a map-cell restriction.
            guard shownLists[list], k.fatalities >= minFatalities else { continue }
            if filtersTypes, !evaluator.passesType(k.type) { continue }
            if flaggedOnly, !records[Int(slot)].flags.contains(.flagged) { continue }
            if filtersText {
                let matched = evaluator.textMatch(letters: k.letters) ?? evaluator.matchesText(records[Int(slot)])
                guard matched != invertsText else { continue }
            }
            let lead = leads[list]
            let time = k.time
            if buckets > 0 {
                if time < bucketFrom || time >= bucketTo {
                    let b = TimelineHistogram.floorDiv(time - start, length)
                    bucket = b >= 0 && b < Int64(buckets) ? Int(b) : -1
                    bucketFrom = start + b * length
                    bucketTo = bucket < 0 ? .min : bucketFrom + length
                }
                if bucket >= 0 {
                    bucketCounts[bucket] &+= 1
                    bucketLeads[bucket &* 16 &+ Int(lead & 0xF)] &+= 1
                }
            }
            if collects {
                passing[passed] = slot
                passed &+= 1
            }
            guard time >= windowFrom else { continue }
            let index = k.cellIndex
            if index >= 0 {
                if cellCounts[index] == 0 { tallies.filled.append(index) }
                cellCounts[index] &+= 1
                if k.isApproximate { cellApproximate[index] &+= 1 }
                cellActors[index] |= lead < 16 ? UInt16(1) << UInt16(lead) : 0x8000
                if time > cellNewest[index] { cellNewest[index] = time }
            }
            if let restriction, !restriction.admits(records[Int(slot)]) { continue }
            out[shown] = slot
            shown &+= 1
            listCounts[list] &+= 1
            tallies.addPlace(k.place, time: time, fatalities: k.fatalities, lead: lead)
        }
        return (shown, passed)
    }
}
