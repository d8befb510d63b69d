import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorWatch

/// Trouble with the log never stops sitmon and never loses an officer's entry: the client keeps
/// what it could not write, says why, and writes it once the log is back.
@Suite struct WatchLogClientTests {
    /// Tests may run as root, whom the kernel lets write a 0400 file; the log checks the mode bits
    /// itself (`WatchLogFiles.writable`), so this holds for root too.
    @Test func aReadOnlyLogKeepsEntriesInMemoryUntilItIsWritableAgain() throws {
        let folder = try WatchFolder("readonly")
        defer { folder.remove() }
        let location = folder.location()
        let client = WatchLogClient(location: location)
        client.record([WatchFixtures.note(1)])
        #expect(client.status == nil)
        #expect(client.pending.isEmpty)

        chmod(location.path, 0o400)
        client.reopen()
        #expect(client.problem?.kind == .readOnly)
        client.record([WatchFixtures.note(2), WatchFixtures.note(3)])
        client.record([WatchFixtures.note(4)])
        #expect(client.pending == (2...4).map { WatchFixtures.note($0) })
        #expect(client.status == "watch log unavailable: watch.sqlite is read-only (mode 0400) (3 unsaved)")
        #expect(!client.flush())

        chmod(location.path, 0o600)
        #expect(client.flush())
        #expect(client.status == nil)
        #expect(client.pending.isEmpty)
        let entries = try SQLiteWatchLog(location: location).entries(after: .start).entries
        #expect(entries == (1...4).map { WatchFixtures.note($0) })
    }

    @Test func aCorruptLogIsReportedAndNotOverwritten() throws {
        let folder = try WatchFolder("client-corrupt")
        defer { folder.remove() }
        let location = folder.location()
        let garbage = Data(repeating: 0xA5, count: 4096)
        #expect(FileManager.default.createFile(atPath: location.path, contents: garbage, attributes: [.posixPermissions: 0o600]))
        let client = WatchLogClient(location: location)
        #expect(client.status == "watch log unavailable: watch.sqlite is not a database")
        client.record([WatchFixtures.note(1)])
        #expect(client.newEntries().isEmpty)
        #expect(client.lastSession(officer: "amadou") == nil)
        #expect(client.pending == [WatchFixtures.note(1)])
        #expect(WatchFixtures.bytes(location.path) == garbage)
        // The officer moves the damaged file aside: the next flush starts a fresh log.
        try FileManager.default.moveItem(atPath: location.path, toPath: location.path + ".damaged")
        #expect(client.flush())
        #expect(client.newEntries() == [WatchFixtures.note(1)])
    }

    @Test func aLogHeldByAnotherProgramWaitsOneSecondThenKeepsTheEntries() throws {
        let folder = try WatchFolder("busy")
        defer { folder.remove() }
        let location = folder.location()
        let client = WatchLogClient(location: location)
        let other = try SQLiteWatchLog(location: location)
        var waited = 0.0
        try other.holdingWriteLock {
            let start = Date()
            client.record([WatchFixtures.note(1)])
            waited = Date().timeIntervalSince(start)
            #expect(client.problem?.kind == .busy)
            #expect(client.status == "watch log unavailable: watch.sqlite is locked by another program (waited 1 s) (1 unsaved)")
        }
        #expect(waited >= SQLiteWatchLog.busyTimeout * 0.9)
        #expect(waited < SQLiteWatchLog.busyTimeout * 3)
        #expect(client.flush())
        #expect(client.status == nil)
        #expect(try other.entries(after: .start).entries == [WatchFixtures.note(1)])
    }

    @Test func newEntriesReadsOnlyWhatOthersAddedSinceLastTime() throws {
        let folder = try WatchFolder("client-news")
        defer { folder.remove() }
        let location = folder.location()
        let other = try SQLiteWatchLog(location: location)
        try other.record([WatchFixtures.note(1, officer: "bintou")])
        let client = WatchLogClient(location: location)
        #expect(client.newEntries() == [WatchFixtures.note(1, officer: "bintou")])
        #expect(client.newEntries().isEmpty)
        client.record([WatchFixtures.note(1)])
        try other.record([WatchFixtures.note(2, officer: "bintou")])
        // Our own entry comes back too, in the log's order; the app knows it by its uid.
        #expect(client.newEntries() == [WatchFixtures.note(1), WatchFixtures.note(2, officer: "bintou")])
        #expect(client.newEntries().isEmpty)
    }

    @Test func aSessionThatCouldNotBeSavedIsSavedLater() throws {
        let folder = try WatchFolder("client-session")
        defer { folder.remove() }
        let location = folder.location()
        let client = WatchLogClient(location: location)
        chmod(location.path, 0o400)
        client.reopen()
        let session = WatchSession(officer: "amadou", savedAt: 10, sources: [])
        client.saveSession(session)
        client.saveSession(WatchSession(officer: "amadou", savedAt: 20, sources: []))
        #expect(client.status?.hasSuffix("(1 unsaved)") == true)
        #expect(client.lastSession(officer: "amadou")?.savedAt == 20)
        chmod(location.path, 0o600)
        #expect(client.flush())
        #expect(try SQLiteWatchLog(location: location).lastSession(officer: "amadou")?.savedAt == 20)
    }
}
