/// The one-line `/` prompt: what is typed so far, the query to go back to on Esc, and why the
/// text is not a usable query (a bad `re:`), if it is not.
public struct TextPrompt: Sendable, Equatable {
    public var text: String
    public let previous: TextQuery?
    public var error: String?

    public init(text: String, previous: TextQuery?, error: String? = nil) {
        self.text = text
        self.previous = previous
        self.error = error
    }
}
