#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import MonitorIngest

/// Lines are cut where they lie in the block (ARCHITECTURE.md §2): whether bytes are copied in
/// (`feed`) or read into the block's room (`read`), wherever the stream is cut into reads, into
/// one block, a fresh block per read or a block emptied and read into again, every line comes out
/// as `LineSplitterReference` says: its bytes, its offset, overlong or not, and what is held back.
@Suite struct LineCuttingTests {
    typealias Cut = LineSplitterReference.Cut

    /// What happens to the block between reads.
    enum Blocks: CaseIterable { case one, freshEach, recycled }

    /// Cuts `stream` in pieces at `cuts` (ascending offsets), through `feed` or, once past the
    /// start, through `read` with `room` bytes asked per read (a read may take less than a piece).
    static func split(_ stream: [UInt8], at cuts: [Int], maxLine: Int, inPlace: Bool, room: Int = 1 << 16,
                      blocks: Blocks = .one) -> (lines: [Cut], pending: Int, finished: [Cut]) {
        var splitter = LineSplitter(maxLineBytes: maxLine)
        var block = LineBlock()
        var out: [Cut] = []
        var first = 0
        func collect() {
            out += LineSplitterReference.cuts(block, from: first)
            switch blocks {
            case .one: first = block.count
            case .freshEach: block = LineBlock()
            case .recycled:
                block.removeAll()
                #expect(block.isEmpty && block.byteCount == 0)
            }
        }
        var from = 0
        for end in cuts + [stream.count] where end > from {
            let piece = Array(stream[from..<end])
            from = end
            var at = 0
            while at < piece.count {
                if inPlace, splitter.pastStart {
                    let n = splitter.read(into: &block, upTo: room) { space in
                        let n = min(space.count, piece.count - at)
                        piece.withUnsafeBytes { space.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[at..<(at + n)])) }
                        return n
                    }
                    at += n
                } else {
                    piece.withUnsafeBytes { splitter.feed(raw: UnsafeRawBufferPointer(rebasing: $0[at...]), into: &block) }
                    at = piece.count
                }
                collect()
            }
        }
        let pending = splitter.pendingCount
        let lines = out
        splitter.finish(into: &block)
        collect()
        return (lines, pending, out)
    }

    static func check(_ stream: [UInt8], at cuts: [Int], maxLine: Int, inPlace: Bool, room: Int = 1 << 16,
                      blocks: Blocks = .one, _ expected: (lines: [Cut], pending: Int), _ finished: [Cut]) {
        let got = split(stream, at: cuts, maxLine: maxLine, inPlace: inPlace, room: room, blocks: blocks)
        #expect(got.lines == expected.lines, "cut at \(cuts), in place \(inPlace), room \(room), \(blocks)")
        #expect(got.pending == expected.pending, "cut at \(cuts), in place \(inPlace), room \(room), \(blocks)")
        #expect(got.finished == finished, "cut at \(cuts), in place \(inPlace), room \(room), \(blocks), finished")
    }

    /// Lines of every sort near the limit, carriage returns inside lines, before newlines and
    /// doubled, a whole or partial byte-order mark, a last line with or without its newline.
    static func stream(_ random: inout SplitMix64, maxLine: Int) -> [UInt8] {
        var out: [UInt8] = []
        switch random.below(5) {
        case 0: out += [0xEF, 0xBB, 0xBF]
        case 1: out += [0xEF, 0xBB]
        case 2: out += [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]
        default: break
        }
        let count = random.inRange(0...10)
        for k in 0..<count {
            let length: Int
            switch random.below(9) {
            case 0: length = 0
            case 1: length = random.inRange(1...3)
            case 2: length = maxLine - 1
            case 3: length = maxLine
            case 4: length = maxLine + 1
            case 5: length = maxLine + 2
            case 6: length = random.inRange(maxLine...(3 * maxLine))
            default: length = random.inRange(4...60)
            }
            for _ in 0..<length {
                out.append(random.chance(percent: 4) ? 0x0D : random.chance(percent: 3) ? 0xEF : UInt8(0x61 + random.below(26)))
            }
            let last = k == count - 1
            switch random.below(last ? 6 : 4) {
            case 0: out += [0x0A]
            case 1: out += [0x0D, 0x0A]
            case 2: out += [0x0D, 0x0D, 0x0A]
            case 3: out += [0x0D, 0x0A, 0x0A]
            case 4: out += [0x0D]
            default: break
            }
        }
        return out
    }

    static let maxLine = 200

    @Test func everyCutIntoTwoReadsAgreesWithTheReference() {
        var random = SplitMix64(seed: 40_417)
        for _ in 0..<24 {
            let stream = Self.stream(&random, maxLine: Self.maxLine)
            let expected = LineSplitterReference.lines(stream, maxLine: Self.maxLine, finished: false)
            let finished = LineSplitterReference.lines(stream, maxLine: Self.maxLine, finished: true).lines
            for cut in 0...stream.count {
                Self.check(stream, at: [cut], maxLine: Self.maxLine, inPlace: false, expected, finished)
                Self.check(stream, at: [cut], maxLine: Self.maxLine, inPlace: true, blocks: .recycled, expected, finished)
            }
        }
    }

    @Test func aByteAtATimeAndRandomCutsAgreeWithTheReference() {
        var random = SplitMix64(seed: 7_731)
        for round in 0..<300 {
            let stream = Self.stream(&random, maxLine: Self.maxLine)
            let expected = LineSplitterReference.lines(stream, maxLine: Self.maxLine, finished: false)
            let finished = LineSplitterReference.lines(stream, maxLine: Self.maxLine, finished: true).lines
            if round % 10 == 0 {
                Self.check(stream, at: Array(0..<stream.count), maxLine: Self.maxLine, inPlace: false, expected, finished)
                Self.check(stream, at: Array(0..<stream.count), maxLine: Self.maxLine, inPlace: true, expected, finished)
            }
            var cuts: [Int] = []
            if !stream.isEmpty {
                cuts = (0..<random.inRange(1...8)).map { _ in random.below(stream.count) }.sorted()
            }
            let room = random.pick([1, 2, 3, 7, 64, 250, 1 << 16])
            for blocks in Blocks.allCases {
                Self.check(stream, at: cuts, maxLine: Self.maxLine, inPlace: false, blocks: blocks, expected, finished)
                Self.check(stream, at: cuts, maxLine: Self.maxLine, inPlace: true, room: room, blocks: blocks, expected, finished)
            }
        }
    }

    @Test func aCarriageReturnAndItsNewlineInDifferentReads() {
        let stream = Array("ab\r\ncd\r\n\r\nef".utf8)
        let expected = LineSplitterReference.lines(stream, finished: false)
        #expect(expected.lines.map(\.bytes) == [Array("ab".utf8), Array("cd".utf8), []])
        for cut in [3, 7, 9] {
            for inPlace in [false, true] {
                let got = Self.split(stream, at: [2, cut], maxLine: LineSplitter.maxLineBytes, inPlace: inPlace)
                #expect(got.lines == expected.lines)
                #expect(got.lines.map(\.offset) == [0, 4, 8])
                #expect(got.pending == 2)
            }
        }
    }

    @Test func aByteOrderMarkSplitAcrossReadsIsDropped() {
        let stream: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("one\ntwo\n".utf8)
        for a in 0...3 {
            for b in a...4 {
                for inPlace in [false, true] {
                    let got = Self.split(stream, at: [a, b], maxLine: LineSplitter.maxLineBytes, inPlace: inPlace, room: 2)
                    #expect(got.lines.map(\.bytes) == [Array("one".utf8), Array("two".utf8)], "cut at \(a), \(b)")
                    #expect(got.lines.map(\.offset) == [3, 7])
                }
            }
        }
        // Not a mark after all: the bytes held for it start the first line.
        let notMark: [UInt8] = [0xEF, 0xBB, 0x41, 0x0A]
        let got = Self.split(notMark, at: [1, 2], maxLine: LineSplitter.maxLineBytes, inPlace: true)
        #expect(got.lines == [Cut(bytes: [0xEF, 0xBB, 0x41], overlongLength: nil, offset: 0)])
    }

    @Test func anOverlongLineIsCountedWhateverTheReads() {
        // The line is one byte over the limit with its carriage return, which does not count.
        let limit = 300
        let exactly = [UInt8](repeating: 0x61, count: limit) + [0x0D, 0x0A]
        let over = [UInt8](repeating: 0x62, count: limit + 1) + [0x0D, 0x0A]
        let stream = exactly + over + Array("next\n".utf8)
        for cut in [limit - 1, limit, limit + 1, limit + 2, 2 * limit + 2, 2 * limit + 3, 2 * limit + 4, 2 * limit + 5] {
            for inPlace in [false, true] {
                let got = Self.split(stream, at: [cut], maxLine: limit, inPlace: inPlace, room: 97)
                #expect(got.lines.map(\.overlongLength) == [nil, limit + 1, nil], "cut at \(cut)")
                #expect(got.lines.map(\.bytes.count) == [limit, 200, 4])
                #expect(got.lines.map(\.offset) == [0, Int64(limit + 2), Int64(2 * limit + 5)])
            }
        }
    }

    @Test func aBlockEmptiedAndReadIntoAgainHoldsNoStaleLines() {
        var splitter = LineSplitter()
        var block = LineBlock()
        Array("first\nsecond\nthi".utf8).withUnsafeBytes { splitter.feed(raw: $0, into: &block) }
        #expect(block.count == 2)
        block.removeAll()
        // Nothing finished: nothing in the block, not even the held bytes.
        let n = splitter.read(into: &block, upTo: 64) { room in
            [UInt8(ascii: "r")].withUnsafeBytes { room.copyMemory(from: $0) }
            return 1
        }
        #expect(n == 1)
        #expect(block.isEmpty && block.byteCount == 0)
        #expect(splitter.pendingCount == 4)
        Array("d\nfourth\nfi".utf8).withUnsafeBytes { splitter.feed(raw: $0, into: &block) }
        #expect(LineSplitterReference.cuts(block) == [Cut(bytes: Array("third".utf8), overlongLength: nil, offset: 13),
                                                      Cut(bytes: Array("fourth".utf8), overlongLength: nil, offset: 19)])
        // A read that fails or finds nothing adds nothing.
        block.removeAll()
        #expect(splitter.read(into: &block, upTo: 64) { _ in -1 } == -1)
        #expect(splitter.read(into: &block, upTo: 64) { _ in 0 } == 0)
        #expect(block.isEmpty && block.byteCount == 0)
        splitter.finish(into: &block)
        #expect(LineSplitterReference.cuts(block) == [Cut(bytes: Array("fi".utf8), overlongLength: nil, offset: 26)])
    }
}
