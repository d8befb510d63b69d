import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// The JSON Lines fast path (`PackedLineDecoder`) must give, line for line, what the general
/// parser gives: the same incidents (every field), the same bad lines (reason, line, excerpt) and
/// the same retractions. Random lines mix the spellings, escapes, odd values and hostile text the
/// fast path has to either handle exactly or hand to the parser.
@Suite struct PackedDecoderTests {

    // JSON fragments, written as they appear in a line (escapes included).
    static let times = [#""2023-08-13T08:30:00Z""#, #""2023-08-13""#, #""2024-02-29T23:59:60+01:00""#, #""2023-13-01""#,
                        #""\u0032023-08-13""#, "17", "null", #""2023-08-13 08:30""#, #""2023-08-13T08:30:00.123-05:30  ""#]
    static let texts = [#""Gao""#, #""Ménaka""#, #"" Kidal ""#, #""Tombouctou""#, #""""#, #""caf\u00e9""#, #""e\u0301x""#,
                        #""\u202Eevil""#, #""tab\there""#, #""x \u0301""#, #"" \u0301y""#, "42", "null", "true", #"["a"]"#,
                        #""Gourma Rharous""#, #""Timbuktu ""#, #""\u0600 ""#, #""  ""#, #""a\u0000b""#, #""Ber\r\n""#,
                        #""Q\"uote""#, #""Nowhere-town""#, #""ÉLAN""#]
    static let actorNames = [#""FAMA""#, #""Wagner""#, #""JNIM""#, #""jnim""#, #""Military Forces of Mali (2021-)""#,
                             #""MSA""#, #""Dan Na Ambassagou""#, #""  GATIA ""#, #""""#, #""   ""#, "1", "null",
                             #""A; B""#, #""\u0046AMA""#, #""Caf\u00e9 group""#, #""Cafe\u0301 group""#, #""x\u200By""#,
                             #""Civilians""#, #""IS Sahel""#, #""CMA""#, #""MINUSMA""#, #""Other""#, #""bandits;""#,
                             #""e\u0301\u0301\u0301""#, #""\u001b[31m""#]
    static let numbers = ["16.8349", "-2.5319", "0", "-0", "1e1", "123.4", "-190", #""16.8""#, "null", "1.5e-7",
                          "17.000000000000000001", "90", "-180", "true"]
    static let fatalities = ["0", "3", "12", "3.5", "-3", "1e9", "999999999", "null", #""3""#, "-0", "2.0", "1e2"]
    static let summaries = [#""Army takes over the Ber camp""#, #""Quote \"inside\" here""#, #""line\nbreak""#,
                            #""Accentué à Ménaka""#, #""  padded  ""#, #""e\u0301\u0301\u0301 marks""#,
                            #""\u202Ebidi\u202C""#, #""bell \u0007""#, #""ends in é ""#, #"" \u0301starts""#,
                            #""x\u0600 ""#, #""""#, "7", "null", #""tab\tin""#, #""\u00e9t\u00e9""#, #""\ud83d\ude00 smile""#, "\"raw DEL \u{7F} byte\"",
                            #""C1 \u0085 control""#, #""del \u007f""#, #""zero\u200Bwidth""#, #""日本語のテキスト""#]
    static let ids = [#""ber-2023-08-13""#, #""caf\u00e9-1""#, #""cafe\u0301-1""#, #""""#, "42", "null", #""K""#,
                      #""\u212A""#, #""Ω""#, #""\u2126""#, #""id with spaces ""#, "\"del\u{7F}id\"", #""x\u0000y""#, "false"]
    static let types = [#""battle""#, #""Battles""#, #""  riot ""#, #""Explosions/Remote violence""#, #""weird""#,
                        "null", "5", #""Violence against civilians""#, #""STRATEGIC DEVELOPMENTS""#, #""protest\n""#]

    static func actors(_ dice: inout SplitMix64) -> String {
        switch dice.below(10) {
        case 0: return dice.pick(actorNames)
        case 1: return "null"
        case 2: return "[]"
        case 3: return "7"
        case 4: return "[" + (0..<9).map { _ in dice.pick([#""FAMA""#, #""Wagner""#, #""CMA""#, #""JNIM""#, #""IS Sahel""#,
                                                                #""MINUSMA""#, #""Civilians""#, #""Other""#, #""Y""#]) }
                .joined(separator: ",") + "]"
        default: return "[" + (0..<dice.below(6)).map { _ in dice.pick(actorNames) }.joined(separator: ", ") + "]"
        }
    }

    static func line(_ dice: inout SplitMix64) -> String {
        if dice.chance(percent: 2) { return dice.pick(["", "   ", "\t", "[1,2]", "\"text\"", "{}", "{\"id\": \"e1\", \"retract\": true}",
                                              "{\"id\": \"e2\", \"retract\": \"yes\"}", "{\"retract\": true}", "nope"]) }
        var fields: [(String, String)] = []
        if !dice.chance(percent: 3) { fields.append(("time", dice.chance(percent: 80) ? times[0] : dice.pick(times))) }
        if !dice.chance(percent: 3) { fields.append(("actors", actors(&dice))) }
        if dice.chance(percent: 80) { fields.append(("lat", dice.chance(percent: 80) ? "16.2717" : dice.pick(numbers))) }
        if dice.chance(percent: 80) { fields.append(("lon", dice.chance(percent: 80) ? "-0.0447" : dice.pick(numbers))) }
        if dice.chance(percent: 85) { fields.append(("place", dice.pick(texts))) }
        if dice.chance(percent: 80) { fields.append(("id", dice.chance(percent: 50) ? "\"e\(dice.below(300))\"" : dice.pick(ids))) }
        if dice.chance(percent: 80) { fields.append(("type", dice.pick(types))) }
        if dice.chance(percent: 80) { fields.append(("fatalities", dice.chance(percent: 70) ? "\(dice.below(40))" : dice.pick(fatalities))) }
        if dice.chance(percent: 90) { fields.append(("summary", dice.pick(summaries))) }
        if dice.chance(percent: 80) { fields.append(("source", dice.pick(texts))) }
        if dice.chance(percent: 3) { fields.append(("retract", dice.pick(["true", "false", "null", "1"]))) }
        if dice.chance(percent: 5) { fields.append(("extra", dice.pick(["{\"a\": [1, {\"b\": null}]}", "[]", "\"x\"", "-1.5e3"]))) }
        if dice.chance(percent: 4), let again = fields.first { fields.append(again.0 == "time" ? ("time", dice.pick(times)) : again) }
        if dice.chance(percent: 3) { fields.append(("ti\\u006de", dice.pick(times))) }
        // Shuffle: the order of keys must not matter.
        for i in stride(from: fields.count - 1, to: 0, by: -1) { fields.swapAt(i, dice.below(i + 1)) }
        var text = "{" + fields.map { "\"\($0.0)\"\(dice.chance(percent: 10) ? " : " : ":")\($0.1)" }.joined(separator: ",") + "}"
        if dice.chance(percent: 4) { text = " " + text + "  " }
        return text
    }

    /// Damages some lines byte-wise (invalid JSON, invalid UTF-8, NUL), as files sometimes are.
    static func mutate(_ bytes: [UInt8], _ dice: inout SplitMix64) -> [UInt8] {
        var b = bytes
        guard !b.isEmpty else { return b }
        switch dice.below(5) {
        case 0: b[dice.below(b.count)] = UInt8(dice.below(256))
        case 1: b.removeLast(min(b.count, 1 + dice.below(10)))
        case 2: b.insert(dice.pick([0x00, 0xFF, 0xC3, 0x22, 0x5C, 0x0D]), at: dice.below(b.count))
        case 3: b.remove(at: dice.below(b.count))
        default: b[dice.below(b.count)] = 0xE9
        }
        return b.filter { $0 != 0x0A }
    }

    /// Expected results from the general parser, line by line.
    static func expected(_ lines: [[UInt8]], file: String) -> (incidents: [Incident], bad: [BadLine], retractions: [String]) {
        var decoder = JSONLDecoder()
        var incidents: [Incident] = []
        var bad: [BadLine] = []
        var retractions: [String] = []
        let offsets = Self.offsets(lines)
        for (i, line) in lines.enumerated() {
            for record in decoder.decode(line: line, number: i + 1, offset: offsets[i], file: file) {
                switch record {
                case .incident(let incident): incidents.append(incident)
                case .retraction(let id, _): retractions.append(id)
                case .bad(let b): bad.append(b)
                }
            }
        }
        return (incidents, bad, retractions)
    }

    static func block(_ lines: [[UInt8]]) -> LineBlock {
        var block = LineBlock()
        let offsets = offsets(lines)
        for (i, line) in lines.enumerated() {
            line.withUnsafeBytes { block.append(line: $0) }
            block.lines[i].number = i + 1
            block.lines[i].offset = offsets[i]
        }
        return block
    }

    /// Where each line starts in a file of these lines, each ended by LF (from 5 GiB, so offsets
    /// past 32 bits are exercised too).
    static func offsets(_ lines: [[UInt8]]) -> [Int64] {
        var at: Int64 = 5 << 30
        return lines.map { line in
            defer { at += Int64(line.count + 1) }
            return at
        }
    }

    static func randomLines(seed: UInt64, count: Int) -> [[UInt8]] {
        var dice = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let bytes = Array(line(&dice).utf8)
            return dice.chance(percent: 8) ? mutate(bytes, &dice) : bytes
        }
    }

    @Test func agreesWithTheParserOnRandomLines() {
        let lines = Self.randomLines(seed: 2023, count: 30_000)
        let want = Self.expected(lines, file: "random.jsonl")
        let block = Self.block(lines)
        let decoder = PackedLineDecoder(parser: JSONLineParser())
        // Several segments through one context: remembered spellings must carry over correctly.
        var context = PackedDecodeContext()
        var incidents: [Incident] = []
        var bad: [BadLine] = []
        var retractions: [String] = []
        var fast = 0
        var fastUnknownFatalities = 0
        var fastWritten = 0
        var start = 0
        for size in [1, 2, 997, 4096, 9000, 30_000] where start < lines.count {
            let range = start..<min(lines.count, start + size)
            let out = decoder.decode(block, range, file: "random.jsonl", context: &context)
            for i in out.segment.records.indices {
                incidents.append(out.segment.incident(i))
                let flags = out.segment.records[i].flags
                if !flags.contains(.full) { fast += 1 }
                if !flags.contains(.full), flags.contains(.fatalitiesUnknown) { fastUnknownFatalities += 1 }
                if !flags.contains(.full), !out.segment.incident(i).writtenActors.isEmpty { fastWritten += 1 }
            }
            bad += out.badLines
            retractions += out.retractions
            start = range.upperBound
        }
        #expect(incidents.count == want.incidents.count)
        for (got, expected) in zip(incidents, want.incidents) where got != expected {
            Issue.record("line \(expected.origin.line): fast path gave \(got), parser \(expected)")
            break
        }
        #expect(incidents == want.incidents)
        #expect(bad == want.bad)
        #expect(retractions == want.retractions)
        // Most good lines must have taken the fast path, or this test proves little.
        #expect(fast > want.incidents.count / 2, "only \(fast) of \(want.incidents.count) incidents took the fast path")
        #expect(want.incidents.count > 5_000 && want.bad.count > 5_000)
        // Unknown counts (no field, null) and known zeros both occur, and the fast path takes unknown ones.
        #expect(want.incidents.contains { $0.fatalities == nil } && want.incidents.contains { $0.fatalities == 0 })
        #expect(fastUnknownFatalities > 500, "only \(fastUnknownFatalities) unknown counts took the fast path")
        // Names written otherwise than as keys, and lines of keys only, both occur; the fast path keeps the former.
        #expect(want.incidents.contains { $0.writtenActors.isEmpty } && want.incidents.contains { !$0.writtenActors.isEmpty })
        #expect(fastWritten > 500, "only \(fastWritten) lines with names as written took the fast path")
        #expect(incidents.allSatisfy { $0.origin.offset != nil })
    }

    @Test func namesAsWrittenOnTheFastPathAndInTheStore() {
        let lines = [
            #"{"time":"2023-09-01","actors":["Katiba Macina","Military Forces of Mali (2021-)","FAMA","Some Militia"]}"#,
            #"{"time":"2023-09-01","actors":["FAMA","Wagner"]}"#,
            #"{"time":"2023-09-01","actors":["Some Militia","Katiba Macina","Military Forces of Mali (2021-)","FAMA"]}"#,
            #"{"time":"2023-09-01","actors":["Katiba Macina","Military Forces of Mali (2021-)","FAMA","Some Militia"]}"#,
        ].map { Array($0.utf8) }
        var context = PackedDecodeContext()
        let out = PackedLineDecoder(parser: JSONLineParser()).decode(Self.block(lines), 0..<4, file: "f", context: &context)
        #expect(out.segment.records.allSatisfy { !$0.flags.contains(.full) })
        let other = ActorRegistry.northernMali.otherID
        let first = [WrittenActor(name: "Katiba Macina", actor: 3), WrittenActor(name: "Military Forces of Mali (2021-)", actor: 0),
                     WrittenActor(name: "FAMA", actor: 0), WrittenActor(name: "Some Militia", actor: other)]
        #expect(out.segment.incident(0).writtenActors == first)
        #expect(out.segment.incident(0).unknownActorNames == ["Some Militia"])
        #expect(out.segment.incident(1).writtenActors.isEmpty)
        #expect(out.segment.incident(2).writtenActors.map(\.name) == ["Some Militia", "Katiba Macina", "Military Forces of Mali (2021-)", "FAMA"])
        #expect((0..<4).map { out.segment.incident($0) } == Self.expected(lines, file: "f").incidents)
        // Keys only: no text at all; the same names in the same order: one text.
        #expect(out.segment.records[1].actorNames == 0)
        #expect(out.segment.records[0].actorNames == out.segment.records[3].actorNames)
        var store = IncidentStore(actorCount: 8)
        var batch = IngestBatch(source: 0, status: .following)
        batch.packed.append(out.segment)
        store.insert(contentsOf: batch) { _ in }
        #expect(store.incident(0).writtenActors == first)
        #expect(store.incident(0).unknownActorNames == ["Some Militia"])
        #expect(store.incident(1).writtenActors.isEmpty)
        // Text search reads the unknown names alone.
        #expect(store.searchText(store[0].actorNames) == "Some Militia")
    }

    @Test func unreportedFatalitiesAreUnknownOnTheFastPath() {
        let lines = [
            #"{"time":"2023-09-01","actors":["FAMA"]}"#,
            #"{"time":"2023-09-01","actors":["FAMA"],"fatalities":null}"#,
            #"{"time":"2023-09-01","actors":["FAMA"],"fatalities":0}"#,
            #"{"time":"2023-09-01","actors":["FAMA"],"fatalities":7}"#,
        ].map { Array($0.utf8) }
        var context = PackedDecodeContext()
        let out = PackedLineDecoder(parser: JSONLineParser()).decode(Self.block(lines), 0..<4, file: "f", context: &context)
        #expect(out.segment.records.allSatisfy { !$0.flags.contains(.full) })
        #expect((0..<4).map { out.segment.incident($0).fatalities } == [nil, nil, 0, 7])
        #expect((0..<4).map { out.segment.incident($0) } == Self.expected(lines, file: "f").incidents)
        var store = IncidentStore(actorCount: 8)
        var batch = IngestBatch(source: 0, status: .following)
        batch.packed.append(out.segment)
        store.insert(contentsOf: batch) { _ in }
        #expect((0..<4).map { store.incident(IncidentStore.Slot($0)).fatalities } == [nil, nil, 0, 7])
        // Stored as 0, so sums and the minimum test need no case of their own.
        #expect((0..<4).map { store[IncidentStore.Slot($0)].fatalities } == [0, 0, 0, 7])
    }

    @Test func generatedBenchmarkLinesAllTakeTheFastPath() {
        let lines = [
            #"{"id":"gao-20230101-0","time":"2023-01-01T00:00:02Z","place":"Gao","lat":16.2662,"lon":-0.1272,"actors":["FAMA","Wagner","JNIM"],"type":"battle","fatalities":9,"summary":"FAMA and JNIM clash near Gao, 9 killed","source":"Kibaru"}"#,
            #"{"id":"menaka-20230102-1jl","time":"2023-01-02","place":"Ménaka","lat":15.9006,"lon":2.4793,"actors":["FAMA","Wagner","IS Sahel"],"type":"battle","fatalities":0,"summary":"Heavy fighting between FAMA and IS Sahel at Ménaka; humanitarian access cut","source":"RFI"}"#,
            #"{"id":"tin-essako-20230102-1jk","time":"2023-01-02T11:05:59Z","place":"Tin-Essako","actors":["FAMA","Dan Na Ambassagou","JNIM"],"type":"battle","fatalities":12,"summary":"Villagers say \"they came at night\"","source":"CMA spokesman"}"#,
        ].map { Array($0.utf8) }
        var context = PackedDecodeContext()
        let out = PackedLineDecoder(parser: JSONLineParser()).decode(Self.block(lines), 0..<3, file: "f", context: &context)
        #expect(out.segment.records.count == 3)
        #expect(out.segment.records.allSatisfy { !$0.flags.contains(.full) })
        #expect((0..<3).map { out.segment.incident($0) } == Self.expected(lines, file: "f").incidents)
    }

    /// Inserting the packed records gives the store what inserting the parser's incidents gives.
    @Test func storeTakesPackedRecordsAsItTakesIncidents() {
        let lines = Self.randomLines(seed: 7, count: 8_000)
        let want = Self.expected(lines, file: "s.jsonl")
        var context = PackedDecodeContext()
        var batch = IngestBatch(source: 0, status: .following)
        let block = Self.block(lines)
        for range in [0..<3000, 3000..<8000] {
            batch.packed.append(PackedLineDecoder(parser: JSONLineParser()).decode(block, range, file: "s.jsonl", context: &context).segment)
        }
        var packed = IncidentStore(actorCount: 8)
        var changes: [IncidentStore.Change] = []
        packed.insert(contentsOf: batch) { changes.append($0) }
        var plain = IncidentStore(actorCount: 8)
        let plainChanges = want.incidents.map { plain.insert($0) }
        #expect(changes == plainChanges)
        #expect(packed.timeOrder == plain.timeOrder)
        #expect(packed.actorCounts == plain.actorCounts)
        #expect(packed.revisions == plain.revisions && packed.revisions > 0)
        #expect(packed.records.count == plain.records.count)
        for slot in plain.records.indices.map(IncidentStore.Slot.init) {
            let a = packed[slot], b = plain[slot]
            let same = a.isLive == b.isLive && (!a.isLive || (packed.incident(slot) == plain.incident(slot)
                && a.flags.rawValue == b.flags.rawValue && a.lat.bitPattern == b.lat.bitPattern
                && a.lon.bitPattern == b.lon.bitPattern))
            guard same else {
                Issue.record("slot \(slot): packed \(packed.incident(slot)), plain \(plain.incident(slot))")
                break
            }
        }
        for id in Set(want.incidents.compactMap(\.id)) {
            #expect(packed.slot(forID: id) == plain.slot(forID: id))
        }
    }

    @Test func equivalentIDSpellingsHashAlike() {
        #expect(IDHash.of("K") == IDHash.of("\u{212A}"))
        #expect(IDHash.of("caf\u{E9}-1") == IDHash.of("cafe\u{301}-1"))
        #expect(IDHash.of("e1") != IDHash.of("e2"))
        for id in ["", "a", "ber-2023-08-13", "caf\u{E9}", "日本", String(repeating: "x", count: 40)] {
            var copy = id
            #expect(copy.withUTF8 { IDHash.of(bytes: UnsafeRawBufferPointer($0)) } == IDHash.of(id))
        }
    }

    /// Revisions and retractions find an id however it was spelt, through the packed path too.
    @Test func packedLinesReviseEquivalentIDs() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("ids.jsonl")
        let lines = [("K", "first K"), ("\\u212A", "kelvin K"), ("caf\\u00e9-1", "first cafe"), ("cafe\\u0301-1", "second cafe")]
            .map { #"{"id":"\#($0.0)","time":"2023-08-13","actors":["FAMA"],"summary":"\#($0.1)"}"# }
        try (lines.joined(separator: "\n") + "\n{\"id\": \"cafe\\u0301-1\", \"retract\": true}\n").write(toFile: path, atomically: true, encoding: .utf8)
        var state = AppState(sources: [SourceInfo(name: path)])
        let (batch, _) = SourceReader(index: 0, path: path, displayName: "ids").poll()
        #expect(batch.packed.count == 4)
        _ = Reducer().reduce(&state, .ingest(batch))
        #expect(state.store.count == 1)
        #expect(state.store.revisions == 2)
        #expect(state.store.retractions == 1)
        let slot = try #require(state.store.slot(forID: "K"))
        #expect(state.store[slot].summary == "kelvin K")
        #expect(state.store[slot].revision == 1)
    }

    /// Ids sharing a hash stay apart; removals leave the others findable.
    @Test func idIndexKeepsCollidingIDsApart() {
        var index = IDIndex()
        var dice = SplitMix64(seed: 11)
        var live: [Int32: UInt64] = [:]  // slot → hash
        var order: [Int32] = []
        var removed: [(Int32, UInt64)] = []
        var nextSlot: Int32 = 0
        for step in 0..<4_000 {
            if step == 2_000 { index.reserve(10_000) }  // a rebuild half way must keep every entry
            if order.isEmpty || dice.chance(percent: 70) {
                // Many share their low bits (one bucket chain), some share the whole hash.
                let hash = UInt64(dice.below(40)) | (dice.chance(percent: 50) ? 0 : UInt64(dice.below(1 << 20)) << 32)
                index.insert(hash, slot: nextSlot)
                live[nextSlot] = hash
                order.append(nextSlot)
                nextSlot += 1
            } else {
                let slot = order.remove(at: dice.below(order.count))
                index.remove(live[slot] ?? 0, slot: slot)
                removed.append((slot, live[slot] ?? 0))
                live[slot] = nil
            }
        }
        #expect(index.count == live.count)
        for (slot, hash) in live { #expect(index.find(hash) { $0 == slot } == slot) }
        #expect(!removed.isEmpty)
        for (slot, hash) in removed { #expect(index.find(hash) { $0 == slot } == nil) }
    }

    @Test func byteCleanCheckAgreesWithTheStringCheck() {
        let pool: [Unicode.Scalar] = ["a", " ", "~", "\u{7F}", "\u{1B}", "\u{09}", "\u{85}", "\u{A0}", "é", "\u{301}", "\u{302}",
                                      "\u{303}", "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{0600}", "日", "😀", "\u{0903}", "\u{20DD}"]
        var dice = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<dice.below(24) { scalars.append(dice.chance(percent: 60) ? "x" : dice.pick(pool)) }
            var text = String(scalars)
            let byBytes = text.withUTF8 { TextSanitizer.isAlreadyClean(utf8: UnsafeRawBufferPointer($0)) }
            #expect(byBytes == TextSanitizer.isAlreadyClean(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Late reports (earlier than the newest) land where a stable sort by time would put them.
    @Test func timeOrderIsAStableSortByTime() {
        var store = IncidentStore(actorCount: 8)
        var dice = SplitMix64(seed: 3)
        var times: [Int64] = []
        var clock: Int64 = 1_000_000
        for _ in 0..<5_000 {
            clock += Int64(dice.below(100))
            // Mostly in order; some a little late, some a lot, some at an equal time.
            let time = dice.chance(percent: 80) ? clock : dice.chance(percent: 50) ? clock - Int64(dice.below(500)) : Int64(dice.below(Int(clock)))
            times.append(time)
            store.insert(Incident(time: time, actors: [0]))
        }
        let expected = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }.map(IncidentStore.Slot.init)
        #expect(store.timeOrder == expected)
    }

    /// Distinct keys of every length get distinct hashes, spread evenly over the low bits.
    @Test func byteHashSpreadsKeysOfEveryLength() {
        var keys: [[UInt8]] = []
        for i in 0..<60_000 { keys.append(Array("e\(i)".utf8)) }
        for i in 0..<20_000 { keys.append(Array("timbuktu-20230101-\(String(i, radix: 36))".utf8)) }
        for length in 0...40 { keys.append([UInt8](repeating: 0, count: length)) }
        keys.append([0x61])
        keys.append([0x61, 0x00])
        let hashes = keys.map { ByteHash.hash($0) }
        #expect(Set(hashes).count == keys.count)
        var buckets = [Int](repeating: 0, count: 1024)
        for h in hashes { buckets[Int(h & 1023)] += 1 }
        let mean = Double(keys.count) / 1024
        #expect(Double(buckets.max() ?? 0) < mean * 1.6 && Double(buckets.min() ?? 0) > mean * 0.5)
    }

    /// Keys that differ in any one byte, at any length, are told apart; remembered ones are found.
    @Test func byteMemoTellsNearKeysApart() {
        var memo = ByteMemo<Int>(limit: 100_000)
        var keys: [[UInt8]] = []
        for length in 0...40 {
            let base = (0..<length).map { UInt8(0x61 + $0 % 26) }
            keys.append(base)
            for position in 0..<length {
                var changed = base
                changed[position] = 0x5A
                keys.append(changed)
            }
        }
        let stored = keys.enumerated().filter { $0.offset % 2 == 0 }
        for (i, key) in stored { _ = key.withUnsafeBytes { memo.insert(memo.key($0), $0, i) } }
        for (i, key) in keys.enumerated() {
            let found = key.withUnsafeBytes { memo.find(memo.key($0), $0).map { memo[$0] } }
            #expect(found == (i % 2 == 0 ? i : nil), "key \(key)")
        }
    }
}
