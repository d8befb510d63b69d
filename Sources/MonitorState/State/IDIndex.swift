/// Finds a record by the hash of its id: open addressing with linear probing over 8-byte
/// entries. Different ids may share a hash, so the caller checks each candidate slot against
/// the id it holds; the index stores no id text itself.
package struct IDIndex: Sendable {
    private struct Entry {
        /// Low 32 bits of the hash: where it belongs in any table up to 2^32 entries, and enough
        /// bits beyond the bucket's to skip most other ids without touching their records.
        var check: UInt32
        /// The record's slot; `empty` or `removed` otherwise.
        var slot: Int32
    }

    private static let empty: Int32 = -1
    private static let removed: Int32 = -2

    private var entries = [Entry](repeating: Entry(check: 0, slot: IDIndex.empty), count: 1024)
    /// Entries not empty: live ones and removal marks (both lengthen probes).
    private var used = 0
    package private(set) var count = 0

    @inline(__always) private static func check(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash) }

    /// Reads the entry `hash` starts at and returns something of it. A pass of these over a
    /// batch before inserting it lets the cache misses (a big table, random places) overlap
    /// instead of stalling one insert after another.
    @inline(__always)
    package func touch(_ hash: UInt64) -> Int32 {
        entries.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & ($0.count - 1)].slot }
    }

    /// The first slot filed under `hash` for which `matches` holds.
    package func find(_ hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
        let mask = entries.count - 1
        let check = Self.check(hash)
        var i = Int(truncatingIfNeeded: hash) & mask
        return entries.withUnsafeBufferPointer { e in
            while true {
                let entry = e[i]
                if entry.slot == Self.empty { return nil }
                if entry.slot >= 0, entry.check == check, matches(entry.slot) { return entry.slot }
                i = (i + 1) & mask
            }
        }
    }

    /// Files `slot` under `hash`.
    package mutating func insert(_ hash: UInt64, slot: Int32) {
        if (used + 1) * 8 > entries.count * 5 { rebuild() }
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while entries[i].slot >= 0 { i = (i + 1) & mask }
        if entries[i].slot == Self.empty { used += 1 }
        entries[i] = Entry(check: Self.check(hash), slot: slot)
        count += 1
    }

    /// Makes room for `total` live ids at once (a big file announced), instead of rebuilding at
    /// every doubling on the way there.
    package mutating func reserve(_ total: Int) {
        if total * 8 > entries.count * 5 { rebuild(atLeast: total) }
    }

    /// Forgets `slot`, filed under `hash`.
    package mutating func remove(_ hash: UInt64, slot: Int32) {
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while entries[i].slot != Self.empty {
            if entries[i].slot == slot {
                entries[i].slot = Self.removed
                count -= 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Puts each live entry's slot through `renumber`; a negative answer removes it.
    fileprivate mutating func renumber(_ renumber: (Int32) -> Int32) {
        for i in entries.indices where entries[i].slot >= 0 {
            let new = renumber(entries[i].slot)
            if new >= 0 {
                entries[i].slot = new
            } else {
                entries[i].slot = Self.removed
                count -= 1
            }
        }
    }

    /// Rebuilds without removal marks, big enough that live entries fill at most half of it.
    /// Each entry's low hash bits say where it goes, so no id is hashed again.
    private mutating func rebuild(atLeast wanted: Int = 0) {
        var size = entries.count
        while (max(count, wanted) + 1) * 2 > size { size *= 2 }
        let old = entries
        entries = [Entry](repeating: Entry(check: 0, slot: Self.empty), count: size)
        used = 0
        let mask = size - 1
        for entry in old where entry.slot >= 0 {
            var i = Int(entry.check) & mask
            while entries[i].slot != Self.empty { i = (i + 1) & mask }
            entries[i] = entry
            used += 1
        }
    }
}

extension IDIndex {
    /// Renumbers every slot through `map` (old → new, -1: freed) after the store reclaimed slots;
    /// a freed slot's entry becomes a removal mark, cleared at the next rebuild.
    package mutating func remap(_ map: [Int32]) {
        renumber { slot in Int(slot) < map.count ? map[Int(slot)] : -1 }
    }
}
