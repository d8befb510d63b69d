#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import MonitorIngest

/// The read loop both tailers share: a partial last line waits for its newline, from a file and
/// from a stream alike; only a stream's end lets it through.
@Suite struct ReadLoopTests {
    private func texts(_ block: LineBlock) -> [String] {
        (0..<block.count).map { String(decoding: block.array($0), as: UTF8.self) }
    }

    private func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #expect(written == bytes.count)
    }

    @Test func streamHoldsBackAPartialLineUntilItsEnd() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let tailer = StreamTailer(fd: ends[0])
        defer { close(ends[0]) }
        send(ends[1], "one\ntw")
        var batch = tailer.poll(budget: 1 << 20)
        #expect(texts(batch.lines) == ["one"])
        #expect(batch.lines.lines.map(\.number) == [1])
        #expect(tailer.status == .following)
        send(ends[1], "o\nthr")
        batch = tailer.poll(budget: 1 << 20)
        #expect(texts(batch.lines) == ["two"])
        #expect(batch.lines.lines.map(\.number) == [2])
        close(ends[1])
        batch = tailer.poll(budget: 1 << 20)
        #expect(texts(batch.lines) == ["thr"])  // the stream is over: its last line counts
        #expect(batch.lines.lines.map(\.number) == [3])
        #expect(tailer.status == .ended)
    }

    @Test func fileHoldsBackAPartialLineAtItsEnd() throws {
        let path = NSTemporaryDirectory() + "sitmon-readloop-\(UUID().uuidString).jsonl"
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("one\ntw".utf8)))
        let tailer = FileTailer(path: path)
        var batch = tailer.poll(budget: 1 << 20)
        #expect(texts(batch.lines) == ["one"])
        batch = tailer.poll(budget: 1 << 20)
        #expect(batch.lines.isEmpty)  // the file may still grow: "tw" waits
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("o\n".utf8))
        try handle.close()
        batch = tailer.poll(budget: 1 << 20)
        #expect(texts(batch.lines) == ["two"])
        #expect(batch.lines.lines.map(\.number) == [2])
        #expect(tailer.lineNumber == 2)
    }

    @Test func budgetStopsTheLoopAndSaysMoreIsWaiting() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        send(ends[1], "a\nb\n")
        let flags = fcntl(ends[0], F_GETFL)
        _ = fcntl(ends[0], F_SETFL, flags | O_NONBLOCK)
        var loop = ReadLoop(finishesAtEnd: true)
        var lines = LineBlock()
        var seen = 0
        let first = loop.readLines(ends[0], budget: 1, into: &lines) { seen += $0.count }
        #expect(first.stop == .budgetSpent)
        #expect(first.bytes == 4)  // one read takes what is there; the budget is checked between reads
        #expect(seen == 4)
        #expect(texts(lines) == ["a", "b"])
        let second = loop.readLines(ends[0], budget: 1 << 20, into: &lines)
        #expect(second.stop == .caughtUp)
        #expect(second.bytes == 0)
    }
}
