import GRDB

/// The watch log's tables, one migration per version (GRDB's `DatabaseMigrator` records each in
/// `grdb_migrations`). A newer sitmon opens an older log and brings it up to date; an older
/// sitmon refuses a log that holds a migration it does not know (`SQLiteWatchLog.open`), so it
/// never writes rows a newer schema would misread. Migrations are only ever added, never edited.
package enum WatchSchema {
    package static let versions = ["v1-entries", "v2-sessions"]

    /// `upTo`: stop after that version (tests build an older log with it). `later`: versions a
    /// newer build would add, here empty (tests build a log this build must refuse with it).
    package static func migrator(upTo last: String? = nil, later: [String] = []) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for version in versions {
            migrator.registerMigration(version) { db in try db.execute(sql: sql(version)) }
            if version == last { break }
        }
        for version in later {
            migrator.registerMigration(version) { _ in }
        }
        return migrator
    }

    static func sql(_ version: String) -> String {
        switch version {
        case "v1-entries":
            // One row per entry, whatever its kind; the columns a kind does not use stay NULL.
            // `seq` orders the log and is the readers' cursor (AUTOINCREMENT: never reused).
            // `at` is the officer's time, seconds UTC. An incident is its source and id. A new kind
            // needs no migration: readers skip kinds they do not know.
            return """
                CREATE TABLE entry (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    uid TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    officer TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    source TEXT,
                    incident TEXT,
                    rule TEXT,
                    flag_on INTEGER,
                    text TEXT,
                    place TEXT,
                    incident_at INTEGER,
                    zone_name TEXT,
                    zone_shape TEXT,
                    zone_km REAL,
                    zone_points TEXT
                );
                -- One alert per rule and incident, whoever raised it first.
                CREATE UNIQUE INDEX entry_one_alert ON entry (rule, source, incident) WHERE kind = 'alert';
                """
        case "v2-sessions":
            // Each officer's last session: when it was saved, the view, and how far each source
            // had been read (device and inode as SQLite's signed 64-bit integers, bit for bit).
            return """
                CREATE TABLE session (
                    officer TEXT PRIMARY KEY NOT NULL,
                    saved_at INTEGER NOT NULL,
                    view TEXT
                );
                CREATE TABLE session_source (
                    officer TEXT NOT NULL REFERENCES session (officer) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    path TEXT NOT NULL,
                    device INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    byte_offset INTEGER NOT NULL,
                    PRIMARY KEY (officer, position)
                );
                CREATE INDEX entry_handover ON entry (at) WHERE kind = 'handover';
                """
        default:
            return ""
        }
    }
}
