/// A source line as read again, or why it could not be.
public enum SourceLineContent: Sendable, Hashable {
    /// Asked for; the run loop has not answered yet.
    case reading
    /// The line, sanitised; `cut`: it was longer than `readLimit` bytes.
    case line(String, cut: Bool)
    case unavailable(String)

    /// How much of a line `SourceLineReader` reads; here, in the bottom layer, so the detail view
    /// can say how much it shows without importing the ingest target.
    public static let readLimit = 64 << 10
}
