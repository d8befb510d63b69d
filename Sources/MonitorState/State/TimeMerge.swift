/// Merges rows into a list of slots kept in time order, each row after every entry at or before
/// its time (equal times keep arrival order). Each row's place is found by binary search, so a
/// batch of k rows costs k·log n look-ups of an entry's time plus one copy of the list's tail:
/// walking the tail and reading every entry's time instead would touch a record per entry, a
/// cache miss each at a million (ARCHITECTURE.md §4).
package enum TimeMerge {
    package typealias Slot = IncidentStore.Slot

    /// For each row (sorted by time), the index of the first entry of `list` later than it.
    package static func places(of rows: [(time: Int64, slot: Slot)], in list: [Slot], time: (Slot) -> Int64) -> [Int] {
        var places: [Int] = []
        places.reserveCapacity(rows.count)
        var lo = 0
        for row in rows {
            var hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if time(list[mid]) <= row.time { lo = mid + 1 } else { hi = mid }
            }
            places.append(lo)
        }
        return places
    }

    /// Puts each row before the entry at its place (`places`, from `places(of:in:time:)`).
    package static func insert(_ rows: [(time: Int64, slot: Slot)], at places: [Int], into list: inout [Slot]) {
        guard let from = places.first else { return }
        var merged: [Slot] = []
        merged.reserveCapacity(list.count - from + rows.count)
        var at = from
        for (row, place) in zip(rows, places) {
            merged.append(contentsOf: list[at..<place])
            merged.append(row.slot)
            at = place
        }
        merged.append(contentsOf: list[at...])
        list.replaceSubrange(from..., with: merged)
    }
}
