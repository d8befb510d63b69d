import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorWatch

/// Versions of the log: a newer sitmon brings an older log up to date and keeps its rows; an older
/// sitmon, or any sitmon given a file that is not a log, leaves it untouched and says why.
@Suite struct WatchSchemaTests {
    @Test func anEmptyOrMissingFileBecomesALogAtTheLatestVersion() throws {
        let folder = try WatchFolder("empty")
        defer { folder.remove() }
        #expect(FileManager.default.createFile(atPath: folder.path + "/empty.sqlite", contents: Data()))
        for name in ["empty.sqlite", "missing.sqlite"] {
            let log = try SQLiteWatchLog(location: folder.location(name))
            #expect(try log.appliedVersions() == WatchSchema.versions, "\(name)")
            try log.record([WatchFixtures.note(1)])
            try log.saveSession(WatchSession(officer: "amadou", savedAt: 1, sources: []))
        }
    }

    @Test func aV1LogIsMigratedAndKeepsItsRows() throws {
        let folder = try WatchFolder("v1")
        defer { folder.remove() }
        let old = Array(WatchFixtures.everyKind.prefix(9))
        do {
            // The log as the first version of the schema made it: entries, no sessions yet.
            let v1 = try SQLiteWatchLog(location: folder.location(), migrator: WatchSchema.migrator(upTo: "v1-entries"))
            #expect(try v1.appliedVersions() == ["v1-entries"])
            try v1.record(old)
            #expect(throws: WatchLogProblem.self) { try v1.saveSession(WatchSession(officer: "a", savedAt: 1, sources: [])) }
        }
        let log = try SQLiteWatchLog(location: folder.location())
        #expect(try log.appliedVersions() == WatchSchema.versions)
        let (entries, cursor) = try log.entries(after: .start)
        #expect(entries == old)
        // Entries go on after the old ones, and the new tables work.
        try log.record([WatchFixtures.everyKind[9]])
        #expect(try log.entries(after: cursor).entries == [WatchFixtures.everyKind[9]])
        try log.saveSession(WatchSession(officer: "a", savedAt: 1, sources: []))
        #expect(try log.latestHandover(after: nil) == WatchFixtures.everyKind[9])
    }

    @Test func aLogFromANewerSitmonIsRefusedAndLeftUntouched() throws {
        let folder = try WatchFolder("newer")
        defer { folder.remove() }
        let location = folder.location()
        do {
            let newer = try SQLiteWatchLog(location: location, migrator: WatchSchema.migrator(later: ["v3-future"]))
            try newer.record([WatchFixtures.note(1)])
        }
        let before = try #require(WatchFixtures.bytes(location.path))
        let companions = ["-wal", "-shm"].map { FileManager.default.fileExists(atPath: location.path + $0) }
        #expect(throws: WatchLogProblem(.newerSchema, "watch.sqlite was written by a newer sitmon; update sitmon to use it")) {
            _ = try SQLiteWatchLog(location: location)
        }
        #expect(WatchFixtures.bytes(location.path) == before)
        #expect(["-wal", "-shm"].map { FileManager.default.fileExists(atPath: location.path + $0) } == companions)
        // The newer sitmon still reads it as it was.
        let again = try SQLiteWatchLog(location: location, migrator: WatchSchema.migrator(later: ["v3-future"]))
        #expect(try again.entries(after: .start).entries == [WatchFixtures.note(1)])
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndNotOverwritten() throws {
        let folder = try WatchFolder("corrupt")
        defer { folder.remove() }
        let location = folder.location()
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: location.path))
        chmod(location.path, 0o600)
        #expect(throws: WatchLogProblem(.notAWatchLog, "watch.sqlite is not a database")) {
            _ = try SQLiteWatchLog(location: location)
        }
        #expect(WatchFixtures.bytes(location.path) == garbage)
        #expect(!FileManager.default.fileExists(atPath: location.path + "-wal"))
    }

    /// A zone's path is kept as text; it reads back to the same doubles, and damaged text is no path.
    @Test func zonePointsReadBackExactly() {
        #expect(EntryColumns.points("1,2;3") == nil)
        #expect(EntryColumns.points("") == nil)
        #expect(EntryColumns.points("2.5,-1e-3") == [GeoPoint(lat: -0.001, lon: 2.5)])
        let odd = [GeoPoint(lat: 0.1 + 0.2, lon: -179.99999999999997)]
        #expect(EntryColumns.points(EntryColumns.points(odd)) == odd)
    }
}
