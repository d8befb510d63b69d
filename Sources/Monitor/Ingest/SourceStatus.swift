/// What a followed file is doing right now, for the status line.
public enum SourceStatus: Sendable, Hashable {
    /// The path does not exist (yet, or any more); sitmon keeps looking for it.
    case waiting
    case following
    /// The path exists but cannot be read; sitmon keeps retrying.
    case unreadable(String)
    /// A stream (standard input) reached its end; everything it sent was read.
    case ended
}

/// One thing that happened to a followed file, with wall-clock time.
public enum SourceEvent: Sendable, Hashable {
    case rotated(at: Int64)
    case truncated(at: Int64)
}
