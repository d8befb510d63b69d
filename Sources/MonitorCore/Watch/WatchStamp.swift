/// Who recorded something in the watch log, and when.
public struct WatchStamp: Hashable, Sendable {
    /// The officer's login, from the user database (`getpwuid`), not from `$USER`.
    public var officer: String
    /// Seconds since 1970-01-01 UTC.
    public var at: Int64

    public init(officer: String, at: Int64) {
        self.officer = officer
        self.at = at
    }
}
