/// What a followed file is doing right now, for the status line.
public enum SourceStatus: Sendable, Hashable {
    /// The path has no file (yet, or any more); sitmon keeps looking for it, and says why.
    case waiting(Absence)
    case following
    /// The path exists but cannot be read; sitmon keeps retrying.
    case unreadable(String)
    /// A stream (standard input) reached its end; everything it sent was read.
    case ended
    /// A compressed file, read whole (or as far as it could be read): it is not followed, since
    /// appending to a compressed file is not how files grow.
    case readWhole

    /// Why a followed path has no file: a path that never existed is most likely mistyped.
    public enum Absence: Sendable, Hashable {
        /// Not looked for yet.
        case unknown
        /// Not found since sitmon started.
        case noSuchFile
        /// It was followed, then deleted.
        case deleted
        /// It was renamed away (rotation): the old file is still read until a new one takes the name.
        case renamed
    }
}

/// One thing that happened to a followed file, with wall-clock time.
public enum SourceEvent: Sendable, Hashable {
    case rotated(at: Int64)
    case truncated(at: Int64)
}
