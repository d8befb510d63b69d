import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// A segment's text is a value (copies never see each other's writes) that the store keeps as it
/// is, so every decoder must leave in it exactly its records' summaries and ids, in order, and no
/// spare room (ARCHITECTURE.md §4).
@Suite struct PackedTextTests {

    static func bytes(_ text: PackedText) -> [UInt8] { text.withUnsafeBytes { Array($0) } }

    @Test func appendsTakesBackAndGrows() {
        var text = PackedText()
        #expect(text.isEmpty && text.handOver() == nil)
        var want: [UInt8] = []
        var dice = SplitMix64(seed: 0xA7E4A)
        for _ in 0..<5_000 {
            switch dice.below(4) {
            case 0:
                let mark = dice.below(want.count + 1)
                text.removeSubrange(mark...)
                want.removeSubrange(mark...)
            case 1:
                let byte = UInt8(dice.below(256))
                text.append(byte)
                want.append(byte)
            default:
                let piece = (0..<dice.below(300)).map { _ in UInt8(dice.below(256)) }
                piece.withUnsafeBytes { text.append(contentsOf: $0) }
                want += piece
            }
            #expect(text.count == want.count)
        }
        #expect(Self.bytes(text) == want)
        text.append(contentsOf: "é!".utf8)
        #expect(Self.bytes(text) == want + Array("é!".utf8))
    }

    @Test func aCopyNeverSeesTheOthersWrites() {
        var a = PackedText(Array("summary one".utf8))
        a.reserveCapacity(1_000)
        let b = a
        // Taking back writes nothing; the append after it must not land in b's bytes.
        a.removeSubrange(3...)
        a.append(contentsOf: "XYZ".utf8)
        #expect(Self.bytes(a) == Array("sumXYZ".utf8))
        #expect(Self.bytes(b) == Array("summary one".utf8))
        var c = b
        c.append(contentsOf: " and two".utf8)
        c.finish()
        #expect(Self.bytes(b) == Array("summary one".utf8))
        #expect(Self.bytes(c) == Array("summary one and two".utf8))
    }

    @Test func handOverNeedsAFinishedTextAndItsBytesStayPut() throws {
        var text = PackedText()
        text.reserveCapacity(64 << 10)
        text.append(contentsOf: Array(repeating: UInt8(ascii: "a"), count: 5_000))
        // Spare room: not handed over, so the store copies rather than keep the reserve.
        #expect(text.handOver() == nil)
        var copy = text
        text.finish()
        let (owner, held) = try #require(text.handOver())
        #expect(held.count == 5_000)
        // Copies made before and after the hand-over write into blocks of their own.
        var later = text
        copy.removeSubrange(0...)
        copy.append(contentsOf: Array(repeating: UInt8(ascii: "b"), count: 6_000))
        later.removeSubrange(10...)
        later.append(contentsOf: Array(repeating: UInt8(ascii: "c"), count: 100))
        text.append(contentsOf: "d".utf8)
        withExtendedLifetime(owner) {
            #expect(held.allSatisfy { $0 == UInt8(ascii: "a") })
        }
        #expect(Self.bytes(later) == Array(repeating: UInt8(ascii: "a"), count: 10) + Array(repeating: UInt8(ascii: "c"), count: 100))
        #expect(Self.bytes(copy) == Array(repeating: UInt8(ascii: "b"), count: 6_000))
    }

    /// Walks a segment's non-full records: their summaries and ids must tile its text in order.
    static func expectTextIsRecordsTexts(_ segment: PackedSegment, _ what: String) {
        var at: UInt32 = 0
        for r in segment.records where !r.flags.contains(.full) {
            guard r.summaryStart == at, r.idStart == at + r.summaryCount else {
                Issue.record("\(what): a record's texts start at \(r.summaryStart)/\(r.idStart), expected \(at)")
                return
            }
            at += r.summaryCount + r.idCount
        }
        #expect(Int(at) == segment.text.count, "\(what): text holds \(segment.text.count) bytes, records \(at)")
        #expect(segment.text.isEmpty || segment.text.handOver() != nil, "\(what): the decoder left spare room")
    }

    @Test func everyDecoderLeavesItsRecordsTextsAndNothingElse() {
        let columns = ACLEDDecoderTests.header.split(separator: ",").map(String.init)
        let csvTables: [(String, String)] = [
            ("acled", CSVFastPathTests.text(columns, rows: 3000, seed: 21, values: CSVFastPathTests.acledValue)),
            ("ucdp", CSVFastPathTests.text(UCDPDecoderTests.columns, rows: 3000, seed: 22, values: CSVFastPathTests.ucdpValue)),
        ]
        for (name, table) in csvTables {
            var splitter = LineSplitter()
            var block = LineBlock()
            splitter.feed(Array(table.utf8), into: &block)
            for i in 0..<block.count { block.lines[i].number = i + 1 }
            let segments: [PackedSegment]
            if name == "acled" {
                var reader = CSVTableReader<ACLEDFormat>(builder: IncidentBuilder(), maxRecordBytes: 1 << 20)
                segments = reader.decode(block, 0..<block.count, file: "f.csv").segments
            } else {
                var reader = CSVTableReader<UCDPFormat>(builder: IncidentBuilder(), maxRecordBytes: 1 << 20)
                segments = reader.decode(block, 0..<block.count, file: "f.csv").segments
            }
            #expect(segments.contains { $0.records.contains { !$0.flags.contains(.full) } })
            for segment in segments { Self.expectTextIsRecordsTexts(segment, name) }
        }
        var context = PackedDecodeContext()
        let lines = PackedDecoderTests.randomLines(seed: 23, count: 4000)
        let jsonl = PackedLineDecoder(parser: JSONLineParser()).decode(PackedDecoderTests.block(lines), 0..<4000, file: "f", context: &context)
        Self.expectTextIsRecordsTexts(jsonl.segment, "jsonl")
        let features = PackedFeatureDecoderTests.randomFeatures(seed: 24, count: 4000)
        var featureContext = PackedDecodeContext()
        let geojson = PackedFeatureDecoder(general: GeoJSONDecoder())
            .decode(PackedDecoderTests.block(features), 0..<4000, file: "f", context: &featureContext)
        Self.expectTextIsRecordsTexts(geojson.segment, "geojson")
        #expect(jsonl.segment.text.count > 4096 && geojson.segment.text.count > 4096)
    }
}
