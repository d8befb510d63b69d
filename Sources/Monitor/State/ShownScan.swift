import Foundation

/// One pass over the incidents that works out everything the filters decide, on every core:
/// the feed, the legend's shown figures, the timeline, the hotspots and the map's cells. A filter
/// key at a million incidents costs one pass, not one per pane and per frame.
struct ShownScan {
    typealias Slot = IncidentStore.Slot

    /// What one part of the pass gathered; parts are merged in time order.
    struct Part {
        var feed: [Slot] = []
        var actorCounts = [Int](repeating: 0, count: 16)
        var timeline: TimelineHistogram?
        var places = PlaceTallies()
        var cells: IncidentCells?

        /// Counts an incident the feed shows.
        @inline(__always)
        mutating func show(_ slot: Slot, _ r: borrowing StoredIncident, lead: ActorID) {
            feed.append(slot)
            let actors = r.actors
            for k in 0..<actors.count { actorCounts[Int(actors[k])] += 1 }
            places.add(place: r.place, time: r.time, fatalities: r.fatalities, lead: lead)
        }

        /// Counts an incident the map plots.
        @inline(__always)
        mutating func plot(_ r: borrowing StoredIncident, lead: ActorID) {
            guard r.isLocated else { return }
            cells?.add(lat: Double(r.lat), lon: Double(r.lon), lead: lead, time: r.time)
        }

        mutating func merge(_ other: Part) {
            feed += other.feed
            for a in 0..<16 { actorCounts[a] += other.actorCounts[a] }
            if let theirs = other.timeline { timeline?.merge(theirs) }
            places.merge(other.places)
            if let theirs = other.cells { cells?.merge(theirs) }
        }
    }

    let filter: FeedFilter
    let store: IncidentStore
    let registry: ActorRegistry
    /// Incidents before this time are counted on the timeline only (the time window).
    let windowFrom: Int64
    let restriction: MapRestriction?
    /// An empty histogram of the strip's buckets, nil when there is no strip.
    let timeline: TimelineHistogram?
    let projection: Projection?

    /// Below this many incidents one core does it all; threads would cost more than they save.
    static let parallelFrom = 32_768

    /// Scans `slots` (oldest first): each must pass the filters to count at all, be in the window
    /// to be plotted, and be in the restricted cell too to be in the feed.
    func run(_ slots: ArraySlice<Slot>) -> Part {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = slots.count < Self.parallelFrom ? 1 : min(cores, 8)
        if chunks == 1 { return slots.withUnsafeBufferPointer { scan($0[...]) } }
        let size = (slots.count + chunks - 1) / chunks
        var parts = [Part](repeating: Part(), count: chunks)
        slots.withUnsafeBufferPointer { slots in
            parts.withUnsafeMutableBufferPointer { out in
                // Each iteration reads shared, unchanging data and writes only its own part.
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    out[c] = scan(slots[(c * size)..<min(slots.count, (c + 1) * size)])
                }
            }
        }
        var whole = parts[0]
        for part in parts.dropFirst() { whole.merge(part) }
        return whole
    }

    private func scan(_ slots: Slice<UnsafeBufferPointer<Slot>>) -> Part {
        var part = Part()
        part.timeline = timeline
        part.cells = projection.map { IncidentCells(projection: $0) }
        part.feed.reserveCapacity(slots.count)
        var evaluator = FilterEvaluator(filter, store: store, registry: registry)
        let hidden = evaluator.hiddenMask
        let other = registry.otherID
        // Incidents come in time order, so the timeline's bucket changes rarely: keep its bounds.
        // (Plain values: reading the histogram itself per incident would retain its arrays.)
        let counting = timeline != nil
        let start = timeline?.start ?? 0, length = timeline?.bucketSeconds ?? 1, buckets = timeline?.buckets ?? 0
        var bucket = -1
        var bucketFrom = Int64.max, bucketTo = Int64.min
        store.records.withUnsafeBufferPointer { records in
            for slot in slots {
                let r = records[Int(slot)]
                guard evaluator.passes(r) else { continue }
                let lead = AppState.lead(r.actors, hiddenMask: hidden, other: other)
                if counting {
                    if r.time < bucketFrom || r.time >= bucketTo {
                        let b = TimelineHistogram.floorDiv(r.time - start, length)
                        bucket = b >= 0 && b < Int64(buckets) ? Int(b) : -1
                        bucketFrom = start + b * length
                        bucketTo = bucket < 0 ? .min : bucketFrom + length
                    }
                    if bucket >= 0 { part.timeline?.add(bucket: bucket, lead: lead) }
                }
                guard r.time >= windowFrom else { continue }
                part.plot(r, lead: lead)
                if let restriction, !restriction.admits(r) { continue }
                part.show(slot, r, lead: lead)
            }
        }
        return part
    }
}
