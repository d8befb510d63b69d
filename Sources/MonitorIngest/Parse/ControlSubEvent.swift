import MonitorCore

/// ACLED's sub-event types that change who holds a place, recognised in a CSV field's bytes
/// exactly as `ControlHolder.isControlSubEvent` reads the text (any case, spaces and tabs around
/// ignored), so the fast path can name the holder (ARCHITECTURE.md §11).
package enum ControlSubEvent {
    private static let names = ControlHolder.lowered

    /// The four's lengths (28, 32, 33, 35 bytes) as bits: a literal, not a `Set` behind a lazy
    /// global, because every row asks (a hash and a `swift_once` per row showed in profiles).
    /// `ControlHistoryTests` checks it against the names.
    package static let lengthBits: UInt64 = 1 << 28 | 1 << 32 | 1 << 33 | 1 << 35

    /// One length check for most rows; a byte comparison only at one of the four lengths.
    @inline(__always)
    package static func matches(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let base = raw.baseAddress, raw.count > 0 else { return false }
        var lo = 0, hi = raw.count
        // Spaces or tabs around are rare: two loads decide there is nothing to trim.
        if base.load(as: UInt8.self) <= 0x20 || base.load(fromByteOffset: hi &- 1, as: UInt8.self) <= 0x20 {
            while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
            while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        }
        let n = hi - lo
        guard n < 64, (lengthBits >> UInt64(n)) & 1 == 1 else { return false }
        return same(base + lo, n)
    }

    /// Whether the `n` bytes at `text` spell one of the four names of that length, in any case.
    /// Out of line: most rows never get here, and the inlined check above stays small.
    @inline(never)
    private static func same(_ text: UnsafeRawPointer, _ n: Int) -> Bool {
        // Other sub-event types share these lengths ("Shelling/artillery/missile attack" is 33):
        // a plain loop over each name of the length, out at the first byte that differs.
        for name in names where name.count == n {
            let same = name.withUnsafeBufferPointer { letters in
                var k = 0
                while k < n, ControlHolder.asciiLower(text.load(fromByteOffset: k, as: UInt8.self)) == letters[k] {
                    k &+= 1
                }
                return k == n
            }
            if same { return true }
        }
        return false
    }
}
