import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// The ways other tools write, rotate and rewrite event files (issue 3's list), each on real files
/// in a temporary folder; every incident must arrive exactly once.
@Suite struct TailCaseTests {
    /// Polls a reader and keeps every summary, bad line and event it produced.
    final class Collector {
        let reader: SourceReader
        var summaries: [String] = []
        var events: [SourceEvent] = []
        var bad: [BadLine] = []
        var status: SourceStatus = .waiting(.unknown)

        init(_ path: String) { reader = SourceReader(index: 0, path: path, displayName: "log.jsonl") }

        func poll() {
            var more = true
            while more {
                let (batch, cut) = reader.poll(budget: 1 << 16)
                summaries += batch.incidents.map(\.summary)
                events += batch.events
                bad += batch.badLines
                status = batch.status
                more = cut
            }
        }
    }

    static func lines(_ range: ClosedRange<Int>, prefix: String = "n") -> String {
        range.map { Fixtures.line("\(prefix)\($0)") }.joined()
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func case1_manySmallWritesIncludingSplitLines() {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        let c = Collector(path)
        let text = Self.lines(1...50)
        var i = text.startIndex
        var step = 0
        while i < text.endIndex {
            let j = text.index(i, offsetBy: 7 + step % 13, limitedBy: text.endIndex) ?? text.endIndex
            Fixtures.append(String(text[i..<j]), to: path)
            c.poll()
            i = j
            step += 1
        }
        #expect(c.summaries == (1...50).map { "n\($0)" })
        #expect(c.bad.isEmpty)
    }

    @Test func case2_rotationByRenameReadsTheOldFileToItsEnd() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Self.lines(1...3), to: path)
        let c = Collector(path)
        c.poll()
        Fixtures.append(Self.lines(4...6), to: path)  // written before the rename, not yet read
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        Fixtures.append(Self.lines(7...9), to: path)
        c.poll()
        Fixtures.append(Self.lines(10...10), to: path)
        c.poll()
        #expect(c.summaries == (1...10).map { "n\($0)" })
        #expect(c.events.contains { if case .rotated = $0 { true } else { false } })
    }

    @Test func case2b_renameThenANewFileAfterAGapIsStillARotation() throws {
        // `mv log log.1`, a look while the name is missing, then a new `log`: the old file is read
        // to its end (a writer may still append to it after the rename), then the new one.
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Self.lines(1...3), to: path)
        let c = Collector(path)
        c.poll()
        Fixtures.append(Self.lines(4...5), to: path)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        c.poll()
        #expect(c.status == .waiting(.renamed))
        #expect(c.events.isEmpty)
        Fixtures.append(Self.lines(6...6), to: path + ".1")  // the writer has not reopened yet
        c.poll()
        Fixtures.append(Self.lines(7...7), to: path + ".1")
        Fixtures.append(Self.lines(8...9), to: path)
        c.poll()
        #expect(c.status == .following)
        #expect(c.summaries == (1...9).map { "n\($0)" })
        #expect(c.events.count == 1)
        #expect(c.events.allSatisfy { if case .rotated = $0 { true } else { false } })
    }

    @Test func case3_copyAndTruncate() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Self.lines(1...5), to: path)
        let c = Collector(path)
        c.poll()
        try FileManager.default.copyItem(atPath: path, toPath: path + ".1")
        try Self.write("", to: path)
        c.poll()
        Fixtures.append(Self.lines(6...8), to: path)
        c.poll()
        #expect(c.summaries == (1...8).map { "n\($0)" })
        #expect(c.events.contains { if case .truncated = $0 { true } else { false } })
    }

    @Test func case4_truncateThenQuicklyGrowPastTheOldSize() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Self.lines(1...3), to: path)
        let c = Collector(path)
        c.poll()
        // Truncate and write more than before between two looks: the size alone never drops.
        Thread.sleep(forTimeInterval: 0.01)
        try Self.write(Self.lines(1...6, prefix: "new"), to: path)
        c.poll()
        #expect(c.summaries == (1...3).map { "n\($0)" } + (1...6).map { "new\($0)" })
        #expect(c.events.contains { if case .truncated = $0 { true } else { false } })
    }

    @Test func case4b_rewriteKeepingTheSameFirstLineIsStillCaught() throws {
        // A CSV-style file whose first line (a header) survives the rewrite: the bytes at the old read
        // position differ, so the rewrite is still seen.
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        let first = Fixtures.line("same first line")
        Fixtures.append(first + Self.lines(1...2), to: path)
        let c = Collector(path)
        c.poll()
        Thread.sleep(forTimeInterval: 0.01)
        try Self.write(first + Self.lines(1...6, prefix: "rewritten-"), to: path)
        c.poll()
        #expect(c.summaries.suffix(7) == ["same first line"] + (1...6).map { "rewritten-\($0)" })
    }

    @Test func case5_deletedThenCreatedAgain() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Self.lines(1...2), to: path)
        let c = Collector(path)
        c.poll()
        try FileManager.default.removeItem(atPath: path)
        c.poll()
        #expect(c.status == .waiting(.deleted))
        Fixtures.append(Self.lines(3...4), to: path)
        c.poll()
        #expect(c.status == .following)
        #expect(c.summaries == (1...4).map { "n\($0)" })
        #expect(c.events.isEmpty, "deleted, then created again after a look: no rotation")
    }

    @Test func case6_missingAtStartCreatedLater() {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        let c = Collector(path)
        c.poll()
        c.poll()
        #expect(c.status == .waiting(.noSuchFile))
        #expect(c.summaries.isEmpty)
        Fixtures.append(Self.lines(1...3), to: path)
        c.poll()
        #expect(c.summaries == (1...3).map { "n\($0)" })
    }

    @Test func case7_pathBecomesADirectoryOrUnreadableThenRecovers() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Self.lines(1...2), to: path)
        let c = Collector(path)
        c.poll()
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        c.poll()
        c.poll()
        #expect(c.status == .unreadable("is a directory"))
        try FileManager.default.removeItem(atPath: path)
        // A symbolic link loop cannot be opened even by root (permissions would not stop root).
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path)
        c.poll()
        if case .unreadable(let why) = c.status {
            #expect(why.lowercased().contains("symbolic links"))
        } else {
            Issue.record("expected unreadable, got \(c.status)")
        }
        try FileManager.default.removeItem(atPath: path)
        Fixtures.append(Self.lines(3...3), to: path)
        c.poll()
        #expect(c.status == .following)
        #expect(c.summaries == (1...3).map { "n\($0)" })
    }

    @Test func case8_fastWriterEveryLineArrivesExactlyOnce() throws {
        // 50,000 lines a second for 2 s in a unit test (the 10 s run is the end-to-end test).
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let total = 100_000
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            let start = Date()
            var written = 0
            while written < total {
                let due = min(total, Int(Date().timeIntervalSince(start) * 50_000) + 500)
                var chunk = ""
                while written < due {
                    written += 1
                    chunk += #"{"id":"w\#(written)","time":"2023-08-13","actors":["FAMA"],"summary":"w\#(written)"}"# + "\n"
                }
                handle.write(Data(chunk.utf8))
                Thread.sleep(forTimeInterval: 0.005)
            }
            try? handle.close()
        }
        writer.start()
        let c = Collector(path)
        var seen = 0
        let deadline = Date().addingTimeInterval(30)
        while seen < total && Date() < deadline {
            c.poll()
            seen = c.summaries.count
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(c.summaries.count == total)
        #expect(Set(c.summaries).count == total)
        #expect(c.bad.isEmpty)
    }
}
