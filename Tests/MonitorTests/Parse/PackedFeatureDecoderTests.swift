import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// The GeoJSON fast path (`PackedFeatureDecoder`) must give, feature for feature, what the general
/// decoder gives for a record that stands alone: the same incidents (every field), the same bad
/// records (reason, line, excerpt) and the same retractions. Random features mix the property
/// values of the JSON Lines test with geometries, feature ids, ACLED names and damage.
@Suite struct PackedFeatureDecoderTests {
    typealias Values = PackedDecoderTests

    static let geometries = [
        #"{"type":"Point","coordinates":[-0.0447,16.2717]}"#, #"{"type":"Point","coordinates":[1.4078,18.4411,310]}"#,
        #"{"coordinates":[-3.0074,16.7735],"type":"Point"}"#, #"{"type":"Point","coordinates":[]}"#, "null",
        #"{"type":"Point","coordinates":["1","2"]}"#, #"{"type":"Point","coordinates":[200,16]}"#,
        #"{"type":"Point","coordinates":[1]}"#, #"{"type":"LineString","coordinates":[[0,1],[2,3]]}"#,
        #"{"type":"Poi\u006et","coordinates":[2,15]}"#, #"{"type":"Point"}"#, #""Point""#, "[]", #"{"type":7}"#,
        #"{"type":"Point","coordinates":[-0.0447,16.2717],"type":"Polygon"}"#,
        // The coordinates read in the scan must be the last ones written, or be read afterwards.
        #"{"type":"Point","coordin\u0061tes":[-1.5,14.5]}"#, #"{"type":"Point","coordinates":[-0.0447,16.2717],"coordinates":null}"#,
        #"{"type":"Point","coordinates":[1,2],"coordin\u0061tes":[3,4]}"#, #"{"type":"Point","coordin\u0061tes":[3,4],"coordinates":[5,6]}"#,
        #"{"type":"Point","coordinates":[7,8],"coordinates":[]}"#, #"{"type":"Point","coordinates":[[1,2]]}"#,
    ]
    /// Texts whose ends are not ASCII: kept as they are, or (Unicode spaces, raw or escaped)
    /// trimmed by the general path, which the fast path must leave to it.
    static let unicodeEnds = ["\"Léré\"", "\"Gao\u{A0}\"", #""Gao\u00a0""#, "\"\u{3000}Kidal\"", "\"Kidal\u{2009}\"",
                              "\"communiqué\"", "\"é\"", "\"\u{1680}x\"", "\"日本\"", "\"x\u{FEFF}\"", "\"Ber\u{85}\"",
                              // A space next to a Unicode space: the general path trims both.
                              "\"Gao\u{A0} \"", "\" \u{3000}Kidal\"", "\"Gao \""]
    static let featureIDs = [#""f-1""#, "17", "17.5", "null", #""""#, "true"]
    static let acled = [("event_date", #""13 August 2023""#), ("actor1", #""Military Forces of Mali (2021-)""#),
                        ("location", #""Ber""#), ("notes", #""From the notes""#), ("event_id_cnty", #""MLI123""#),
                        ("event_type", #""Battles""#), ("admin1", #""Timbuktu""#)]

    static func feature(_ dice: inout SplitMix64) -> String {
        if dice.chance(percent: 2) {
            return dice.pick(["", "  ", "[1,2]", "\"text\"", "{}", #"{"type":"Feature"}"#, #"{"id":"e1","retract":true}"#,
                              #"{"type":"FeatureCollection","features":[]}"#, "nope", "\u{1E}"])
        }
        var p: [(String, String)] = []
        if !dice.chance(percent: 3) { p.append(("time", dice.chance(percent: 80) ? Values.times[0] : dice.pick(Values.times))) }
        if !dice.chance(percent: 3) { p.append(("actors", Values.actors(&dice))) }
        // Common values most of the time (real files are mostly plain), the odd ones often enough.
        func often(_ common: String, _ odd: [String]) -> String { dice.chance(percent: 60) ? common : dice.pick(odd) }
        if dice.chance(percent: 85) { p.append(("place", often(#""Gao""#, Values.texts + unicodeEnds))) }
        if dice.chance(percent: 70) { p.append(("id", dice.chance(percent: 50) ? "\"e\(dice.below(300))\"" : dice.pick(Values.ids))) }
        if dice.chance(percent: 80) { p.append(("type", often(#""battle""#, Values.types))) }
        if dice.chance(percent: 80) {
            p.append(("fatalities", dice.chance(percent: 70) ? "\(dice.below(40))" : dice.pick(Values.fatalities)))
        }
        if dice.chance(percent: 90) { p.append(("summary", often(#""Clashes at \"Ber\"""#, Values.summaries + unicodeEnds))) }
        if dice.chance(percent: 80) { p.append(("source", often(#""AFP""#, Values.texts + unicodeEnds))) }
        if dice.chance(percent: 3) { p.append(("retract", dice.pick(["true", "false", "null", "1"]))) }
        if dice.chance(percent: 5) { p.append(dice.pick(acled)) }
        if dice.chance(percent: 4), let again = p.first { p.append(again) }
        for i in stride(from: p.count - 1, to: 0, by: -1) { p.swapAt(i, dice.below(i + 1)) }
        let properties = "{" + p.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"

        var members: [(String, String)] = [("type", dice.chance(percent: 97) ? #""Feature""# : dice.pick([#""Feat""#, "null", #""Featur\u0065""#]))]
        if !dice.chance(percent: 2) {
            members.append(("properties", dice.chance(percent: 98) ? properties : dice.pick(["null", "[]", "\"x\""])))
        }
        if dice.chance(percent: 90) {
            // A key written with an escape is not read in the scan: the geometry is read afterwards.
            members.append((dice.chance(percent: 5) ? "geo\\u006detry" : "geometry",
                            dice.chance(percent: 70) ? geometries[0] : dice.pick(geometries)))
        }
        if dice.chance(percent: 30) { members.append(("id", dice.pick(featureIDs))) }
        if dice.chance(percent: 5) { members.append(("bbox", "[-1,15,1,17]")) }
        // A repeated member: the last one is the feature's, whatever the first held.
        if dice.chance(percent: 3) { members.append(("properties", #"{"time":"2023-08-13","actors":"FAMA"}"#)) }
        if dice.chance(percent: 3) { members.append(("geometry", dice.pick([#"{"type":"Point"}"#, #"{"coordinates":[1,2]}"#, "null"]))) }
        for i in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(i, dice.below(i + 1)) }
        var text = "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ", ") + "}"
        if dice.chance(percent: 3) { text = "\u{1E}" + text }
        if dice.chance(percent: 3) { text = "  " + text + " " }
        return text
    }

    static func randomFeatures(seed: UInt64, count: Int) -> [[UInt8]] {
        var dice = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let bytes = Array(feature(&dice).utf8)
            return dice.chance(percent: 8) ? Values.mutate(bytes, &dice) : bytes
        }
    }

    /// What the general decoder makes of each record on its own.
    static func expected(_ lines: [[UInt8]], file: String) -> (incidents: [Incident], bad: [BadLine], retractions: [String]) {
        let general = GeoJSONDecoder()
        var incidents: [Incident] = []
        var bad: [BadLine] = []
        var retractions: [String] = []
        let offsets = Values.offsets(lines)
        for (i, line) in lines.enumerated() {
            let records = general.record(independent: line, origin: Origin(file: file, line: i + 1))
            for record in ParsedRecord.placed(records, line: i + 1, offset: offsets[i]) {
                switch record {
                case .incident(let incident): incidents.append(incident)
                case .retraction(let id, _): retractions.append(id)
                case .bad(let b): bad.append(b)
                }
            }
        }
        return (incidents, bad, retractions)
    }

    @Test func agreesWithTheGeneralDecoderOnRandomAndDamagedFeatures() {
        let lines = Self.randomFeatures(seed: 8142, count: 30_000)
        let want = Self.expected(lines, file: "random.geojsonseq")
        let block = Values.block(lines)
        let decoder = PackedFeatureDecoder(general: GeoJSONDecoder())
        var context = PackedDecodeContext()
        var incidents: [Incident] = []
        var bad: [BadLine] = []
        var retractions: [String] = []
        var fast = 0
        var start = 0
        for size in [1, 2, 997, 4096, 9000, 30_000] where start < lines.count {
            let range = start..<min(lines.count, start + size)
            let out = decoder.decode(block, range, file: "random.geojsonseq", context: &context)
            for i in out.segment.records.indices {
                incidents.append(out.segment.incident(i))
                if !out.segment.records[i].flags.contains(.full) { fast += 1 }
            }
            bad += out.badLines
            retractions += out.retractions
            start = range.upperBound
        }
        #expect(incidents.count == want.incidents.count)
        for (got, expected) in zip(incidents, want.incidents) where got != expected {
            Issue.record("line \(expected.origin.line): fast path gave \(got), general decoder \(expected)")
            break
        }
        #expect(incidents == want.incidents)
        #expect(bad == want.bad)
        #expect(retractions == want.retractions)
        // Many good features must have taken the fast path, or this test proves little (the odd
        // values are drawn often, so fewer than half can).
        #expect(fast > want.incidents.count / 3, "only \(fast) of \(want.incidents.count) incidents took the fast path")
        #expect(want.incidents.count > 5_000 && want.bad.count > 5_000)
        #expect(want.incidents.contains { $0.locatedByGazetteer } && want.incidents.contains { $0.location == nil })
        #expect(incidents.allSatisfy { $0.origin.offset != nil })
    }

    @Test func aPlainFeatureTakesTheFastPath() {
        let line = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.5319,16.8349]},"properties":{"id":"ber-1","time":"2023-08-13T08:30:00Z","actors":["FAMA","JNIM"],"place":"Ber","type":"battle","fatalities":3,"summary":"Clashes at \"Ber\"","source":"AFP"}}"#
        var context = PackedDecodeContext()
        let out = PackedFeatureDecoder(general: GeoJSONDecoder()).decode(Values.block([Array(line.utf8)]), 0..<1, file: "f", context: &context)
        #expect(out.segment.records.count == 1)
        #expect(out.segment.records.first.map { !$0.flags.contains(.full) } == true)
        let incident = out.segment.incident(0)
        #expect(incident.location == GeoPoint(lat: 16.8349, lon: -2.5319))
        #expect(incident.summary == "Clashes at \"Ber\"" && incident.id == "ber-1" && incident.fatalities == 3)
    }
}
