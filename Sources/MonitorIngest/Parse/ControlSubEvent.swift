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
        var lo = 0, hi = raw.count
        while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
        while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        let n = hi - lo
        guard n < 64, (lengthBits >> UInt64(n)) & 1 == 1, let base = raw.baseAddress else { return false }
        // Other sub-event types share these lengths ("Shelling/artillery/missile attack" is 32):
        // a plain loop over each name of the length, out at the first byte that differs.
        for name in names where name.count == n {
            let same = name.withUnsafeBufferPointer { letters in
                var k = 0
                while k < n, ControlHolder.asciiLower(base.load(fromByteOffset: lo &+ k, as: UInt8.self)) == letters[k] {
                    k &+= 1
                }
                return k == n
            }
            if same { return true }
        }
        return false
    }
}
