import Foundation
import GRDB

/// Why the watch log cannot be used just now. `reason` is short and says what an officer can do
/// about it; the status line shows "watch log unavailable: \(reason)". Trouble with the log never
/// stops sitmon (`WatchLogClient` keeps what it could not write).
public struct WatchLogProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The folder is missing and cannot be made, or cannot be written.
        case folder
        /// The file or its folder is read-only for us.
        case readOnly
        /// Modes that let others than the watch write (or read) it: refused, not used.
        case unsafePermissions
        /// Another program held the log past the busy timeout; try again later.
        case busy
        /// Not a database, a damaged one, or a database that is not a watch log.
        case notAWatchLog
        /// Written by a newer sitmon whose schema this build does not know; left untouched.
        case newerSchema
        /// Anything else SQLite or the system reported (disk full, I/O error, ...).
        case other
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "watch log unavailable: \(reason)" }

    /// Says what an SQLite failure means for an officer. `file` names the log in the reason.
    package static func from(_ error: any Error, file: String) -> WatchLogProblem {
        if let problem = error as? WatchLogProblem { return problem }
        guard let db = error as? DatabaseError else {
            return WatchLogProblem(.other, "\(file): \(error)")
        }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return WatchLogProblem(.busy, "\(file) is locked by another program (waited \(SQLiteWatchLog.busyTimeoutText))")
        case .SQLITE_READONLY:
            return WatchLogProblem(.readOnly, "\(file) is read-only")
        case .SQLITE_NOTADB:
            return WatchLogProblem(.notAWatchLog, "\(file) is not a database")
        case .SQLITE_CORRUPT:
            return WatchLogProblem(.notAWatchLog, "\(file) is damaged (\(db.message ?? "corrupt"))")
        case .SQLITE_CANTOPEN:
            return WatchLogProblem(.folder, "cannot open \(file) (\(db.message ?? "no access"))")
        case .SQLITE_FULL:
            return WatchLogProblem(.other, "disk full writing \(file)")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return WatchLogProblem(.readOnly, "no permission to write \(file)")
        default:
            return WatchLogProblem(.other, "\(file): \(db.message ?? "\(db.resultCode)")")
        }
    }
}
