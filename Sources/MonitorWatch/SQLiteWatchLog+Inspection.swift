import GRDB

/// What the tests look at inside the file, so no SQL has to live outside this target.
extension SQLiteWatchLog {
    /// The schema versions the file holds, in the order this build knows them.
    package func appliedVersions() throws -> [String] {
        try queue.read { db in try WatchSchema.migrator().appliedMigrations(db) }
    }

    /// Runs `body` inside a write transaction on this connection, as another program holding the
    /// log would (tests of the busy timeout).
    package func holdingWriteLock<T>(_ body: () throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: Result<T, any Error>?
            try db.inTransaction(.immediate) {
                result = Result { try body() }
                return .rollback
            }
            guard let result else { throw WatchLogProblem(.other, "no transaction") }
            return try result.get()
        }
    }
}
