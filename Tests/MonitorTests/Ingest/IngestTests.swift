import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorViews

@Suite struct LineSplitterTests {
    func split(_ chunks: [[UInt8]]) -> ([LineSplitter.Piece], Int) {
        var splitter = LineSplitter()
        var out: [LineSplitter.Piece] = []
        for chunk in chunks { splitter.feed(chunk, into: &out) }
        return (out, splitter.pendingCount)
    }

    @Test func partialLineIsHeldUntilNewline() {
        var splitter = LineSplitter()
        var out: [LineSplitter.Piece] = []
        splitter.feed(Array("abc".utf8), into: &out)
        #expect(out.isEmpty)
        #expect(splitter.pendingCount == 3)
        splitter.feed(Array("def\ngh".utf8), into: &out)
        #expect(out == [.line(Array("abcdef".utf8))])
        splitter.feed(Array("\n".utf8), into: &out)
        #expect(out == [.line(Array("abcdef".utf8)), .line(Array("gh".utf8))])
    }

    @Test func crlfAndBOMAreStripped() {
        let (out, _) = split([[0xEF, 0xBB], [0xBF] + Array("one\r\ntwo\r\n".utf8)])
        #expect(out == [.line(Array("one".utf8)), .line(Array("two".utf8))])
    }

    @Test func overlongLineIsReportedNotKept() {
        let big = [UInt8](repeating: 0x61, count: LineSplitter.maxLineBytes + 10)
        let (out, pending) = split([big, Array("\nnext\n".utf8)])
        #expect(out.count == 2)
        if case .overlong(let start, let length) = out[0] {
            #expect(start.count <= 200)
            #expect(length == big.count)
        } else {
            Issue.record("expected an overlong piece")
        }
        #expect(out[1] == .line(Array("next".utf8)))
        #expect(pending == 0)
    }
}

@Suite struct FileTailerTests {
    @Test func readsExistingLinesThenAppendsIncludingSplitWrites() {
        let dir = Fixtures.TempDir()
        let path = dir.file("events.jsonl")
        Fixtures.append(Fixtures.line("first") + Fixtures.line("second"), to: path)
        let reader = SourceReader(index: 0, path: path)
        var (batch, _) = reader.poll()
        #expect(batch.incidents.map(\.summary) == ["first", "second"])
        #expect(batch.status == .following)
        let third = Fixtures.line("third")
        let cut = third.index(third.startIndex, offsetBy: 20)
        Fixtures.append(String(third[..<cut]), to: path)
        (batch, _) = reader.poll()
        #expect(batch.incidents.isEmpty)
        Fixtures.append(String(third[cut...]), to: path)
        (batch, _) = reader.poll()
        #expect(batch.incidents.map(\.summary) == ["third"])
        #expect(batch.incidents.first?.origin.line == 3)
    }

    @Test func missingFileIsWaitedFor() {
        let dir = Fixtures.TempDir()
        let path = dir.file("later.jsonl")
        let reader = SourceReader(index: 0, path: path)
        var (batch, _) = reader.poll()
        #expect(batch.status == .waiting(.noSuchFile))
        Fixtures.append(Fixtures.line("arrived"), to: path)
        (batch, _) = reader.poll()
        #expect(batch.status == .following)
        #expect(batch.incidents.map(\.summary) == ["arrived"])
    }

    @Test func badLinesAreCountedWithFileAndLineAndGoodOnesKeepFlowing() {
        let dir = Fixtures.TempDir()
        let path = dir.file("mixed.jsonl")
        Fixtures.append(Fixtures.line("good one") + "{broken\n" + "\n" + #"{"time":"2023-08-13"}"# + "\n" + Fixtures.line("good two"), to: path)
        let (batch, _) = SourceReader(index: 0, path: path, displayName: "mixed.jsonl").poll()
        #expect(batch.incidents.map(\.summary) == ["good one", "good two"])
        #expect(batch.badLines.map(\.origin.line) == [2, 4])
        #expect(batch.badLines.map(\.origin.file) == ["mixed.jsonl", "mixed.jsonl"])
        #expect(batch.badLines.map(\.reason) == ["invalid JSON at byte 1: expected string key", "missing actors"])
    }

    @Test func rotationByRenameReadsOldFileToItsEnd() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Fixtures.line("a"), to: path)
        let reader = SourceReader(index: 0, path: path)
        _ = reader.poll()
        Fixtures.append(Fixtures.line("b"), to: path)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        Fixtures.append(Fixtures.line("c"), to: path)
        let (batch, _) = reader.poll()
        #expect(batch.incidents.map(\.summary) == ["b", "c"])
        #expect(batch.events.contains { if case .rotated = $0 { true } else { false } })
    }

    @Test func truncationStartsAgainFromTheTop() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Fixtures.line("a") + Fixtures.line("b"), to: path)
        let reader = SourceReader(index: 0, path: path)
        _ = reader.poll()
        try Data(Fixtures.line("c").utf8).write(to: URL(fileURLWithPath: path))
        let (batch, _) = reader.poll()
        #expect(batch.incidents.map(\.summary) == ["c"])
    }

    @Test func neverWritesTheFileItReads() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("ro.jsonl")
        Fixtures.append(Fixtures.line("a") + "garbage\n", to: path)
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        Thread.sleep(forTimeInterval: 0.01)
        let reader = SourceReader(index: 0, path: path)
        _ = reader.poll()
        _ = reader.poll()
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }

    @Test func directoryAtThePathIsUnreadableNotACrash() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("adir")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let (batch, _) = SourceReader(index: 0, path: path).poll()
        #expect(batch.status == .unreadable("is a directory"))
    }

    @Test func bundledScenarioParsesCleanly() throws {
        let path = try #require(BundledScenario.path)
        let (batch, _) = SourceReader(index: 0, path: path).poll()
        #expect(batch.badLines.isEmpty, "\(batch.badLines)")
        #expect(batch.incidents.count >= 28)
        #expect(batch.incidents.allSatisfy { $0.location != nil && !$0.source.isEmpty })
        // The story's anchor events are there.
        #expect(batch.incidents.contains { $0.place == "Ber" && $0.actors.contains(1) && TimeFormat.date($0.time) == "2023-08-13" })
        #expect(batch.incidents.contains { $0.place == "Kidal" && TimeFormat.date($0.time) == "2023-11-14" })
    }
}

@Suite struct ParallelDecodeTests {
    @Test func parallelDecodingKeepsLineOrderNumbersAndBadLines() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("big.jsonl")
        var text = ""
        for i in 1...20_000 {
            text += i % 997 == 0 ? "{broken \(i)\n" : Fixtures.line("s\(i)", id: "i\(i)")
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (incidents, bad) = Fixtures.readAll(path, name: "big.jsonl")
        let expectedGood = (1...20_000).filter { $0 % 997 != 0 }
        #expect(incidents.map(\.summary) == expectedGood.map { "s\($0)" })
        #expect(incidents.map(\.origin.line) == expectedGood)
        #expect(bad.map(\.origin.line) == (1...20_000).filter { $0 % 997 == 0 })
    }
}
