/// Why a line was skipped; shown with its file and line number.
public struct LineError: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A skipped line, kept so the officer can see what was not used and why.
public struct BadLine: Sendable, Hashable {
    public var origin: Origin
    public var reason: String
    /// The start of the offending line, sanitised.
    public var excerpt: String
    public init(origin: Origin, reason: String, excerpt: String) {
        self.origin = origin
        self.reason = reason
        self.excerpt = excerpt
    }
}
