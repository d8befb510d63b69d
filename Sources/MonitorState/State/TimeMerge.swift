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

    /// Where `slot` (at `time`) goes in `list`, kept by (time, slot): after every entry before it.
    /// (Equal times keep arrival order, which is slot order; a list by slot alone gives every
    /// entry the same time.)
    package static func place(of slot: Slot, at time: Int64, in list: UnsafeBufferPointer<Slot>, time entryTime: (Slot) -> Int64) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (entryTime(list[mid]), list[mid]) <= (time, slot) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Replaces the entry at `row` by `slot` (at `time`), where `slot` belongs in the list's
    /// (time, slot) order: only the entries between the two places move, by one. A correction
    /// that keeps its time lands among the few entries of that time, so it moves no more than
    /// those, however long the list.
    package static func replace(_ row: Int, by slot: Slot, at time: Int64, in list: inout [Slot], time entryTime: (Slot) -> Int64) {
        list.withUnsafeMutableBufferPointer { entries in
            // Counted as if the entry at `row` were already out.
            var place = Self.place(of: slot, at: time, in: UnsafeBufferPointer(entries), time: entryTime)
            if place > row { place -= 1 }
            if place > row {
                for i in row..<place { entries[i] = entries[i + 1] }
            } else if place < row {
                for i in stride(from: row, to: place, by: -1) { entries[i] = entries[i - 1] }
            }
            entries[place] = slot
        }
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
