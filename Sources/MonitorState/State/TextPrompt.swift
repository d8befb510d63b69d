/// The `F` prompt: the minimum number of fatalities as typed so far (digits only).
public struct NumberPrompt: Sendable, Equatable {
    public var digits: String
    /// Why the last key was refused, shown until the next accepted one.
    public var error: String?

    public init(digits: String = "", error: String? = nil) {
        self.digits = digits
        self.error = error
    }

    /// Longest number taken: more dead than this is not a threshold anyone types.
    public static let maxDigits = 6
}

/// The one-line `/` prompt: what is typed so far, the query to go back to on Esc, and why the
/// text is not a usable query (a bad `re:`), if it is not.
public struct TextPrompt: Sendable, Equatable {
    public var text: String
    public let previous: TextQuery?
    public var error: String?
    /// A regular expression typed on a big store waits for Enter: matching one against every
    /// summary on each keystroke would stall the screen.
    public var waitsForEnter = false

    public init(text: String, previous: TextQuery?, error: String? = nil) {
        self.text = text
        self.previous = previous
        self.error = error
    }
}
