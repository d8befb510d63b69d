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
        for pattern in patterns where pattern.count == n {
            var k = 0
            while k < pattern.words.count {
                let (at, value, caseBits) = pattern.words[k]
                guard UInt64(littleEndian: text.loadUnaligned(fromByteOffset: at, as: UInt64.self)) | caseBits == value else { break }
                k += 1
            }
            if k == pattern.words.count { return true }
        }
        return false
    }

    /// A name (lower case) as eight-byte words at `at` (the last one overlapping the one before),
    /// with 0x20 in each byte that holds a letter: a byte of the text matches when it equals the
    /// name's byte once that bit is set, which is exactly `ControlHolder.asciiLower` for letters
    /// and equality for anything else (a space or a slash must be itself).
    private struct Pattern {
        let count: Int
        let words: [(at: Int, value: UInt64, caseBits: UInt64)]
    }

    private static let patterns: [Pattern] = names.map { name in
        func word(_ at: Int) -> (at: Int, value: UInt64, caseBits: UInt64) {
            var value: UInt64 = 0, caseBits: UInt64 = 0
            for b in 0..<8 {
                let byte = name[at + b]
                value |= UInt64(byte) << (8 * b)
                if byte >= 0x61, byte <= 0x7A { caseBits |= 0x20 << (8 * b) }
            }
            return (at, value, caseBits)
        }
        // Every name is at least eight bytes long (the lengths are 28 to 35).
        let starts = Array(stride(from: 0, to: name.count - 8, by: 8)) + [name.count - 8]
        return Pattern(count: name.count, words: starts.map(word))
    }
}
