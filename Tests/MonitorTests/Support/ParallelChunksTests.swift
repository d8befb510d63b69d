import Testing
@testable import MonitorCore

/// The parallel-chunk helper behind decoding and the shown-incident scan: contiguous ranges
/// covering everything once, results back in range order whichever part finished first.
@Suite struct ParallelChunksTests {
    @Test func splitsIntoContiguousRangesInOrder() {
        let ranges = ParallelChunks.map(10, parts: 3) { _, range in range }
        #expect(ranges == [0..<4, 4..<8, 8..<10])
        let parts = ParallelChunks.map(10, parts: 3) { part, _ in part }
        #expect(parts == [0, 1, 2])
    }

    @Test func onePartIsTheWholeRange() {
        #expect(ParallelChunks.map(7, parts: 1) { _, range in range } == [0..<7])
        #expect(ParallelChunks.map(7, parts: 0) { _, range in range } == [0..<7])
    }

    @Test func morePartsThanElementsLeavesEmptyRangesAtTheEnd() {
        let ranges = ParallelChunks.map(2, parts: 4) { _, range in range }
        #expect(ranges == [0..<1, 1..<2, 2..<2, 2..<2])
        #expect(ParallelChunks.map(0, parts: 3) { _, range in range.count } == [0, 0, 0])
    }

    @Test func mergingThePartsInOrderGivesTheSequentialResult() {
        let values = (0..<100_003).map { ($0 &* 2_654_435_761) % 1000 }
        let parts = values.withUnsafeBufferPointer { values in
            ParallelChunks.map(values.count, parts: 8) { _, range in Array(values[range]) }
        }
        #expect(parts.count == 8)
        #expect(Array(parts.joined()) == values)
    }
}
