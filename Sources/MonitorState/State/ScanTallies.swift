import MonitorCore

/// The counters one core fills during a `ShownScan`, in plain memory: a scan bumps a dozen of
/// them per incident, and Swift arrays would check bounds and uniqueness on every bump. A local
/// value of one core for one scan (a class's properties would be checked for exclusive access on
/// every bump), folded into a `ShownScan.Part` and then freed with `free()`.
package struct ScanTallies {
    /// Per actor (16), incidents of the feed it takes part in.
    package let actors: RawCounts<Int>
    /// Per timeline bucket: incidents, and per lead actor (16 each).
    package let bucketCounts: RawCounts<Int>
    package let bucketLeads: RawCounts<Int>
    /// Per map cell: incidents, those at a region's centre, lead actors as bits, newest time; the
    /// cells reached, in order.
    package let cellCounts: RawCounts<Int32>
    package let cellApproximate: RawCounts<Int32>
    package let cellActors: RawCounts<UInt16>
    package let cellNewest: RawCounts<Int64>
    package var filled: [Int] = []
    /// Place string index → entry + 1 (0: not reached yet).
    package private(set) var placeEntries: RawCounts<Int32>
    /// Per place reached, in order: its index, incidents, latest time, dead, lead actors (16 each).
    package private(set) var places: [UInt32] = []
    package private(set) var placeCounts: RawCounts<Int>
    package private(set) var placeLatest: RawCounts<Int64>
    package private(set) var placeKilled: RawCounts<Int>
    package private(set) var placeLeads: RawCounts<Int>

    package init(buckets: Int, cells: Int) {
        actors = RawCounts(16, 0)
        bucketCounts = RawCounts(buckets, 0)
        bucketLeads = RawCounts(buckets * 16, 0)
        cellCounts = RawCounts(cells, 0)
        cellApproximate = RawCounts(cells, 0)
        cellActors = RawCounts(cells, 0)
        cellNewest = RawCounts(cells, .min)
        placeEntries = RawCounts(1024, 0)
        placeCounts = RawCounts(64, 0)
        placeLatest = RawCounts(64, .min)
        placeKilled = RawCounts(64, 0)
        placeLeads = RawCounts(64 * 16, 0)
    }

    package func free() {
        for counts in [actors, bucketCounts, bucketLeads, placeCounts, placeKilled, placeLeads] { counts.free() }
        cellCounts.free()
        cellApproximate.free()
        cellActors.free()
        cellNewest.free()
        placeEntries.free()
        placeLatest.free()
    }

    /// Counts one incident of the feed at a place (index 0: no place).
    @inline(__always)
    package mutating func addPlace(_ index: UInt32, time: Int64, fatalities: UInt32, lead: ActorID) {
        guard index != 0 else { return }
        let i = Int(index)
        var e = i < placeEntries.count ? Int(placeEntries[i]) - 1 : -1
        if e < 0 { e = newPlace(index) }
        placeCounts[e] &+= 1
        if time > placeLatest[e] { placeLatest[e] = time }
        placeKilled[e] &+= Int(fatalities)
        placeLeads[e &* 16 &+ Int(lead & 0xF)] &+= 1
    }

    /// A place seen for the first time (rare: places are few beside incidents).
    private mutating func newPlace(_ index: UInt32) -> Int {
        let i = Int(index)
        if i >= placeEntries.count { placeEntries = placeEntries.grown(to: max(i + 1, placeEntries.count * 2), 0) }
        let e = places.count
        if e >= placeCounts.count {
            let more = placeCounts.count * 2
            placeCounts = placeCounts.grown(to: more, 0)
            placeLatest = placeLatest.grown(to: more, .min)
            placeKilled = placeKilled.grown(to: more, 0)
            placeLeads = placeLeads.grown(to: more * 16, 0)
        }
        places.append(index)
        placeEntries[i] = Int32(e + 1)
        return e
    }
}

/// A fixed run of counters in memory of its own (freed by its owner).
package struct RawCounts<T> {
    package let base: UnsafeMutablePointer<T>
    package let count: Int

    package init(_ count: Int, _ zero: T) {
        self.count = max(1, count)
        base = .allocate(capacity: self.count)
        base.initialize(repeating: zero, count: self.count)
    }

    package subscript(i: Int) -> T {
        @inline(__always) get { base[i] }
        @inline(__always) nonmutating set { base[i] = newValue }
    }

    /// A longer copy, the new tail set to `zero`; this one is freed.
    package func grown(to size: Int, _ zero: T) -> RawCounts<T> {
        let fresh = RawCounts(size, zero)
        fresh.base.update(from: base, count: count)
        free()
        return fresh
    }

    package var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }

    package func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
