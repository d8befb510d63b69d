import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// The CSV fast path (`CSVIncidentPacker`, straight from bytes into packed records) must give,
/// record for record, what the general path gives (fields as Strings through `IncidentBuilder`):
/// the same incidents, every field, and the same bad lines. Random ACLED and UCDP rows mix the
/// spellings, odd values and hostile text the fast path must either read exactly or decline.
@Suite struct CSVFastPathTests {
    /// A format read by its general path alone.
    struct GeneralOnly<Inner: CSVTableFormat>: CSVTableFormat {
        let inner: Inner
        init(header: [String]) { inner = Inner(header: header) }
        var fieldCount: Int { inner.fieldCount }
        var headerProblem: String? { inner.headerProblem }
        func fields(_ row: [String]) -> Result<IncidentBuilder.Fields, LineError> { inner.fields(row) }
        func pack(_ record: CSVRecord, into segment: inout PackedSegment, _ packer: inout CSVPacker) -> Bool { false }
    }

    static let texts = ["Gao", "Ménaka", " Kidal ", "Léré", "Niafunké", "", "  ", "\u{00A0}Ber", "Ber\u{00A0}", "Tab\there",
                        "\tGao", "e\u{301}x", "\u{202E}evil", "x\u{200B}y", "ÉLAN", "日本語", "say \"hi\"", "a, b",
                        "two\nlines", "\u{1B}[31m", "caf\u{E9}\u{301}\u{301}\u{301}", "Gourma-Rharous", "\u{2003}wide",
                        "ends é", "\u{301}starts", "DEL\u{7F}", "Timbuktu", " Gao", "Gao ", "Kidal\t", "!Ber~"]
    static let actors = ["Military Forces of Mali (2021-)", "Wagner Group", "JNIM", "jnim", "Government of Mali", "IS",
                         "CMA: Coordination of Movements of the Azawad", "Dozo hunters", " GATIA ", "", "Civilians (Mali)",
                         "Ansar Dine", "A; B", "Unknown;", "Katiba Macina; Wagner Group", "x\u{200B}y", "Café group",
                         "Cafe\u{301} group", "\u{00A0}FAMA", "MNLA", "Other"]
    static let dates = ["2023-08-13", "2023-8-3", "13 August 2023", "13-Aug-2023", "4 sept 2023", " 1 Dec 2023 ",
                        "31 June 2023", "8/13/2023", "2023-13-01", "", "2023-08-13T10:00:00Z", "2023-08-13 00:00:00.000",
                        "2024-02-29 12:30:00", "13  August  2023", "13 Augustus 2023", "2023-08-13\u{00A0}"]
    static let numbers = ["16.2717", "-0.0447", "0", "-0", "1e1", "123.4", "-190", "", "+16.5", "16.", ".5", "north",
                          "17.000000000000000001", "90", "-180", " 16.8 ", "1.5e-7", "0x10", "16,5", "inf", "nan"]
    static let counts = ["0", "3", "12", "", "3.5", "-3", "1e2", "999999999", "1000000000", "2.0", "dozens", " 7 ", "+4", "007"]
    static let ids = ["MLI1", "MLI1", "MLI2", "", " MLI3 ", " MLI4", "MLI5 ", "MLI6\t", "Ménaka-1", "x\u{7F}", "id with space", "\u{212A}"]
    static let types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                        "Strategic developments", "Battle-No change of territory", "weird", "", " battles "]
    static let controlSubEvents = ControlHolder.acledSubEventTypes + [" government REGAINS territory\t", "Government regains",
                                                                      " Government regains territory", "Government regains territory ",
                                                                      "Shelling/artillery/missile attack", "GOVERNMENT REGAINS TERRITORY",
                                                                      "Government regains territorz", "Xovernment regains territory",
                                                                      "Non-state actor overtakes territorY", "Headquarters or base establishe ",
                                                                      "Government\u{0}regains territory", "Government@regains territory",
                                                                      "Non-violent transfer of territory"]
    static let violence = ["1", "2", "3", "4", "", "x", " 3 "]
    /// Precision codes: in range, out of range for ACLED or UCDP, and not codes at all.
    static let precisions = ["1", "2", "3", "4", "5", "6", "7", "8", "0", "", " 4 ", "4.0", "x", "\u{00A0}4", "44", "-1"]

    /// A CSV field holding `text`, quoted when it must be or by chance.
    static func field(_ text: String, _ dice: inout SplitMix64) -> String {
        let needs = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" } || dice.chance(percent: 20)
        return needs ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func text(_ columns: [String], _ row: ([String: String]) -> Void = { _ in }, rows: Int, seed: UInt64,
                     values: (String, inout SplitMix64) -> String) -> String {
        var dice = SplitMix64(seed: seed)
        var out = columns.joined(separator: ",") + "\n"
        for _ in 0..<rows {
            out += columns.map { field(values($0, &dice), &dice) }.joined(separator: ",")
            out += dice.chance(percent: 10) ? "\r\n" : "\n"
        }
        return out
    }

    static func acledValue(_ column: String, _ dice: inout SplitMix64) -> String {
        let rare = dice.chance(percent: 15)
        switch column {
        case "event_id_cnty": return rare ? dice.pick(ids) : "MLI\(dice.below(400))"
        case "event_date": return rare ? dice.pick(dates) : "2023-08-\(10 + dice.below(19))"
        case "actor1", "actor2": return dice.pick(actors)
        case "assoc_actor_1", "assoc_actor_2": return dice.chance(percent: 60) ? "" : dice.pick(actors)
        case "event_type": return dice.pick(types)
        case "sub_event_type":
            // A third of the rows: a change of hands (the fast path names the first actor as holder) or a near miss.
            if dice.chance(percent: 35) { return dice.pick(controlSubEvents) }
            return dice.chance(percent: 50) ? "Armed clash" : dice.pick(texts)
        case "location", "admin1", "admin2", "source": return dice.chance(percent: 20) ? "" : dice.pick(texts)
        case "latitude": return rare ? dice.pick(numbers) : "16.\(dice.below(9999))"
        case "longitude": return rare ? dice.pick(numbers) : "-0.\(dice.below(9999))"
        case "fatalities": return rare ? dice.pick(counts) : String(dice.below(30))
        case "geo_precision", "time_precision": return rare ? dice.pick(precisions) : String(1 + dice.below(3))
        case "notes": return dice.chance(percent: 30) ? "" : (0..<dice.inRange(1...4)).map { _ in dice.pick(texts) }.joined(separator: " ")
        default: return "x"
        }
    }

    static func ucdpValue(_ column: String, _ dice: inout SplitMix64) -> String {
        let rare = dice.chance(percent: 15)
        switch column {
        case "id": return rare ? dice.pick(ids) : String(400_000 + dice.below(400))
        case "date_start": return rare ? dice.pick(dates) : "2023-08-\(10 + dice.below(19)) 00:00:00.000"
        case "side_a", "side_b": return dice.pick(actors)
        case "type_of_violence": return rare ? dice.pick(violence) : String(1 + dice.below(3))
        case "best": return rare ? dice.pick(counts) : String(dice.below(30))
        case "source_headline", "where_description": return dice.chance(percent: 30) ? "" : dice.pick(texts) + " " + dice.pick(texts)
        case "where_coordinates", "adm_1", "adm_2", "source_original": return dice.chance(percent: 20) ? "" : dice.pick(texts)
        case "latitude": return rare ? dice.pick(numbers) : "16.\(dice.below(9999))"
        case "longitude": return rare ? dice.pick(numbers) : "-0.\(dice.below(9999))"
        case "where_prec": return rare ? dice.pick(precisions) : String(1 + dice.below(7))
        case "date_prec": return rare ? dice.pick(precisions) : String(1 + dice.below(5))
        default: return "y"
        }
    }

    /// `text` read in one block as format `F` reads it.
    static func output<F: CSVTableFormat>(_ text: String, as: F.Type) -> CSVBlockOutput {
        var splitter = LineSplitter()
        var block = LineBlock()
        splitter.feed(Array(text.utf8), into: &block)
        for i in 0..<block.count { block.lines[i].number = i + 1 }
        var reader = CSVTableReader<F>(builder: IncidentBuilder(), maxRecordBytes: 1 << 20)
        return reader.decode(block, 0..<block.count, file: "f.csv")
    }

    static func decode<F: CSVTableFormat>(_ text: String, as: F.Type) -> (records: [ParsedRecord], fast: Int) {
        let out = output(text, as: F.self)
        let fast = out.segments.reduce(0) { $0 + $1.records.filter { !$0.flags.contains(.full) }.count }
        return (out.records, fast)
    }

    /// Records the fast path packed with a holder.
    static func fastHolders(_ text: String) -> Int {
        output(text, as: ACLEDFormat.self).segments.reduce(0) {
            $0 + $1.records.filter { !$0.flags.contains(.full) && $0.control != 0 }.count
        }
    }

    /// Records the fast path gave against the general path's, one by one; the first few that
    /// differ are recorded as issues.
    static func expectSame(_ got: [ParsedRecord], _ want: [ParsedRecord]) {
        #expect(got.count == want.count)
        var shown = 0
        for (g, w) in zip(got, want) {
            switch (g, w) {
            case (.incident(let a), .incident(let b)) where a == b: continue
            case (.bad(let a), .bad(let b)) where a == b: continue
            default:
                if shown < 3 { Issue.record("fast path gave \(g), general path \(w)") }
                shown += 1
            }
        }
    }

    static func agree<F: CSVTableFormat>(_ text: String, _ format: F.Type) {
        let (got, fast) = decode(text, as: F.self)
        let (want, _) = decode(text, as: GeneralOnly<F>.self)
        expectSame(got, want)
        let incidents = want.filter { if case .incident = $0 { true } else { false } }.count
        // Most good records must have taken the fast path, or this test proves little.
        #expect(fast > incidents / 8, "only \(fast) of \(incidents) incidents took the fast path")
        #expect(incidents > 500 && want.count - incidents > 200 && fast > 400)
    }

    @Test func acledFastPathAgreesWithTheGeneralPath() {
        let columns = ACLEDDecoderTests.header.split(separator: ",").map(String.init)
        let text = Self.text(columns, rows: 6000, seed: 13, values: Self.acledValue)
        Self.agree(text, ACLEDFormat.self)
        // Changes of hands are compared too (`Incident.control`), and most took the fast path.
        let holders = Self.fastHolders(text)
        #expect(holders > 150, "only \(holders) changes of hands were packed")
    }

    @Test func ucdpFastPathAgreesWithTheGeneralPath() {
        Self.agree(Self.text(UCDPDecoderTests.columns, rows: 6000, seed: 14, values: Self.ucdpValue), UCDPFormat.self)
    }
}
