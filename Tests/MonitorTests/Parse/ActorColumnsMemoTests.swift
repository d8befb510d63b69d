import Testing
@testable import MonitorIngest
import MonitorCore

/// The CSV fast path reads a record's actor columns as a whole when the bytes holding them were
/// met before (`PackedDecodeContext.knownActors`). These rows repeat a few sets of actors, as real
/// exports do, so most rows take the memo; they must still give exactly what the general path gives,
/// block after block (the names-as-written text is a segment string, re-added in each segment).
struct ActorColumnsMemoTests {
    /// Sets of (actor1, assoc_actor_1, actor2, assoc_actor_2): known, unknown, lists, names not
    /// written as their key, odd spaces, a name the general path must read.
    static let sets: [[String]] = [
        ["Military Forces of Mali (2021-)", "Wagner Group", "JNIM: Group for Support of Islam and Muslims", ""],
        ["Wagner Group", "", "Civilians (Mali)", ""],
        ["jnim", "Katiba Macina; Ansar Dine", "Dozo hunters", "A; B"],
        [" GATIA ", "", "MNLA", "Unknown;"],
        ["Café group", "Cafe\u{301} group", "x\u{200B}y", ""],
        ["\u{00A0}FAMA", "", "IS", "Wagner Group"],
        ["CMA: Coordination of Movements of the Azawad", "MNLA; MNLA", "", ""],
    ]

    /// `inter1` lies between the actor columns: quoted, holding a comma, or a line break (which
    /// keeps the memo out of the record, as its bytes no longer show the whole field).
    static let inters = ["State forces", "\"Rebel, group\"", "\"two\nlines\"", "", "\"\"\"quoted\"\"\"", "Civilians"]

    static func text(rows: Int, seed: UInt64) -> String {
        let columns = ACLEDDecoderTests.header.split(separator: ",").map(String.init)
        var dice = SplitMix64(seed: seed)
        var out = ACLEDDecoderTests.header + "\n"
        for row in 0..<rows {
            let set = dice.pick(sets)
            let quoteActors = dice.chance(percent: 10)
            let fields = columns.map { column -> String in
                func actor(_ text: String) -> String {
                    quoteActors || text.contains(",") ? "\"" + text + "\"" : text
                }
                switch column {
                case "event_id_cnty": return "MLI\(row)"
                case "event_date": return "2023-08-\(10 + row / 500)"
                case "actor1": return actor(set[0])
                case "assoc_actor_1": return actor(set[1])
                case "inter1": return dice.chance(percent: 70) ? "State forces" : dice.pick(inters)
                case "actor2": return actor(set[2])
                case "assoc_actor_2": return actor(set[3])
                case "sub_event_type":
                    return dice.chance(percent: 20) ? dice.pick(ControlHolder.acledSubEventTypes) : "Armed clash"
                case "location": return dice.pick(["Ber", "Timbuktu", "Gao"])
                case "latitude": return dice.chance(percent: 80) ? "16.\(dice.below(9999))" : ""
                case "longitude": return "-0.\(dice.below(9999))"
                case "fatalities": return String(dice.below(30))
                case "notes": return "\"Clashes near the camp, \(row)\""
                case "event_type": return "Battles"
                default: return "x"
                }
            }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Lines 1... of `text` cut into `blocks` blocks, each decoded in turn by one reader (so its
    /// packers, and their memories, carry over from block to block).
    static func decode<F: CSVTableFormat>(_ text: String, as: F.Type, blocks: Int) -> (records: [ParsedRecord], fast: Int) {
        var splitter = LineSplitter()
        var all = LineBlock()
        splitter.feed(Array(text.utf8), into: &all)
        for i in 0..<all.count { all.lines[i].number = i + 1 }
        var reader = CSVTableReader<F>(builder: IncidentBuilder(), maxRecordBytes: 1 << 20)
        var records: [ParsedRecord] = []
        var fast = 0
        let step = (all.count + blocks - 1) / blocks
        for start in stride(from: 0, to: all.count, by: step) {
            var block = LineBlock()
            for i in start..<min(all.count, start + step) { block.append(copyOf: all, line: i) }
            let out = reader.decode(block, 0..<block.count, file: "f.csv")
            records += out.records
            fast += out.segments.reduce(0) { $0 + $1.records.filter { !$0.flags.contains(.full) }.count }
        }
        return (records, fast)
    }

    @Test func repeatedActorColumnsGiveWhatTheGeneralPathGives() {
        let text = Self.text(rows: 9000, seed: 21)
        let (got, fast) = Self.decode(text, as: ACLEDFormat.self, blocks: 3)
        let (want, _) = Self.decode(text, as: CSVFastPathTests.GeneralOnly<ACLEDFormat>.self, blocks: 3)
        CSVFastPathTests.expectSame(got, want)
        // Nearly every row repeats a set met before, so nearly all went through the memo.
        #expect(fast > 7000, "only \(fast) rows took the fast path")
        let holders = got.filter { if case .incident(let i) = $0 { i.control != nil } else { false } }.count
        #expect(holders > 1000)
    }

    @Test func theSpanIsOnlyGivenForUnquotedEndsWithinOneLine() {
        let header = "a,b,c,d"
        func span(_ line: String) -> String? {
            var splitter = LineSplitter()
            var block = LineBlock()
            splitter.feed(Array((header + "\n" + line + "\n").utf8), into: &block)
            var fields: [CSVField] = []
            return block.bytes.withUnsafeBytes { bytes in
                block.lines.withUnsafeBufferPointer { lines in
                    guard case .record(let last) = CSVScanner.scan(bytes, lines, first: 1, limit: block.count,
                                                                   maxBytes: 1 << 20, into: &fields) else { return nil }
                    return fields.withUnsafeBufferPointer {
                        CSVRecord(bytes: bytes, lines: lines, fields: $0, firstLine: 1, lastLine: last)
                            .plainSpan(1, 3).map { String(decoding: $0, as: UTF8.self) }
                    }
                }
            }
        }
        #expect(span("x,FAMA,\"Rebel, group\",JNIM") == "FAMA,\"Rebel, group\",JNIM")
        #expect(span("x,\"FAMA\",y,JNIM") == nil)
        #expect(span("x,FAMA,y,\"JNIM\"") == nil)
        #expect(span("x,FAMA,\"two\nlines\",JNIM") == nil)
        #expect(span("x,FAMA,,") == "FAMA,,")
    }
}
