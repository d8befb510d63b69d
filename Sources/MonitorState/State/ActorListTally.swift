import MonitorCore

/// Per distinct actor list (a store has few), whether the filters show it, its lead actor and how
/// many feed incidents carry it: one table look-up per incident instead of three loops over its
/// actors. A direct-mapped table; a list that loses its place hands its count on first.
package struct ActorListTally {
    package static let size = 1024
    private let keys = RawCounts<UInt32>(ActorListTally.size, .max)
    private let lists = RawCounts<ActorList>(ActorListTally.size, ActorList())
    package let shown = RawCounts<Bool>(ActorListTally.size, false)
    package let leads = RawCounts<ActorID>(ActorListTally.size, 0)
    package let counts = RawCounts<Int>(ActorListTally.size, 0)
    package let hiddenMask: UInt16
    package let other: ActorID
    /// Per actor, the counts of lists that were handed on or flushed.
    package let actors: RawCounts<Int>

    package init(hiddenMask: UInt16, other: ActorID, actors: RawCounts<Int>) {
        self.hiddenMask = hiddenMask
        self.other = other
        self.actors = actors
    }

    /// The table entry for a list, filled on first sight.
    @inline(__always)
    package func entry(_ list: ActorList) -> Int {
        let raw = list.raw
        let e = Int(((raw ^ (raw >> 13)) &* 0x9E37_79B1) >> 22)
        if keys[e] == raw { return e }
        return fill(e, list)
    }

    private func fill(_ e: Int, _ list: ActorList) -> Int {
        if keys[e] != .max { handOn(e) }
        keys[e] = list.raw
        lists[e] = list
        counts[e] = 0
        var visible = hiddenMask == 0
        for k in 0..<list.count where hiddenMask & (1 << UInt16(list[k])) == 0 { visible = true }
        shown[e] = visible
        leads[e] = AppState.lead(list, hiddenMask: hiddenMask, other: other)
        return e
    }

    /// Adds an entry's count to each of its actors.
    private func handOn(_ e: Int) {
        let list = lists[e]
        for k in 0..<list.count where Int(list[k]) < 16 { actors[Int(list[k])] += counts[e] }
        counts[e] = 0
    }

    /// Hands every count on; the table is then freed.
    package func finish() {
        for e in 0..<Self.size where keys[e] != .max { handOn(e) }
        keys.free()
        lists.free()
        shown.free()
        leads.free()
        counts.free()
    }
}
