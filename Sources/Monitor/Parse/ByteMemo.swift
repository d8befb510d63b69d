#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers a value per byte string (a place, source, type or actor name exactly as a line
/// spells it), so text that repeats line after line is cleaned and looked up once, without
/// making a String each time. Bounded: past `limit` keys it stops remembering new ones.
struct ByteMemo<Value: Sendable>: Sendable {
    private var table = [Int32](repeating: -1, count: 256)
    private var hashes: [UInt64] = []
    private var keys: [UInt8] = []
    private var keyRanges: [Range<Int>] = []
    private(set) var values: [Value] = []
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
    }

    var count: Int { values.count }

    /// The index of `key`'s value, if remembered.
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let at = Int(table[i])
            if at < 0 { return nil }
            if hashes[at] == hash, sameBytes(keyRanges[at], key) { return at }
            i = (i + 1) & mask
        }
    }

    /// Remembers `value` for `key` (not already there); nil when the memo is full.
    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, _ value: Value) -> Int? {
        guard values.count < limit else { return nil }
        if (values.count + 1) * 2 > table.count { regrow() }
        let at = values.count
        hashes.append(hash)
        keyRanges.append(keys.count..<(keys.count + key.count))
        keys.append(contentsOf: key)
        values.append(value)
        place(at, hash)
        return at
    }

    subscript(index: Int) -> Value {
        get { values[index] }
        _modify { yield &values[index] }
    }

    private func sameBytes(_ range: Range<Int>, _ key: UnsafeRawBufferPointer) -> Bool {
        guard range.count == key.count else { return false }
        return keys.withUnsafeBytes { all in
            guard let mine = all.baseAddress, let theirs = key.baseAddress else { return key.isEmpty }
            return memcmp(mine + range.lowerBound, theirs, key.count) == 0
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
        for at in 0..<values.count { place(at, hashes[at]) }
    }
}
