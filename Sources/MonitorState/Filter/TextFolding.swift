import MonitorCore

/// Case- and accent-insensitive matching straight on UTF-8 bytes, without allocating: ASCII is
/// lower-cased and the Latin-1 and Latin Extended-A letters that place names use (é, è, ç, ï…)
/// fold to their base letter. Fast enough to scan a million summaries per keystroke.
public enum TextFolding {
    /// Folds a whole string the same way (for the needle, once per query).
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let (byte, length) = next(in: bytes) {
            out.append(byte)
            bytes = bytes.dropFirst(length)
        }
        return out
    }

    /// The folded byte at the start of `bytes` and how many input bytes it used; nil when empty.
    @inline(__always)
    package static func next(in bytes: ArraySlice<UInt8>) -> (UInt8, Int)? {
        guard let b = bytes.first else { return nil }
        if b < 0x80 { return (lower(b), 1) }
        let i = bytes.startIndex
        if (b == 0xC3 || b == 0xC4 || b == 0xC5), i + 1 < bytes.endIndex {
            let code = (Int(b & 0x1F) << 6) | Int(bytes[i + 1] & 0x3F)
            if let base = latinBase(code) { return (base, 2) }
        }
        return (b, 1)
    }

    @inline(__always)
    package static func lower(_ b: UInt8) -> UInt8 { LetterFold.lower(b) }

    /// Base letter of U+00C0–U+017F letters, lower-cased; nil for anything else (`LetterFold`).
    @inline(__always)
    package static func latinBase(_ code: Int) -> UInt8? { LetterFold.latinBase(code) }

    /// Whether the folded needle occurs in `haystack` (raw UTF-8), folding as it goes.
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, folded needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { contains(haystack, folded: $0) }
    }

    /// As above, with the needle in memory the caller owns (a scan passes it to every incident).
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, folded needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        // Folding never lengthens text, so a needle longer than the raw bytes cannot match.
        if needle.count > haystack.count { return false }
        if let quick = containsScanning(haystack, folded: needle) { return quick }
        return containsFolding(haystack, folded: needle)
    }

    /// The same answer as `containsFolding`, faster, for a needle that starts with an ASCII
    /// character (nil otherwise): eight bytes at a time, looking only for bytes that can start a
    /// match — the first character in either case, or the lead byte of an accented Latin letter
    /// (which may fold to it). Each candidate is then checked with folding.
    package static func containsScanning(_ haystack: UnsafeBufferPointer<UInt8>, folded needle: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let base = haystack.baseAddress, let first = needle.first, first < 0x80 else { return nil }
        let n = haystack.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Setting bit 5 maps A–Z onto a–z and no other byte onto a letter; other bytes match exactly.
        let caseBits: UInt64 = first >= 0x61 && first <= 0x7A ? 0x2020_2020_2020_2020 : 0
        let pattern = UInt64(first) &* ones
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & highs != 0 {
                // Some byte is not ASCII: look at each (rare in summaries; accented names).
                for at in i..<(i + 8) where startsMatch(haystack, at, first, needle) { return true }
            } else {
                let x = (word | caseBits) ^ pattern
                // Zero bytes of x are candidates; a borrow may flag the byte above one, so every
                // candidate is checked from its first byte.
                var zeros = (x &- ones) & ~x & highs
                while zeros != 0 {
                    if startsMatch(haystack, i + zeros.trailingZeroBitCount / 8, first, needle) { return true }
                    zeros &= zeros &- 1
                }
            }
            i += 8
        }
        while i < n {
            if startsMatch(haystack, i, first, needle) { return true }
            i += 1
        }
        return false
    }

    /// Whether the needle, folded, begins at byte `at`.
    @inline(__always)
    package static func startsMatch(_ h: UnsafeBufferPointer<UInt8>, _ at: Int, _ first: UInt8, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = h[at]
        if b < 0x80 { return lower(b) == first && matches(h, from: at + 1, needle) }
        guard b == 0xC3 || b == 0xC4 || b == 0xC5, at + 1 < h.count,
              latinBase((Int(b & 0x1F) << 6) | Int(h[at + 1] & 0x3F)) == first else { return false }
        return matches(h, from: at + 2, needle)
    }

    /// The general path: folds each haystack character (accented Latin letters to their base).
    package static func containsFolding(_ haystack: UnsafeBufferPointer<UInt8>, folded needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = haystack.count
        var start = 0
        let first = needle[0]
        while start < n {
            // Fast skip to a byte that can begin a match.
            let b = haystack[start]
            let fb: UInt8
            var used = 1
            if b < 0x80 {
                fb = lower(b)
            } else if (b == 0xC3 || b == 0xC4 || b == 0xC5), start + 1 < n,
                      let base = latinBase((Int(b & 0x1F) << 6) | Int(haystack[start + 1] & 0x3F)) {
                fb = base
                used = 2
            } else {
                fb = b
            }
            if fb == first, matches(haystack, from: start + used, needle) { return true }
            start += used
        }
        return false
    }

    @inline(__always)
    package static func matches(_ h: UnsafeBufferPointer<UInt8>, from: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = from
        var j = 1
        while j < needle.count {
            guard i < h.count else { return false }
            let b = h[i]
            var fb = b
            var used = 1
            if b < 0x80 {
                fb = lower(b)
            } else if (b == 0xC3 || b == 0xC4 || b == 0xC5), i + 1 < h.count,
                      let base = latinBase((Int(b & 0x1F) << 6) | Int(h[i + 1] & 0x3F)) {
                fb = base
                used = 2
            }
            if fb != needle[j] { return false }
            i += used
            j += 1
        }
        return true
    }

    // MARK: - Letter masks

    /// Which characters a text holds once folded, as bits: a–z one bit each (exact), digits in
    /// pairs (0-1, 2-3, …), anything else in the top bit. A query whose mask is not inside a text's
    /// mask cannot match it; a one-letter query matches exactly the texts with its bit.
    public static func letterMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 { LetterFold.letterMask(bytes) }

    public static func letterMask(_ text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { letterMask($0) }
    }

    /// The mask of an already folded needle.
    public static func letterMask(folded needle: [UInt8]) -> UInt32 {
        needle.reduce(0) { $0 | bit($1) }
    }

    package static let otherBit: UInt32 = LetterFold.otherBit

    /// The bit of one folded byte.
    @inline(__always)
    package static func bit(_ b: UInt8) -> UInt32 { LetterFold.bit(b) }

    public static func contains(_ haystack: String, folded needle: [UInt8]) -> Bool {
        var text = haystack
        return text.withUTF8 { contains($0, folded: needle) }
    }
}
