import MonitorCore

/// The watch log as the run loop sees it (ARCHITECTURE.md §9): what officers add, kept apart from
/// the incidents. Our own interface, so another backend (PostgreSQL, for a watch floor on several
/// machines) can stand beside `SQLiteWatchLog` without touching the reducer or the views. Every
/// method may throw a `WatchLogProblem`; `WatchLogClient` turns those into a status line and retries.
public protocol WatchLog: AnyObject, Sendable {
    /// Keeps the entries, in order, in one transaction. Idempotent: an entry whose `uid` is already
    /// in the log is skipped, and so is a second `.alert` for an `AlertKey` already alerted (two
    /// officers' sitmons raising the same alert at once store one). Neither is an error.
    func record(_ entries: [WatchEntry]) throws

    /// Everything recorded after `cursor`, by anyone, oldest first, and the cursor to pass next
    /// time. `.start` gives the whole log.
    func entries(after cursor: WatchCursor) throws -> (entries: [WatchEntry], cursor: WatchCursor)

    /// Whether another connection (another sitmon, another officer) committed since the last
    /// `entries(after:)`; true before the first. Cheap enough for every wake of the run loop.
    func hasChanged() throws -> Bool

    /// The newest handover note whose time is after `time` (seconds UTC; nil: any), by anyone.
    func latestHandover(after time: Int64?) throws -> WatchEntry?

    func lastSession(officer: String) throws -> WatchSession?
    /// Replaces the officer's kept session.
    func saveSession(_ session: WatchSession) throws
}

/// Where a reader of the log has got to. Opaque to callers: compare, keep, pass back.
public struct WatchCursor: Hashable, Sendable, Comparable {
    /// The last entry's position in the log (SQLite: the row's `seq`); 0 before the first.
    package var position: Int64

    package init(position: Int64) {
        self.position = position
    }

    public static let start = WatchCursor(position: 0)

    public static func < (a: WatchCursor, b: WatchCursor) -> Bool {
        a.position < b.position
    }
}
