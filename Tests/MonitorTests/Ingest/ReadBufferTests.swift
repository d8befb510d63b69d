import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// Buffers sized by need (issue 12): an idle followed file holds no read buffer and no spare
/// block (1,500 files once held 1 MiB each); a big read grows the buffer.
@Suite struct ReadBufferTests {
    @Test func anIdleFileHoldsNoBuffer() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("small.jsonl")
        Fixtures.append((1...20).map { Fixtures.line("s\($0)") }.joined(), to: path)
        let reader = SourceReader(index: 0, path: path, displayName: "small.jsonl")
        let tailer = try #require(reader.tailer as? FileTailer)
        #expect(reader.poll().batch.incidents.count == 20)
        #expect(tailer.readSize == 0)
        #expect(tailer.bufferCapacity == 0)
        #expect(!tailer.holdsSpareBlock)
        // Looking again at an idle file allocates nothing that stays.
        _ = reader.poll()
        #expect(tailer.readSize == 0)
        #expect(tailer.bufferCapacity == 0)
        #expect(!tailer.holdsSpareBlock)
    }

    @Test func aBigReadGrowsTheBufferAndLetsItGoOnceCaughtUp() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("big.jsonl")
        let line = Fixtures.line("a line of some length to fill the buffer quickly")
        Fixtures.append(String(repeating: line, count: (4 << 20) / line.utf8.count), to: path)
        let tailer = FileTailer(path: path)
        let first = tailer.poll(budget: 1 << 20)
        #expect(first.more)
        #expect(tailer.readSize > ReadLoop.smallestBuffer)
        #expect(tailer.readSize <= ReadLoop.largestBuffer)
        // Past the first read, lines are read into the block: no buffer besides.
        #expect(tailer.bufferCapacity == 0)
        tailer.recycle(first.lines)
        #expect(tailer.holdsSpareBlock)
        var batch = first
        while batch.more {
            batch = tailer.poll(budget: 1 << 20)
            tailer.recycle(batch.lines)
        }
        #expect(tailer.readSize == 0)
        #expect(tailer.bufferCapacity == 0)
        #expect(!tailer.holdsSpareBlock)
    }
}
