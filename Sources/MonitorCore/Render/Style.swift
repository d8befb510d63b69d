/// A colour as a theme names it: the terminal's own default, or an xterm-256 index.
/// The terminal backend maps indexes down to 16 or 8 colours when that is all it has.
public enum ThemeColor: Sendable, Hashable {
    case terminalDefault
    case indexed(UInt8)
}

public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
}

/// How one cell looks.
public struct Style: Sendable, Hashable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var attributes: TextAttributes

    public init(fg: ThemeColor = .terminalDefault, bg: ThemeColor = .terminalDefault, attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
