import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// The run loop's poll never waits for a decode (issue 12: a read must never hold sitmon hostage).
@Suite struct NeverWaitingPollTests {
    /// A decoder that takes `delay` seconds per line: the slow decode of any format.
    struct SlowDecoder: RecordDecoder {
        var delay: Double
        mutating func decode(line: [UInt8], number: Int, file: String) -> [ParsedRecord] {
            Thread.sleep(forTimeInterval: delay)
            var inner = JSONLDecoder()
            return inner.decode(line: line, number: number, file: file)
        }
        mutating func reset() {}
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func raise() { lock.withLock { count += 1 } }
        var raised: Int { lock.withLock { count } }
    }

    @Test func aSlowDecodeIsNotWaitedForAndComesBackInOrder() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("slow.jsonl")
        Fixtures.append((1...5).map { Fixtures.line("s\($0)") }.joined(), to: path)
        let reader = SourceReader(index: 0, path: path, displayName: "slow.jsonl", decoder: SlowDecoder(delay: 0.2))
        let woken = Flag()
        reader.decoded = { woken.raise() }

        let started = Date()
        #expect(reader.pollWithoutWaiting(budget: 1 << 20) == nil)
        #expect(Date().timeIntervalSince(started) < 0.1, "the poll waited for the decode")
        // Asked again while it decodes: still nothing, still at once.
        #expect(reader.pollWithoutWaiting(budget: 1 << 20) == nil)
        var result: (batch: IngestBatch, more: Bool)?
        let deadline = Date().addingTimeInterval(10)
        while result == nil, Date() < deadline {
            usleep(20_000)
            result = reader.pollWithoutWaiting(budget: 1 << 20)
        }
        #expect(woken.raised == 1)
        #expect(result?.batch.incidents.map(\.summary) == (1...5).map { "s\($0)" })
        // Idle: nothing to decode, answered at once without a thread.
        let idle = reader.pollWithoutWaiting(budget: 1 << 20)
        #expect(idle?.batch.isEmpty == true)
        #expect(woken.raised == 1)
        // What is appended next comes in order after it.
        Fixtures.append(Fixtures.line("s6"), to: path)
        #expect(reader.pollWithoutWaiting(budget: 1 << 20) == nil)
        result = nil
        while result == nil, Date() < deadline {
            usleep(20_000)
            result = reader.pollWithoutWaiting(budget: 1 << 20)
        }
        #expect(result?.batch.incidents.map(\.summary) == ["s6"])
    }

    @Test func aBigFileReadWithoutWaitingGivesWhatTheWaitingPollGives() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("big.jsonl")
        Fixtures.append((1...30_000).map { Fixtures.line("b\($0)") }.joined(), to: path)
        let reader = SourceReader(index: 0, path: path, displayName: "big.jsonl")
        var summaries: [String] = []
        var lines = 0
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard let (batch, more) = reader.pollWithoutWaiting(budget: 64 << 10) else {
                usleep(1_000)
                continue
            }
            summaries += batch.incidents.map(\.summary)
            lines += batch.linesRead
            if !more, batch.reachedEnd { break }
        }
        #expect(lines == 30_000)
        #expect(summaries == (1...30_000).map { "b\($0)" })
    }
}
