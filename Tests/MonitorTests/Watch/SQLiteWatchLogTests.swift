import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorWatch

/// The SQLite watch log against real files (ARCHITECTURE.md §9).
@Suite struct SQLiteWatchLogTests {
    @Test func everyKindOfEntryComesBackAsItWasRecorded() throws {
        let folder = try WatchFolder("kinds")
        defer { folder.remove() }
        do {
            let log = try SQLiteWatchLog(location: folder.location())
            try log.record(WatchFixtures.everyKind)
        }
        // A second connection, after the first closed: what is on disk, not in a cache.
        let reader = try SQLiteWatchLog(location: folder.location())
        let (entries, cursor) = try reader.entries(after: .start)
        #expect(entries == WatchFixtures.everyKind)
        #expect(try reader.entries(after: cursor).entries.isEmpty)
    }

    @Test func recordingIsIdempotentByUID() throws {
        let folder = try WatchFolder("uid")
        defer { folder.remove() }
        let log = try SQLiteWatchLog(location: folder.location())
        let first = WatchFixtures.note(1)
        var changed = first
        changed.kind = .note(WatchFixtures.gao, text: "another text under the same uid")
        try log.record([first, WatchFixtures.note(2)])
        try log.record([changed, WatchFixtures.note(2), WatchFixtures.note(3)])
        let entries = try log.entries(after: .start).entries
        #expect(entries == [first, WatchFixtures.note(2), WatchFixtures.note(3)])
    }

    @Test func anAlertIsKeptOncePerKeyWhoeverRaisesItAgain() throws {
        let folder = try WatchFolder("alert")
        defer { folder.remove() }
        let a = try SQLiteWatchLog(location: folder.location())
        let b = try SQLiteWatchLog(location: folder.location())
        let fromA = WatchFixtures.alert(uid: "a-1", officer: "amadou")
        try a.record([fromA])
        // The same key from another officer's sitmon: ignored, not an error, and the rest of the
        // batch is kept.
        try b.record([WatchFixtures.alert(uid: "b-1", officer: "bintou"), WatchFixtures.note(1, officer: "bintou")])
        // Another rule on the same incident, and the same rule on another incident, are new alerts.
        let otherRule = WatchFixtures.alert(uid: "b-2", officer: "bintou", rule: "zone:Gao")
        let otherIncident = WatchFixtures.alert(uid: "b-3", officer: "bintou", incident: IncidentRef(source: "acled.csv", id: "MLI9"))
        try b.record([otherRule, otherIncident])
        // Acknowledging twice is two entries: only alerts are one per key.
        let ack1 = WatchEntry(uid: "a-2", stamp: fromA.stamp, kind: .acknowledge(AlertKey(rule: "fatalities>=5", incident: WatchFixtures.gao), note: nil))
        var ack2 = ack1
        ack2.uid = "b-4"
        try a.record([ack1, ack2])
        let entries = try SQLiteWatchLog(location: folder.location()).entries(after: .start).entries
        #expect(entries == [fromA, WatchFixtures.note(1, officer: "bintou"), otherRule, otherIncident, ack1, ack2])
    }

    @Test func entriesAfterACursorAreOnlyTheNewOnesOldestFirst() throws {
        let folder = try WatchFolder("cursor")
        defer { folder.remove() }
        let log = try SQLiteWatchLog(location: folder.location())
        #expect(try log.entries(after: .start).entries.isEmpty)
        try log.record((1...3).map { WatchFixtures.note($0) })
        let (first, cursor) = try log.entries(after: .start)
        #expect(first.map(\.uid) == ["amadou-1", "amadou-2", "amadou-3"])
        try log.record([WatchFixtures.note(9), WatchFixtures.note(4)])
        let (second, next) = try log.entries(after: cursor)
        // In the order recorded, not by time.
        #expect(second.map(\.uid) == ["amadou-9", "amadou-4"])
        #expect(next > cursor)
        #expect(try log.entries(after: next).entries.isEmpty)
    }

    @Test func hasChangedSaysWhetherAnotherConnectionCommitted() throws {
        let folder = try WatchFolder("changed")
        defer { folder.remove() }
        let mine = try SQLiteWatchLog(location: folder.location())
        let theirs = try SQLiteWatchLog(location: folder.location())
        #expect(try mine.hasChanged())  // nothing read yet
        _ = try mine.entries(after: .start)
        #expect(try !mine.hasChanged())
        #expect(try !mine.hasChanged())
        // Our own writes are not news: we know them.
        try mine.record([WatchFixtures.note(1)])
        #expect(try !mine.hasChanged())
        try theirs.record([WatchFixtures.note(1, officer: "bintou")])
        #expect(try mine.hasChanged())
        // Still true until read: a wake that skipped the read does not lose the news.
        #expect(try mine.hasChanged())
        let (entries, _) = try mine.entries(after: .start)
        #expect(entries.count == 2)
        #expect(try !mine.hasChanged())
        // Any commit by another connection counts, a saved session too.
        try theirs.saveSession(WatchSession(officer: "bintou", savedAt: 1, sources: []))
        #expect(try mine.hasChanged())
    }

    @Test func sessionsAreKeptPerOfficerAndReplaced() throws {
        let folder = try WatchFolder("session")
        defer { folder.remove() }
        let log = try SQLiteWatchLog(location: folder.location())
        #expect(try log.lastSession(officer: "amadou") == nil)
        let marks = [SourceMark(path: "/data/acled.csv", device: UInt64.max, inode: 1 << 63, offset: 123_456_789),
                     SourceMark(path: "/data/events.jsonl", device: 2049, inode: 42, offset: 0)]
        let first = WatchSession(officer: "amadou", savedAt: 1_700_000_000, sources: marks, view: "{\"zoom\":3}")
        try log.saveSession(first)
        try log.saveSession(WatchSession(officer: "bintou", savedAt: 5, sources: []))
        #expect(try log.lastSession(officer: "amadou") == first)
        let second = WatchSession(officer: "amadou", savedAt: 1_700_000_600, sources: [marks[1]], view: nil)
        try log.saveSession(second)
        #expect(try SQLiteWatchLog(location: folder.location()).lastSession(officer: "amadou") == second)
        #expect(try log.lastSession(officer: "bintou") == WatchSession(officer: "bintou", savedAt: 5, sources: []))
    }

    @Test func theLatestHandoverIsTheNewestByTimeAfterTheOneGiven() throws {
        let folder = try WatchFolder("handover")
        defer { folder.remove() }
        let log = try SQLiteWatchLog(location: folder.location())
        #expect(try log.latestHandover(after: nil) == nil)
        func handover(_ uid: String, at: Int64) -> WatchEntry {
            WatchEntry(uid: uid, stamp: WatchStamp(officer: "o", at: at), kind: .handover(text: uid))
        }
        try log.record([handover("h1", at: 100), handover("h3", at: 300), WatchFixtures.note(1, at: 900), handover("h2", at: 200)])
        #expect(try log.latestHandover(after: nil)?.uid == "h3")
        #expect(try log.latestHandover(after: 299)?.uid == "h3")
        #expect(try log.latestHandover(after: 300) == nil)
    }
}
