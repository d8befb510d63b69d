import Foundation
import Testing
@testable import MonitorIngest

/// Blocks read ahead are read early, before the blocks before them are finished
/// (`CSVTableReader.speculator`, ARCHITECTURE.md §4): what is kept of an early read must be what
/// reading the block in order gives, and an early read that guessed wrong must be dropped.
@Suite struct CSVEarlyReadTests {
    typealias Row = ACLEDDecoderTests

    /// Each record as `line kind id summary`, in order, for comparing two readings.
    static func described(_ output: CSVBlockOutput) -> [String] {
        output.records.map { record in
            switch record {
            case .incident(let incident): "\(incident.origin.line) incident \(incident.id ?? "-") \(incident.summary) @\(incident.place)"
            case .bad(let bad): "\(bad.origin.line) bad \(bad.reason)"
            case .retraction: "retraction"
            }
        }
    }

    /// `text`'s lines as one block, numbered from `first`.
    static func block(_ text: String, first: Int = 1) -> LineBlock {
        var splitter = LineSplitter()
        var block = LineBlock()
        splitter.feed(Array(text.utf8), into: &block)
        splitter.finish(into: &block)
        for i in 0..<block.count { block.lines[i].number = first + i }
        return block
    }

    @Test func aRecordLeftOpenBeforeTheBlockDropsItsEarlyRead() throws {
        // The first record's notes hold a line break at the cut: the second block starts inside it.
        let open = Row.row(["event_id_cnty": "MLI1", "notes": "Fighting near Ber,\nthen a withdrawal"])
        let parts = open.components(separatedBy: "\n")
        let header = Self.block(Row.header + "\n")
        let before = Self.block(parts[0] + "\n", first: 2)
        let after = Self.block(parts[1] + "\n" + Row.row(["event_id_cnty": "MLI2"]) + "\n" + Row.row(["event_id_cnty": "MLI3"]) + "\n", first: 3)

        var inOrder = ACLEDDecoder()
        _ = inOrder.decodeBlock(header, 0..<header.count, file: "f")
        // Read early, as a read ahead is: before the block before it is decoded.
        let speculator = try #require(inOrder.speculator())
        let early = speculator.read(after, 0..<after.count, "f")
        var withEarly = inOrder
        var expected = Self.described(inOrder.decodeBlock(before, 0..<before.count, file: "f"))
        expected += Self.described(inOrder.decodeBlock(after, 0..<after.count, file: "f"))
        var seen = Self.described(withEarly.decodeBlock(before, 0..<before.count, file: "f"))
        seen += Self.described(withEarly.decodeBlock(after, 0..<after.count, file: "f", speculated: early))
        #expect(seen == expected)
        #expect(expected.count == 3 && expected[0].hasPrefix("2 incident MLI1 Fighting near Ber, then a withdrawal"))
    }

    @Test func anEarlyReadWithAnOlderHeaderIsDropped() throws {
        // The file starts over with the columns in another order: `location` and `notes` swapped.
        var names = Row.header.split(separator: ",").map(String.init)
        let location = try #require(names.firstIndex(of: "location")), notes = try #require(names.firstIndex(of: "notes"))
        names.swapAt(location, notes)
        let values = Row.base.merging(["event_id_cnty": "MLI9", "location": "Ber", "notes": "Convoy stopped at Ber"]) { $1 }
        let swappedRow = names.map { values[$0] ?? "" }.joined(separator: ",")
        let rows = Self.block(swappedRow + "\n" + swappedRow.replacingOccurrences(of: "MLI9", with: "MLI10") + "\n", first: 2)

        var decoder = ACLEDDecoder()
        let header = Self.block(Row.header + "\n")
        _ = decoder.decodeBlock(header, 0..<header.count, file: "f")
        let early = try #require(decoder.speculator()).read(rows, 0..<rows.count, "f")
        decoder.reset()
        let newHeader = Self.block(names.joined(separator: ",") + "\n")
        _ = decoder.decodeBlock(newHeader, 0..<newHeader.count, file: "f")
        var inOrder = decoder
        let expected = Self.described(inOrder.decodeBlock(rows, 0..<rows.count, file: "f"))
        let seen = Self.described(decoder.decodeBlock(rows, 0..<rows.count, file: "f", speculated: early))
        #expect(seen == expected)
        #expect(expected == ["2 incident MLI9 Convoy stopped at Ber @Ber", "3 incident MLI10 Convoy stopped at Ber @Ber"])
    }

    @Test func earlyReadsAgreeWithReadsInOrderWhereverBlocksAreCut() throws {
        var dice = SplitMix64(seed: 0x5EED_CAFE)
        var kept = 0, dropped = 0
        for round in 0..<60 {
            var text = Row.header + "\n"
            for r in 0..<dice.inRange(5...60) {
                var notes = "Clash \(r) near Gao"
                if dice.chance(percent: 25) { notes += ",\nsecond line" }
                if dice.chance(percent: 15) { notes += " \"quoted\"" }
                var row = Row.row(["event_id_cnty": "MLI\(round)-\(r)", "notes": notes])
                if dice.chance(percent: 5) { row += ",extra" }  // a bad record: one field too many
                text += row + "\n"
            }
            let all = Self.block(text)
            // The same cuts read in order, and read early the way reads ahead are: each block's
            // early read taken before the block before it is decoded.
            var inOrder = CSVTableReader<ACLEDFormat>(builder: IncidentBuilder(), maxRecordBytes: 1 << 20)
            var early = inOrder
            var expected: [String] = [], seen: [String] = []
            var at = 0
            while at < all.count {
                let n = min(all.count - at, dice.inRange(1...6))
                var block = LineBlock()
                for i in at..<(at + n) { block.append(copyOf: all, line: i) }
                expected += Self.described(inOrder.decode(block, 0..<block.count, file: "f"))
                let guess = early.speculator().map { $0.read(block, 0..<block.count, "f") }
                let pendingBefore = early.pendingLines
                seen += Self.described(early.decode(block, 0..<block.count, file: "f", speculated: guess))
                if guess != nil { if pendingBefore == 0 { kept += 1 } else { dropped += 1 } }
                at += n
            }
            #expect(seen == expected, "round \(round)")
        }
        // Both kinds were met: early reads kept, and early reads dropped after an open record.
        #expect(kept > 100 && dropped > 20)
    }

    @Test func aCSVFileReadAheadInSmallBudgetsGivesWhatOneReadGives() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("ahead.csv")
        var text = Row.header + "\n"
        for r in 0..<3_000 {
            let notes = r % 7 == 0 ? "Attack \(r) on the road to Timbuktu,\nconvoy turned back" : "Attack \(r) near Kidal"
            text += Row.row(["event_id_cnty": "MLI\(r)", "notes": notes]) + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        func ids(_ batches: [IngestBatch]) -> [String] { batches.flatMap { $0.incidents.map { "\($0.origin.line) \($0.id ?? "-")" } } }

        let whole = SourceReader(index: 0, path: path, displayName: "ahead", decoder: ACLEDDecoder()).poll(budget: 64 << 20)
        #expect(whole.batch.incidentCount == 3_000 && !whole.more)

        // Small budgets: every read after the first is read ahead.
        let waiting = SourceReader(index: 0, path: path, displayName: "ahead", decoder: ACLEDDecoder())
        var polled: [IngestBatch] = []
        var more = true
        while more {
            let (batch, cut) = waiting.poll(budget: 16 << 10)
            polled.append(batch)
            more = cut
        }
        // Reads grow from the budget as the load goes on; several are read ahead all the same.
        #expect(polled.count >= 4)
        #expect(ids(polled) == ids([whole.batch]))
        #expect(polled.reduce(0) { $0 + $1.badLines.count } == 0)

        let never = SourceReader(index: 0, path: path, displayName: "ahead", decoder: ACLEDDecoder())
        var run: [IngestBatch] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard let (batch, cut) = never.pollWithoutWaiting(budget: 16 << 10) else {
                usleep(500)
                continue
            }
            run.append(batch)
            if !cut { break }
        }
        #expect(ids(run) == ids([whole.batch]))
    }
}
