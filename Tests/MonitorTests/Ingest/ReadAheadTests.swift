import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorState

/// `SourceReader.poll` reads the next budget of a big file ahead on another thread. Whatever
/// happens to the file between polls, every line must still arrive once, in order.
@Suite struct ReadAheadTests {
    static func lines(_ range: Range<Int>, prefix: String = "r") -> String {
        range.map { #"{"id":"\#(prefix)\#($0)","time":"2023-08-13T08:30:00Z","actors":["FAMA"],"summary":"\#(prefix)\#($0)"}"# + "\n" }
            .joined()
    }

    /// Polls until a poll says nothing more is waiting; returns the summaries and line numbers.
    static func drain(_ reader: SourceReader, budget: Int, _ between: () -> Void = {}) -> ([String], [Int]) {
        var summaries: [String] = []
        var numbers: [Int] = []
        var more = true
        while more {
            let (batch, cut) = reader.poll(budget: budget)
            for incident in batch.incidents {
                summaries.append(incident.summary)
                numbers.append(incident.origin.line)
            }
            more = cut
            if more { between() }
        }
        return (summaries, numbers)
    }

    @Test func smallBudgetsGiveWhatOneBigReadGives() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("big.jsonl")
        try Self.lines(0..<20_000).write(toFile: path, atomically: true, encoding: .utf8)
        let (small, numbers) = Self.drain(SourceReader(index: 0, path: path, displayName: "big"), budget: 64 << 10)
        let (whole, _) = Self.drain(SourceReader(index: 0, path: path, displayName: "big"), budget: 64 << 20)
        #expect(small.count == 20_000)
        #expect(small == whole)
        #expect(numbers == Array(1...20_000))
    }

    /// The run loop's poll reads `readAheadDepth` budgets ahead: every line once, in order, and a
    /// read queued after the end neither repeats lines nor holds back lines appended after it.
    @Test func theRunLoopsPollReadsAheadInOrderAndMissesNothingAppendedAfter() throws {
        #expect(SourceReader.readAheadDepth >= 2)
        let dir = Fixtures.TempDir()
        let path = dir.file("ahead.jsonl")
        try Self.lines(0..<20_000).write(toFile: path, atomically: true, encoding: .utf8)
        let reader = SourceReader(index: 0, path: path, displayName: "ahead")
        var summaries: [String] = []
        let deadline = Date().addingTimeInterval(30)
        func pollUntilIdle() {
            while Date() < deadline {
                guard let (batch, more) = reader.pollWithoutWaiting(budget: 32 << 10) else {
                    usleep(1_000)
                    continue
                }
                summaries += batch.incidents.map(\.summary)
                if !more { return }
            }
        }
        pollUntilIdle()
        #expect(summaries == (0..<20_000).map { "r\($0)" })
        // Appended once the load is done: they come, once, whatever was queued after the end.
        Fixtures.append(Self.lines(20_000..<20_050), to: path)
        while summaries.count < 20_050, Date() < deadline { pollUntilIdle() }
        #expect(summaries == (0..<20_050).map { "r\($0)" })
    }

    @Test func linesAppendedWhileReadingAheadArriveOnce() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("growing.jsonl")
        try Self.lines(0..<10_000).write(toFile: path, atomically: true, encoding: .utf8)
        var next = 10_000
        let reader = SourceReader(index: 0, path: path, displayName: "growing")
        var (summaries, _) = Self.drain(reader, budget: 32 << 10) {
            Fixtures.append(Self.lines(next..<(next + 300)), to: path)
            next += 300
        }
        // The last appends may have come after the final poll looked.
        summaries += Self.drain(reader, budget: 32 << 10).0
        #expect(summaries == (0..<next).map { "r\($0)" })
    }

    @Test func aFileRewrittenWhileReadingAheadIsReadAgainInFull() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("rewritten.jsonl")
        try Self.lines(0..<10_000).write(toFile: path, atomically: true, encoding: .utf8)
        let reader = SourceReader(index: 0, path: path, displayName: "rewritten")
        let (_, more) = reader.poll(budget: 32 << 10)
        #expect(more)
        // Truncated and rewritten (shorter) while the next budget may already be in flight.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        Fixtures.append(Self.lines(0..<500, prefix: "new"), to: path)
        var seen: [String] = []
        for _ in 0..<4 { seen += Self.drain(reader, budget: 32 << 10).0 }
        let fresh = seen.filter { $0.hasPrefix("new") }
        #expect(fresh == (0..<500).map { "new\($0)" })
    }

    /// A batch cut short by its budget says about how many lines still wait, so the store can make
    /// room for them at once; the last batch says none.
    @Test func batchesEstimateTheLinesStillWaiting() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("waiting.jsonl")
        try Self.lines(0..<60_000).write(toFile: path, atomically: true, encoding: .utf8)
        let reader = SourceReader(index: 0, path: path, displayName: "waiting")
        var state = AppState(sources: [SourceInfo(name: path)])
        let (first, more) = reader.poll(budget: 64 << 10)
        #expect(more)
        #expect(first.linesRead < 20_000)
        let remaining = 60_000 - first.linesRead
        // Estimated from the first 64 KiB (the budget), whose lines are a little shorter than
        // the rest (fewer digits in their numbers): within a tenth.
        #expect(abs(first.linesWaiting - remaining) < remaining / 10)
        _ = Reducer().reduce(&state, .ingest(first))
        #expect(state.store.records.capacity >= 60_000)
        var last = first
        var cut = more
        while cut {
            (last, cut) = reader.poll(budget: 64 << 10)
            _ = Reducer().reduce(&state, .ingest(last))
        }
        #expect(last.linesWaiting == 0)
        #expect(state.store.count == 60_000)
    }
}
