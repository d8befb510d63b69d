@testable import MonitorCore

/// The Swift implementation `LetterFold.plainTextLetters` had before the C pass (`CByteScan`),
/// kept as the independent reference its tests compare with: eight ASCII bytes a word through a
/// table of `LetterFold.bit`, two-byte characters through `LetterFold.latinBase`.
enum LetterFoldReference {
    static let asciiBits: [UInt32] = (0..<128).map { LetterFold.bit(LetterFold.lower(UInt8($0))) }

    static func plainTextLetters(_ bytes: UnsafeRawBufferPointer) -> (letters: UInt32, ascii: Bool)? {
        guard let base = bytes.baseAddress else { return (0, true) }
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        return asciiBits.withUnsafeBufferPointer { table -> (letters: UInt32, ascii: Bool)? in
            var mask: UInt32 = 0
            var ascii = true
            var i = 0
            while i < n {
                if n &- i >= 8 {
                    let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    // High bit set for a byte below 0x20, equal to 0x7F, or above 0x7F.
                    let low = (w &- ones &* 0x20) & ~w
                    let x = w ^ (ones &* 0x7F)
                    let del = (x &- ones) & ~x
                    if (low | del | w) & (ones &* 0x80) == 0 {
                        mask |= table[Int(w & 0x7F)] | table[Int((w >> 8) & 0x7F)]
                            | table[Int((w >> 16) & 0x7F)] | table[Int((w >> 24) & 0x7F)]
                            | table[Int((w >> 32) & 0x7F)] | table[Int((w >> 40) & 0x7F)]
                            | table[Int((w >> 48) & 0x7F)] | table[Int(w >> 56)]
                        i &+= 8
                        continue
                    }
                }
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                if b &- 0x20 < 0x5F {
                    mask |= table[Int(b)]
                    i &+= 1
                    continue
                }
                guard b >= 0xC2, b <= 0xCB, n &- i >= 2 else { return nil }
                let c = base.load(fromByteOffset: i &+ 1, as: UInt8.self)
                guard c & 0xC0 == 0x80 else { return nil }
                let v = Int(b & 0x1F) << 6 | Int(c & 0x3F)
                guard v >= 0xA0 else { return nil }
                ascii = false
                if let letter = LetterFold.latinBase(v) { mask |= LetterFold.bit(letter) } else { mask |= LetterFold.otherBit }
                i &+= 2
            }
            return (mask, ascii)
        }
    }
}
