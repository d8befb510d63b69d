import Foundation
import GRDB
import MonitorCore
import Synchronization

/// The watch log in an SQLite file (ARCHITECTURE.md §9): one connection (GRDB's `DatabaseQueue`),
/// the file in WAL mode so several sitmons on one machine read while one writes. The only SQL in
/// sitmon is in this target, with bound parameters.
public final class SQLiteWatchLog: WatchLog {
    /// How long a write waits for another connection's transaction before giving up with `.busy`.
    /// Transactions here last microseconds, so one second means another program holds the file;
    /// the run loop must not stall longer than that (it retries on a later wake instead).
    public static let busyTimeout: TimeInterval = 1
    static let busyTimeoutText = "1 s"

    /// SQLite's own busy timeout sleeps longer and longer between tries (up to 100 ms), so a
    /// writer that commits again and again keeps another out past the timeout (measured: two
    /// writers of 500 entries each, one failed). Trying every quarter millisecond finds the short
    /// gap between another writer's transactions; `retries` counts the tries, so 4000 of them take
    /// at least the timeout. The tries cost a lock attempt each, and only while the log is held.
    @Sendable static func waitForLock(retries: Int) -> Bool {
        guard Double(retries) < busyTimeout * 4000 else { return false }
        usleep(250)
        return true
    }

    public let location: WatchLogLocation
    let queue: DatabaseQueue
    /// `PRAGMA data_version` as of the last `entries(after:)`; nil before the first.
    private let seenVersion = Mutex<Int64?>(nil)

    public convenience init(location: WatchLogLocation) throws(WatchLogProblem) {
        try self.init(location: location, migrator: WatchSchema.migrator())
    }

    /// `migrator`: the schema to bring the file to (tests pass an older one).
    package init(location: WatchLogLocation, migrator: DatabaseMigrator) throws(WatchLogProblem) {
        self.location = location
        try WatchLogFiles.prepare(location)
        var config = Configuration()
        config.busyMode = .callback(Self.waitForLock)
        config.label = "sitmon watch log"
        // Not `config.journalMode = .wal`: GRDB then writes a table into the file at once, and a
        // file that turns out not to be ours, or newer than us, must be left as it was.
        do {
            queue = try DatabaseQueue(path: location.path, configuration: config)
            try Self.check(queue, migrator: migrator, name: location.fileName)
            try queue.inDatabase { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw WatchLogProblem(.other, "\(location.fileName) cannot use WAL mode (a network filesystem?)")
                }
                // Each commit reaches the disk: an acknowledgement survives a power cut.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Self.migrate(queue, migrator)
        } catch {
            throw WatchLogProblem.from(error, file: location.fileName)
        }
        WatchLogFiles.narrowCompanions(location)
    }

    /// Refuses, before anything is written, a database that is not a watch log and one whose schema
    /// is newer than this build's.
    private static func check(_ queue: DatabaseQueue, migrator: DatabaseMigrator, name: String) throws {
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if !tables.isEmpty, !tables.contains("grdb_migrations") {
                throw WatchLogProblem(.notAWatchLog, "\(name) is a database but not a watch log")
            }
            if try migrator.hasBeenSuperseded(db) {
                throw WatchLogProblem(.newerSchema, "\(name) was written by a newer sitmon; update sitmon to use it")
            }
        }
    }

    private static func migrate(_ queue: DatabaseQueue, _ migrator: DatabaseMigrator) throws {
        do {
            try migrator.migrate(queue)
        } catch {
            // Two sitmons opening a new log at once can both start the same migration; the second
            // fails ("table already exists") and, run again, finds it done.
            try migrator.migrate(queue)
        }
    }

    public func record(_ entries: [WatchEntry]) throws {
        guard !entries.isEmpty else { return }
        try guarded {
            try queue.writeWithoutTransaction { db in
                // IMMEDIATE: take the write lock first (waiting up to the busy timeout), rather than
                // fail halfway when a read turns into a write.
                try db.inTransaction(.immediate) {
                    let insert = try db.cachedStatement(sql: EntryColumns.insert)
                    for entry in entries {
                        try insert.execute(arguments: EntryColumns.arguments(entry))
                    }
                    return .commit
                }
            }
        }
    }

    public func entries(after cursor: WatchCursor) throws -> (entries: [WatchEntry], cursor: WatchCursor) {
        let (entries, last, version) = try guarded {
            try queue.read { db in
                // Read in the same snapshot as the rows, so a commit in between is seen next time.
                let version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
                let rows = try Row.fetchCursor(db, sql: EntryColumns.select + " WHERE seq > ? ORDER BY seq",
                                               arguments: [cursor.position])
                var entries: [WatchEntry] = []
                var last = cursor.position
                while let row = try rows.next() {
                    if let seq = Int64.fromDatabaseValue(row["seq"]) { last = max(last, seq) }
                    if let entry = EntryColumns.entry(row) { entries.append(entry) }
                }
                return (entries, last, version)
            }
        }
        seenVersion.withLock { $0 = version }
        return (entries, WatchCursor(position: last))
    }

    public func hasChanged() throws -> Bool {
        // One cached statement on the kept connection, outside any transaction: `data_version`
        // changes when another connection commits, never for our own writes.
        let now = try guarded {
            try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) }
        }
        return seenVersion.withLock { $0 } != now
    }

    public func latestHandover(after time: Int64?) throws -> WatchEntry? {
        try guarded {
            try queue.read { db in
                // `kind = 'handover'` as a literal: SQLite uses the partial index `entry_handover`
                // only when the query names the index's condition itself.
                let rows = try Row.fetchCursor(db, sql: EntryColumns.select + """
                     WHERE kind = 'handover' AND at > ? ORDER BY at DESC, seq DESC
                    """, arguments: [time ?? Int64.min])
                while let row = try rows.next() {
                    if let entry = EntryColumns.entry(row) { return entry }
                }
                return nil
            }
        }
    }

    public func lastSession(officer: String) throws -> WatchSession? {
        try guarded {
            try queue.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT saved_at, view FROM session WHERE officer = ?",
                                                 arguments: [officer]),
                      let savedAt = Int64.fromDatabaseValue(row["saved_at"]) else { return nil }
                let marks = try Row.fetchAll(db, sql: """
                    SELECT path, device, inode, byte_offset FROM session_source WHERE officer = ? ORDER BY position
                    """, arguments: [officer])
                let sources = marks.compactMap { row -> SourceMark? in
                    guard let path = String.fromDatabaseValue(row["path"]),
                          let device = Int64.fromDatabaseValue(row["device"]),
                          let inode = Int64.fromDatabaseValue(row["inode"]),
                          let offset = Int64.fromDatabaseValue(row["byte_offset"]) else { return nil }
                    return SourceMark(path: path, device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode),
                                      offset: offset)
                }
                return WatchSession(officer: officer, savedAt: savedAt, sources: sources,
                                    view: String.fromDatabaseValue(row["view"]))
            }
        }
    }

    public func saveSession(_ session: WatchSession) throws {
        try guarded {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        INSERT INTO session (officer, saved_at, view) VALUES (?, ?, ?)
                        ON CONFLICT (officer) DO UPDATE SET saved_at = excluded.saved_at, view = excluded.view
                        """, arguments: [session.officer, session.savedAt, session.view])
                    try db.execute(sql: "DELETE FROM session_source WHERE officer = ?", arguments: [session.officer])
                    let insert = try db.cachedStatement(sql: """
                        INSERT INTO session_source (officer, position, path, device, inode, byte_offset)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                    for (position, mark) in session.sources.enumerated() {
                        try insert.execute(arguments: [session.officer, position, mark.path,
                                                       Int64(bitPattern: mark.device), Int64(bitPattern: mark.inode),
                                                       mark.offset])
                    }
                    return .commit
                }
            }
        }
    }

    /// Every failure leaves as a `WatchLogProblem` naming the file.
    private func guarded<T>(_ body: () throws -> T) throws(WatchLogProblem) -> T {
        do {
            return try body()
        } catch {
            throw WatchLogProblem.from(error, file: location.fileName)
        }
    }
}
