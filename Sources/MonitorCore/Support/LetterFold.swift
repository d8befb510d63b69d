import CByteScan

/// The folding that text search is built on (ASCII lower-cased; the Latin-1 and Latin Extended-A
/// letters place names use folded to their base letter) and the letter mask of a text. It sits in
/// the core so that decoders can work out a summary's letter mask on their own cores while they
/// decode it, instead of the store's thread doing it for every arrival (ARCHITECTURE.md §4).
public enum LetterFold {
    @inlinable
    public static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// Base letters of U+00C0–U+00FF and U+0100–U+017F, lower-cased; `*` marks signs and ligatures.
    public static let latin1Base: [UInt8] = Array("aaaaaaaceeeeiiiidnooooo*ouuuuy*saaaaaaaceeeeiiiidnooooo*ouuuuy*y".utf8)
    public static let extendedABase: [UInt8] = Array("aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs".utf8)

    /// Base letter of U+00C0–U+017F letters, lower-cased; nil for anything else.
    @inlinable
    public static func latinBase(_ code: Int) -> UInt8? {
        guard code >= 0xC0, code <= 0x17F else { return nil }
        let c = code < 0x100 ? latin1Base[code - 0xC0] : extendedABase[code - 0x100]
        return c == 0x2A ? nil : c
    }

    public static let otherBit: UInt32 = 1 << 31

    /// The bit of one folded byte: a–z one bit each, digits in pairs, anything else the top bit.
    @inlinable
    public static func bit(_ b: UInt8) -> UInt32 {
        if b >= 0x61 && b <= 0x7A { return 1 << UInt32(b - 0x61) }
        if b >= 0x30 && b <= 0x39 { return 1 << UInt32(26 + (b - 0x30) / 2) }
        return 1 << 31
    }

    /// Which characters a text holds once folded, as bits (`bit`). A query whose mask is not
    /// inside a text's mask cannot match it; a one-letter query matches exactly the texts with
    /// its bit. Eight ASCII bytes at a time through a table, byte by byte only around others.
    public static func letterMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return asciiBits.withUnsafeBufferPointer { table in
            var mask: UInt32 = 0
            var i = 0
            let n = bytes.count
            while i < n {
                if i + 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        mask |= table[Int(word & 0x7F)] | table[Int((word >> 8) & 0x7F)]
                            | table[Int((word >> 16) & 0x7F)] | table[Int((word >> 24) & 0x7F)]
                            | table[Int((word >> 32) & 0x7F)] | table[Int((word >> 40) & 0x7F)]
                            | table[Int((word >> 48) & 0x7F)] | table[Int(word >> 56)]
                        i += 8
                        continue
                    }
                }
                let b = base[i]
                if b < 0x80 {
                    mask |= table[Int(b)]
                    i += 1
                } else if (b == 0xC3 || b == 0xC4 || b == 0xC5), i + 1 < n,
                          let letter = latinBase((Int(b & 0x1F) << 6) | Int(base[i + 1] & 0x3F)) {
                    mask |= bit(letter)
                    i += 2
                } else {
                    mask |= otherBit
                    i += 1
                }
            }
            return mask
        }
    }

    /// The same for raw bytes.
    public static func letterMask(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        letterMask(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// `letterMask` of a text made only of printable ASCII (U+0020–U+007E) and two-byte characters
    /// U+00A0–U+02FF, with whether it is all ASCII, worked out in the one pass that checks it is
    /// so; nil for any other text (controls, DEL, C1, invalid UTF-8, longer sequences). Such text
    /// is exactly what the sanitiser leaves alone without looking up a character's category, so a
    /// decoder can check, measure and mask a summary in one read. The pass is C with AVX2 where
    /// the processor has it (`CByteScan`, ARCHITECTURE.md §1): a table look-up per byte here cost
    /// a fifth of the CSV decode.
    public static func plainTextLetters(_ bytes: UnsafeRawBufferPointer) -> (letters: UInt32, ascii: Bool)? {
        guard let base = bytes.baseAddress else { return (0, true) }
        let answer = cbs_plain_text_letters(base, bytes.count)
        if answer == CBS_NOT_PLAIN { return nil }
        return (UInt32(truncatingIfNeeded: answer), answer & (1 << 32) != 0)
    }

    /// `bit(lower(b))` for each ASCII byte.
    private static let asciiBits: [UInt32] = (0..<128).map { bit(lower(UInt8($0))) }
}
