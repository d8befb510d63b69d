/// How many terminal columns a character takes. The terminal backend supplies the C library's
/// `wcwidth` so the canvas agrees with the terminal; `builtin` is the table used without one (tests).
public struct DisplayWidth: Sendable {
    @usableFromInline let scalarWidth: @Sendable (Unicode.Scalar) -> Int

    public init(_ scalarWidth: @escaping @Sendable (Unicode.Scalar) -> Int) {
        self.scalarWidth = scalarWidth
    }

    /// Columns for a grapheme as the terminal counts them: the sum of its scalars' widths, the way
    /// glibc's `wcwidth`, ncurses and tmux add them up (👍🏿 is 2 + 2, 🇲🇱 1 + 1, ❤️ 1 + 0). Taking
    /// the first scalar alone disagreed with the terminal and pushed frames out of line. -1 when
    /// the grapheme starts with a control.
    @inlinable public func columns(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        var total = scalarWidth(first)
        if total < 0 { return -1 }
        while let next = iterator.next() { total += max(0, scalarWidth(next)) }
        return total
    }

    @inlinable public func columns(_ text: String) -> Int {
        text.reduce(0) { $0 + max(0, columns($1)) }
    }

    public static let builtin = DisplayWidth(builtinWidth)

    /// Columns of a scalar from Unicode properties: -1 for controls, 0 for marks, 2 for wide.
    public static func builtinWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Printable ASCII first: most of a frame, and reading Unicode properties costs hundreds of
        // instructions a scalar.
        if v >= 0x20, v < 0x7F { return 1 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return -1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Regional indicators (flag halves) and Hangul's medial and final jamo are what glibc says
        // they are: 1 and 0, whatever their emoji or letter properties suggest.
        if (0x1F1E6...0x1F1FF).contains(v) { return 1 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks that occur in text).
    package static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            true
        default:
            false
        }
    }
}
