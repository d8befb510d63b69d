import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorViews

/// Input that must never stop sitmon or the good lines around it.
@Suite struct HostileInputTests {
    func read(_ bytes: [UInt8], name: String = "f.jsonl") -> (incidents: [Incident], bad: [BadLine]) {
        let dir = Fixtures.TempDir()
        let path = dir.file(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return Fixtures.readAll(path, name: name)
    }

    func good(_ summary: String) -> [UInt8] { Array(Fixtures.line(summary).utf8) }

    @Test func invalidUTF8LineIsReportedAndNeighboursArrive() {
        let r = read(good("before") + Array(#"{"time":"2023-08-13","actors":["FAMA"],"summary":"bad "#.utf8) + [0xC3, 0x28, 0xFF] + Array("\"}\n".utf8) + good("after"))
        #expect(r.incidents.map(\.summary) == ["before", "after"])
        #expect(r.bad.map(\.reason) == ["invalid UTF-8 at byte 54"])
        #expect(r.bad.first?.origin.line == 2)
    }

    @Test func nulBytesDoNotStopTheFile() {
        let r = read(good("one") + [0, 0, 0x7B, 0, 0x0A] + good("two"))
        #expect(r.incidents.map(\.summary) == ["one", "two"])
        #expect(r.bad.count == 1)
    }

    @Test func crlfLineEndsAndABOMAreAccepted() {
        let text = "\u{FEFF}" + Fixtures.line("a").replacingOccurrences(of: "\n", with: "\r\n") + Fixtures.line("b").replacingOccurrences(of: "\n", with: "\r\n")
        let r = read(Array(text.utf8))
        #expect(r.incidents.map(\.summary) == ["a", "b"])
        #expect(r.bad.isEmpty)
    }

    @Test func fiftyMegabyteLineIsReportedWithoutHoldingIt() {
        var bytes = good("before")
        bytes += [UInt8](repeating: 0x61, count: 50 << 20)
        bytes += [0x0A]
        bytes += good("after")
        let r = read(bytes)
        #expect(r.incidents.map(\.summary) == ["before", "after"])
        #expect(r.bad.count == 1)
        #expect(r.bad.first?.reason == "line longer than 1 MiB (52428800 bytes)")
        #expect((r.bad.first?.excerpt.count ?? 999) <= 120)
    }

    @Test func fiftyMegabytesWithoutANewlineStayBoundedInMemory() {
        var splitter = LineSplitter()
        var out: [LineSplitter.Piece] = []
        let chunk = [UInt8](repeating: 0x62, count: 1 << 20)
        for _ in 0..<50 { splitter.feed(chunk, into: &out) }
        #expect(out.isEmpty)
        #expect(splitter.pendingCount == 50 << 20)  // counted, not kept: the held bytes are capped
    }

    @Test func binaryFileIsCountedAsBadLinesNotACrash() {
        var rng = SystemRandomNumberGenerator()
        let noise = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let r = read(good("first") + noise + [0x0A] + good("last"))
        #expect(r.incidents.first?.summary == "first")
        #expect(r.incidents.last?.summary == "last")
        #expect(!r.bad.isEmpty)
    }

    @Test func emptyFileIsFollowedQuietly() {
        let r = read([])
        #expect(r.incidents.isEmpty && r.bad.isEmpty)
    }

    @Test func fileOfOnlyBadLinesCountsEachWithItsLine() {
        let r = read(Array("nope\n{}\n[1]\n{\"time\":\"2023-08-13\"}\n".utf8))
        #expect(r.incidents.isEmpty)
        #expect(r.bad.map(\.origin.line) == [1, 2, 3, 4])
        #expect(r.bad.map(\.reason) == ["invalid JSON at byte 0: expected '{'", "missing time", "not a JSON object", "missing actors"])
    }
}
