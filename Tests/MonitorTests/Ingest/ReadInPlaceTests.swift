import Foundation
import Testing
@testable import MonitorIngest

/// A followed file is read straight into the batch's block and cut there (ARCHITECTURE.md §2):
/// lines, numbers and offsets as the reference gives them however the writes and budgets fall,
/// and during a big read the same block is read into again, poll after poll.
@Suite struct ReadInPlaceTests {
    typealias Cut = LineSplitterReference.Cut

    private static func bytes(_ data: [UInt8], to path: String) {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(data))
        try? handle.close()
    }

    /// Polls (the first with `budget`, then 64 KiB) until nothing more waits, gathering the lines
    /// and their numbers and handing each block back; `cut` runs after each poll its budget cut.
    private static func drain(_ tailer: FileTailer, budget: Int, _ got: inout [Cut], _ numbers: inout [Int],
                              cut: () -> Void = {}) {
        var batch = tailer.poll(budget: budget)
        while true {
            got += LineSplitterReference.cuts(batch.lines)
            numbers += batch.lines.lines.map(\.number)
            let more = batch.more
            tailer.recycle(batch.lines)
            guard more else { break }
            cut()
            batch = tailer.poll(budget: 1 << 16)
        }
    }

    @Test func appendsAndBudgetsAnywhereGiveTheReferenceLines() {
        var random = SplitMix64(seed: 9_113)
        for _ in 0..<30 {
            let dir = Fixtures.TempDir()
            let path = dir.file("cut.jsonl")
            var stream: [UInt8] = []
            for _ in 0..<random.inRange(1...6) {
                stream += LineCuttingTests.stream(&random, maxLine: 2_000)
                stream += [0x0A]
            }
            if random.chance(percent: 50) { stream += Array(String(repeating: "x", count: random.inRange(70_000...200_000)).utf8) + [0x0A] }
            stream += Array("held".utf8)
            let tailer = FileTailer(path: path)
            var got: [Cut] = []
            var numbers: [Int] = []
            var written = 0
            while written < stream.count || random.chance(percent: 30) {
                let n = min(stream.count - written, random.pick([1, 2, 3, 50, 4_096, 70_000]))
                Self.bytes(Array(stream[written..<(written + n)]), to: path)
                written += n
                Self.drain(tailer, budget: random.pick([1, 100, 65_536, 1 << 20]), &got, &numbers)
            }
            let expected = LineSplitterReference.lines(stream, finished: false)
            #expect(got == expected.lines)
            #expect(numbers == Array(stride(from: 1, through: expected.lines.count, by: 1)))
        }
    }

    /// A GeoJSONSeq is lines after its first value: the reader takes them over from the framer
    /// and reads them in place, numbers and offsets going on as the reference gives them.
    @Test func aGeoJSONSequenceIsReadInPlaceAfterItsFirstLine() {
        var random = SplitMix64(seed: 4_471)
        for round in 0..<12 {
            let dir = Fixtures.TempDir()
            let path = dir.file("seq.geojsonseq")
            let features = (0..<random.inRange(2_000...6_000)).map { GeoJSONStreamTests.feature($0) }
            let stream = Array((features.joined(separator: round % 3 == 0 ? "\r\n" : "\n") + "\n").utf8)
            let tailer = FileTailer(path: path, framing: { _ in .geoJSON })
            var got: [Cut] = []
            var numbers: [Int] = []
            var buffered = 0
            var cuts = 0
            var written = 0
            while written < stream.count {
                let n = min(stream.count - written, random.pick([1, 7, 4_096, 70_000, 300_000]))
                Self.bytes(Array(stream[written..<(written + n)]), to: path)
                written += n
                Self.drain(tailer, budget: random.pick([4_096, 65_536, 1 << 20]), &got, &numbers) {
                    // Cut by the budget mid-read, after the poll that took the sequence over: read
                    // into the block, so no read buffer is held.
                    cuts += 1
                    if cuts > 1 { buffered = max(buffered, tailer.bufferCapacity) }
                }
            }
            let expected = LineSplitterReference.lines(stream, finished: false)
            #expect(got == expected.lines)
            #expect(numbers == Array(stride(from: 1, through: expected.lines.count, by: 1)))
            #expect(buffered == 0, "a read buffer of \(buffered) bytes was held after the first line")
        }
    }

    @Test func aBigReadReadsIntoTheSameBlockAgain() {
        let dir = Fixtures.TempDir()
        let path = dir.file("big.jsonl")
        let lines = (0..<200_000).map { "line \($0) " + String(repeating: "y", count: $0 % 97) }
        Fixtures.append(lines.joined(separator: "\n") + "\n", to: path)
        let tailer = FileTailer(path: path)
        var texts: [String] = []
        var places: Set<UInt> = []
        var capacities: Set<Int> = []
        var batch = tailer.poll(budget: 256 << 10)
        var polls = 1
        while true {
            texts += (0..<batch.lines.count).map { String(decoding: batch.lines.array($0), as: UTF8.self) }
            // From the fifth on, reads are as big as they get, and so is the block.
            if polls > 4 {
                places.insert(batch.lines.bytes.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) })
                capacities.insert(batch.lines.byteCapacity)
            }
            let more = batch.more
            // Handed back with no other reference left, as SourceReader does.
            tailer.recycle(batch.lines)
            batch.lines = LineBlock()
            guard more else { break }
            batch = tailer.poll(budget: 256 << 10)
            polls += 1
        }
        #expect(texts == lines)
        #expect(polls > 6)
        #expect(places.count == 1)
        #expect(capacities.count == 1)
    }
}
