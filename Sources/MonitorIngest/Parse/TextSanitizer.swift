/// Makes text from event files safe to draw: nothing in it may reach the terminal as a control.
///
/// C0, DEL and C1 controls become visible placeholders (ESC shows as ␛), so a hostile summary
/// reads as text and moves nothing. Bidirectional overrides and zero-width characters are dropped:
/// they would reorder or hide what the officer reads. Runs of combining marks are capped so one
/// character cannot smear across the line.
public enum TextSanitizer {
    public static let maxCombiningMarks = 2

    public static func clean(_ text: String, ascii: Bool = false) -> String {
        // Nearly all text is printable ASCII: nothing to do, and no copy.
        if isPrintableASCII(text) || isAlreadyClean(text) { return text }
        var out = String.UnicodeScalarView()
        var marksInRun = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x09 || v == 0x0A || v == 0x0D {
                out.append(" ")
                marksInRun = 0
                continue
            }
            if v < 0x20 || v == 0x7F {
                // Control Pictures block: U+2400 + code, DEL at U+2421.
                let picture = v == 0x7F ? 0x2421 : 0x2400 + v
                out.append(ascii ? "?" : Unicode.Scalar(picture) ?? "?")
                marksInRun = 0
                continue
            }
            if (0x80...0x9F).contains(v) {
                out.append(ascii ? "?" : "\u{FFFD}")
                marksInRun = 0
                continue
            }
            if isInvisibleFormat(v) { continue }
            if isCombining(scalar) {
                marksInRun += 1
                if marksInRun > maxCombiningMarks || out.isEmpty { continue }
            } else {
                marksInRun = 0
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// True when the loop below would give back the text unchanged (accented letters, say):
    /// checking is much cheaper than rebuilding it scalar by scalar.
    package static func isAlreadyClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isAlreadyClean(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Whether all eight bytes of `w` are printable ASCII (0x20–0x7E): a byte below 0x20, DEL or a
    /// byte of 0x80 and above sets its top bit in `low | del | w`.
    @inline(__always)
    package static func isPrintableASCII(word w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = (w &- ones &* 0x20) & ~w
        let x = w ^ (ones &* 0x7F)
        let del = (x &- ones) & ~x
        return (low | del | w) & (ones &* 0x80) == 0
    }

    /// Every byte printable ASCII, eight at a time (what the sanitiser leaves alone, and ASCII).
    @inline(__always)
    package static func isPrintableASCII(utf8 t: UnsafeRawBufferPointer) -> Bool {
        guard let base = t.baseAddress else { return true }
        let n = t.count
        guard n >= 8 else {
            for k in 0..<n where base.load(fromByteOffset: k, as: UInt8.self) &- 0x20 >= 0x5F { return false }
            return true
        }
        var i = 0
        while i &+ 8 <= n {
            guard isPrintableASCII(word: (base + i).loadUnaligned(as: UInt64.self)) else { return false }
            i &+= 8
        }
        // The last word overlaps what was read: no byte past the end is loaded.
        return i == n || isPrintableASCII(word: (base + (n &- 8)).loadUnaligned(as: UInt64.self))
    }

    /// The same check on the UTF-8 bytes of valid text, with no String made: eight ASCII bytes
    /// at a time, scalar by scalar only from the first byte that is not printable ASCII.
    package static func isAlreadyClean(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        var marksInRun = 0
        var first = true
        while i < n {
            if i + 8 <= n {
                if isPrintableASCII(word: (base + i).loadUnaligned(as: UInt64.self)) {
                    // Eight printable ASCII characters: no mark run can be open after them.
                    i += 8
                    marksInRun = 0
                    first = false
                    continue
                }
            }
            let lead = base.load(fromByteOffset: i, as: UInt8.self)
            var v = UInt32(lead)
            var width = 1
            if lead >= 0xF0 {
                v = UInt32(lead & 0x07)
                width = 4
            } else if lead >= 0xE0 {
                v = UInt32(lead & 0x0F)
                width = 3
            } else if lead >= 0xC0 {
                v = UInt32(lead & 0x1F)
                width = 2
            } else if lead >= 0x80 {
                return false  // not valid UTF-8: let the String path decide
            }
            guard i + width <= n else { return false }
            if width > 1 {
                for k in 1..<width { v = v << 6 | UInt32(base.load(fromByteOffset: i + k, as: UInt8.self) & 0x3F) }
            }
            i += width
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || isInvisibleFormat(v) { return false }
            if v >= 0x300, let scalar = Unicode.Scalar(v), isCombining(scalar) {
                marksInRun += 1
                if marksInRun > maxCombiningMarks || first { return false }
            } else {
                marksInRun = 0
            }
            first = false
        }
        return true
    }

    package static func isPrintableASCII(_ text: String) -> Bool {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes in
            var ok = true
            for b in bytes { ok = ok && b &- 0x20 < 0x5F }  // branch-free: 0x20...0x7E
            return ok
        }
        return fast ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Bidi embeddings, overrides and isolates, directional marks, zero-width spaces and joiners, BOM.
    package static func isInvisibleFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C, 0x180E, 0xFFF9...0xFFFB: true
        default: false
        }
    }

    package static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x300 { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }
}
