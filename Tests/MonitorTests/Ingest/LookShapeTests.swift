import Foundation
import Testing
@testable import MonitorIngest

/// How much each look of a big read takes: small at first, growing to the budget, halving at
/// the end; a file that fits the budget is still read in one look.
@Suite struct LookShapeTests {
    /// The looks a file of `size` bytes is read in, under `limit`.
    static func looks(size: Int, limit: Int) -> [Int] {
        var looks: [Int] = []
        var left = size
        var taken = LookShape.Taken()
        while left > 0 {
            let budget = looks.isEmpty ? LookShape.first(limit: limit, unread: left)
                                       : LookShape.next(limit: limit, after: taken)
            let read = min(budget, left)
            left -= read
            looks.append(read)
            taken = LookShape.Taken(budget: budget, backlog: left)
        }
        return looks
    }

    @Test func aFileThatFitsTheBudgetIsOneLook() {
        #expect(LookShape.first(limit: 8 << 20, unread: 8 << 20) == 8 << 20)
        #expect(LookShape.first(limit: 8 << 20, unread: nil) == 8 << 20)
        #expect(LookShape.first(limit: 8 << 20, unread: (8 << 20) + 1) == LookShape.floor)
        // A budget under the floor is never exceeded.
        #expect(LookShape.first(limit: 16 << 10, unread: 1 << 20) == 16 << 10)
        #expect(Self.looks(size: 3 << 20, limit: 8 << 20) == [3 << 20])
    }

    @Test func anyBudgetGrowsWithoutOverflow() {
        // Past a quarter of the budget, the next look is the whole budget, or half of what is left.
        #expect(LookShape.next(limit: .max, after: LookShape.Taken(budget: .max / 2, backlog: .max)) == .max / 2)
        #expect(LookShape.next(limit: .max, after: LookShape.Taken(budget: .max / 2, backlog: 10 << 20)) == 5 << 20)
        #expect(LookShape.next(limit: .max, after: LookShape.Taken(budget: 1 << 20, backlog: .max)) == 4 << 20)
        #expect(LookShape.next(limit: 3 << 20, after: LookShape.Taken(budget: 1 << 20, backlog: .max)) == 3 << 20)
    }

    @Test func looksGrowFourfoldToTheBudgetAndHalveAtTheEnd() {
        let limit = 8 << 20
        let looks = Self.looks(size: 114 << 20, limit: limit)
        #expect(looks.reduce(0, +) == 114 << 20)
        #expect(Array(looks.prefix(4)) == [256 << 10, 1 << 20, 4 << 20, 8 << 20])
        #expect(looks.allSatisfy { $0 <= limit })
        // The last looks shrink, down to the floor at most.
        #expect(looks.last.map { $0 <= LookShape.floor } == true)
        let end = looks.suffix(5)
        #expect(zip(end, end.dropFirst()).allSatisfy { $0 > $1 })
    }

    /// The reader itself: a big file's first batch and last batch are small ones, the batches
    /// between take the whole budget, and every line arrives once, in order. (A look ends after
    /// the read that passes its budget, so a batch may be up to one read, 1 MiB, over it.)
    @Test func aBigFileIsReadInGrowingThenShrinkingBatches() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("big.jsonl")
        let count = 140_000
        let lines = ReadAheadTests.lines(0..<count)
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        let lineBytes = lines.utf8.count / count
        let budget = 4 << 20
        #expect(lines.utf8.count > 2 * budget + (2 << 20))
        let reader = SourceReader(index: 0, path: path, displayName: "big")
        var sizes: [Int] = []
        var summaries: [String] = []
        var more = true
        while more {
            let (batch, cut) = reader.poll(budget: budget)
            sizes.append(batch.linesRead * lineBytes)
            summaries += batch.incidents.map(\.summary)
            more = cut
        }
        #expect(summaries == (0..<count).map { "r\($0)" })
        #expect(sizes.first.map { $0 < 1 << 20 } == true)
        #expect(sizes.max().map { $0 >= budget - lineBytes } == true)
        #expect(sizes.last.map { $0 < 1 << 20 } == true)
    }
}
