#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers a value per byte string (a place, source, type or actor name exactly as a line
/// spells it), so text that repeats line after line is cleaned and looked up once, without
/// making a String each time. Bounded: past `limit` keys it stops remembering new ones.
package struct ByteMemo<Value: Sendable>: Sendable {
    /// A key's hash and, for a key of at most 16 bytes, its bytes as two words: such keys compare
    /// as integers, without memcmp.
    package struct Key {
        package let hash: UInt64
        package let a: UInt64
        package let b: UInt64
        package let count: Int

        @inline(__always)
        package init(_ bytes: UnsafeRawBufferPointer, seed: UInt64) {
            count = bytes.count
            if count <= 16 {
                (a, b) = ByteHash.words(bytes)
                hash = ByteHash.finish(a, b, count: count, seed: seed)
            } else {
                a = 0
                b = 0
                hash = ByteHash.hash(bytes, seed: seed)
            }
        }
    }

    private struct Entry {
        var key: Key
        /// Where a long key's bytes start in `keys`.
        var start: Int
    }

    private var table = [Int32](repeating: -1, count: 256)
    private var entries: [Entry] = []
    private var keys: [UInt8] = []
    package private(set) var values: [Value] = []
    package let limit: Int
    /// `ByteHash.seed`, held here so that making a key costs no global look-up.
    private let seed = ByteHash.seed

    /// The key of `bytes` in this memo.
    @inline(__always)
    package func key(_ bytes: UnsafeRawBufferPointer) -> Key { Key(bytes, seed: seed) }

    package init(limit: Int = 4096) {
        self.limit = limit
    }

    package var count: Int { values.count }

    /// The index of the value remembered for `bytes` (whose key is `key`), if any.
    package func find(_ key: Key, _ bytes: UnsafeRawBufferPointer) -> Int? {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: key.hash) & mask
        return entries.withUnsafeBufferPointer { entries in
            while true {
                let at = Int(table[i])
                if at < 0 { return nil }
                let e = entries[at].key
                if e.hash == key.hash, e.count == key.count {
                    if key.count <= 16 {
                        if e.a == key.a, e.b == key.b { return at }
                    } else if sameBytes(entries[at].start, bytes) {
                        return at
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Remembers `value` for `bytes` (not already there); nil when the memo is full.
    @discardableResult
    package mutating func insert(_ key: Key, _ bytes: UnsafeRawBufferPointer, _ value: Value) -> Int? {
        guard values.count < limit else { return nil }
        if (values.count + 1) * 2 > table.count { regrow() }
        let at = values.count
        entries.append(Entry(key: key, start: keys.count))
        if key.count > 16 { keys.append(contentsOf: bytes) }
        values.append(value)
        place(at, key.hash)
        return at
    }

    package subscript(index: Int) -> Value {
        // Borrowed, not copied: reading one field of a remembered entry (a place's town) copied
        // the whole entry, its text retained and released, on every row.
        _read { yield values[index] }
        _modify { yield &values[index] }
    }

    private func sameBytes(_ start: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        keys.withUnsafeBytes { all in
            guard let mine = all.baseAddress, let theirs = key.baseAddress else { return key.isEmpty }
            return memcmp(mine + start, theirs, key.count) == 0
        }
    }

    private mutating func place(_ at: Int, _ hash: UInt64) {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while table[i] >= 0 { i = (i + 1) & mask }
        table[i] = Int32(at)
    }

    private mutating func regrow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        for at in 0..<values.count { place(at, entries[at].key.hash) }
    }
}
