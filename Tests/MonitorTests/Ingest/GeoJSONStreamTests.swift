import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// GeoJSON read through `SourceReader`, cut by `GeoJSONFramer`: a FeatureCollection loads feature
/// by feature whatever its line structure, and one bad feature costs only itself.
@Suite struct GeoJSONStreamTests {
    /// Feature `i` as compact JSON.
    static func feature(_ i: Int) -> String {
        let lon = -3.0 + Double(i % 50) * 0.1, lat = 15.0 + Double(i % 70) * 0.1
        return #"{"type":"Feature","geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]},"properties":{"id":"f-\#(i)","time":"2023-08-\#(10 + i % 18)T08:30:00Z","actors":["FAMA","JNIM"],"place":"Ber","type":"battle","fatalities":\#(i % 7),"summary":"Feature number \#(i), with \"quotes\" and a comma","source":"AFP"}}"#
    }

    static func collection(_ features: [String], separator: String = ",", lead: String = "", tail: String = "") -> String {
        #"{"type":"FeatureCollection","name":"test",\#(lead)"features":["# + features.joined(separator: separator) + "]" + tail + "}"
    }

    /// The same collection pretty-printed, as `json.dump(..., indent=2)` writes it.
    static func pretty(_ features: [String]) -> String {
        var out = "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n"
        out += features.map { f in
            "    " + f.replacingOccurrences(of: #"{"type":"Feature","#, with: "{\n      \"type\": \"Feature\",\n      ")
                .replacingOccurrences(of: #","properties":{"#, with: ",\n      \"properties\": {\n        ")
                .replacingOccurrences(of: #","source":"AFP"}}"#, with: ",\n        \"source\": \"AFP\"\n      }\n    }")
        }.joined(separator: ",\n")
        return out + "\n  ]\n}\n"
    }

    static func read(_ text: String, name: String = "test.geojson") -> (incidents: [Incident], bad: [BadLine]) {
        let dir = Fixtures.TempDir()
        let path = dir.file(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return readAll(path)
    }

    static func readAll(_ path: String, budget: Int = 8 << 20) -> (incidents: [Incident], bad: [BadLine]) {
        let reader = SourceReader(index: 0, path: path, displayName: (path as NSString).lastPathComponent) { path, first in
            FormatChoice.decoder(forced: nil, path: path, firstLine: first)
        }
        var incidents: [Incident] = []
        var bad: [BadLine] = []
        var more = true
        while more {
            let (batch, cut) = reader.poll(budget: budget)
            incidents += batch.incidents
            bad += batch.badLines
            more = cut
        }
        return (incidents, bad)
    }

    /// What is compared across layouts: everything but where in the file an incident was.
    static func content(_ incidents: [Incident]) -> [String] {
        incidents.map { i in "\(i.id ?? "-")|\(i.time)|\(i.location.map { "\($0.lat),\($0.lon)" } ?? "-")|\(i.actors)|\(i.summary)|\(i.fatalities ?? -1)" }
    }

    @Test func everyLayoutOfACollectionLoadsTheSameIncidentsAsTheSequence() {
        let features = (0..<5000).map(Self.feature)
        let sequence = Self.read(features.joined(separator: "\n") + "\n", name: "seq.geojsonseq")
        #expect(sequence.incidents.count == 5000 && sequence.bad.isEmpty)
        let layouts = [
            "one a line": Self.collection(features, separator: ",\n") + "\n",
            "pretty-printed": Self.pretty(features),
            // Over 1 MiB on one line, without a final newline, as json.dump writes it.
            "compact": Self.collection(features, separator: ", "),
            "wrapper after the features": Self.collection(features, tail: #","bbox":[-4,14,2,25],"crs":{"type":"name"}"#),
        ]
        #expect(Self.collection(features, separator: ", ").utf8.count > LineSplitter.maxLineBytes)
        for (name, text) in layouts {
            let got = Self.read(text)
            #expect(got.bad.isEmpty, "\(name): \(got.bad.prefix(2))")
            #expect(Self.content(got.incidents) == Self.content(sequence.incidents), "\(name)")
        }
    }

    @Test func escapesInsideFeaturesDoNotConfuseTheCut() {
        let escaped = [#"a \u0041BCDEFGHIJ ] } b"#, #"tab\tand newline\n and slash\\"#, #"quote \" ] \\\" } end"#, #"\\"#,
                       #"\u00e9\u00e9\u00e9\u00e9 é"#]
        let features = escaped.enumerated().map { i, text in
            Self.feature(i).replacingOccurrences(of: #""source":"AFP""#, with: #""source":"AFP","note":""# + text + "\"")
        }
        for text in [Self.collection(features, separator: ", "), Self.collection(features, separator: ",\n"), Self.pretty(features)] {
            let got = Self.read(text)
            #expect(got.bad.isEmpty, "\(got.bad)")
            #expect(got.incidents.map(\.id) == (0..<escaped.count).map { "f-\($0)" })
        }
    }

    @Test func compactCollectionReadInSmallPollsStillLoadsEveryFeature() {
        let features = (0..<3000).map(Self.feature)
        let dir = Fixtures.TempDir()
        let path = dir.file("compact.json")
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.collection(features).utf8))
        let got = Self.readAll(path, budget: 64 << 10)
        #expect(got.bad.isEmpty)
        #expect(got.incidents.count == 3000)
        #expect(got.incidents.allSatisfy { $0.origin.line == 1 })
        // Each feature's offset is where its own text starts, for the detail view.
        #expect(got.incidents.dropFirst().first?.origin.offset.map { $0 > 100 } == true)
    }

    @Test func aFeatureOfACompactCollectionIsReadAgainAlone() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("compact.geojson")
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.collection((0..<10).map(Self.feature)).utf8))
        let got = Self.readAll(path)
        let fifth = try #require(got.incidents.first { $0.id == "f-5" })
        let offset = try #require(fifth.origin.offset)
        #expect(SourceLineReader.read(path: path, offset: offset, id: "f-5") == .line(Self.feature(5), cut: false))
        // A compressed file's offsets are not the file's: it says so instead of showing other bytes.
        try CompressedSourceTests.gzip(Self.collection((0..<10).map(Self.feature)), to: path + ".gz")
        #expect(SourceLineReader.read(path: path + ".gz", offset: offset, id: "f-5") == .unavailable("a compressed file's lines are not read again"))
    }

    @Test func aPropertyNested512DeepDropsOnlyItsFeature() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let broken = Self.feature(1).replacingOccurrences(of: #""source":"AFP""#, with: #""source":"AFP","deep":\#(deep)"#)
        for separator in [",\n", ","] {
            let text = Self.collection([Self.feature(0), broken, Self.feature(2)], separator: separator) + "\n"
            let got = Self.read(text)
            #expect(got.incidents.map(\.id) == ["f-0", "f-2"])
            #expect(got.bad.count == 1)
            #expect(got.bad.first?.reason.contains("invalid JSON") == true)
            #expect(got.bad.first?.origin.line == (separator == "," ? 1 : 2))
            #expect(got.bad.first?.origin.file == "test.geojson")
        }
    }

    @Test func aFeatureThatLostItsClosingBracketCostsOnlyItself() {
        var features = (0..<6).map(Self.feature)
        features[2] = String(features[2].dropLast())
        let got = Self.read(Self.collection(features, separator: ",\n") + "\n")
        #expect(got.incidents.map(\.id) == ["f-0", "f-1", "f-3", "f-4", "f-5"])
        #expect(got.bad.count == 1 && got.bad.first?.origin.line == 3)
    }

    @Test func aBrokenSequenceLineCostsOnlyItself() {
        let lines = [Self.feature(0), String(Self.feature(1).dropLast()), "not json", Self.feature(3)]
        let got = Self.read(lines.joined(separator: "\n") + "\n", name: "s.geojsonseq")
        #expect(got.incidents.map(\.id) == ["f-0", "f-3"])
        #expect(got.bad.map(\.origin.line) == [2, 3])
    }

    @Test func aFeatureOverOneMiBIsOneBadRecordAndTheOthersLoad() {
        let huge = Self.feature(1).replacingOccurrences(of: #""source":"AFP""#,
                                                          with: #""source":"AFP","blob":""# + String(repeating: "x", count: 1_200_000) + "\"")
        for separator in [",\n", ", "] {
            let got = Self.read(Self.collection([Self.feature(0), huge, Self.feature(2)], separator: separator))
            #expect(got.incidents.map(\.id) == ["f-0", "f-2"])
            #expect(got.bad.count == 1 && got.bad.first?.reason.hasPrefix("line longer than 1 MiB") == true)
        }
    }

    @Test func textBetweenDocumentsIsReportedAndWhatFollowsLoads() {
        let text = Self.collection([Self.feature(0)], separator: ",\n") + "\n] stray\n"
            + "{\n" + #""type":"FeatureCollection","features":["# + "\n" + Self.feature(1) + "\n]}\n"
        let got = Self.read(text)
        #expect(got.incidents.map(\.id) == ["f-0", "f-1"])
        #expect(got.bad.map(\.origin.line) == [2])
    }

    @Test func aCollectionStillBeingWrittenLoadsItsFeaturesAsTheyArrive() {
        let dir = Fixtures.TempDir()
        let path = dir.file("growing.geojson")
        _ = FileManager.default.createFile(atPath: path, contents: Data(("{\"type\":\"FeatureCollection\",\"features\":[\n" + Self.feature(0) + ",\n" + Self.feature(1)).utf8))
        let reader = SourceReader(index: 0, path: path, displayName: "growing.geojson") { path, first in
            FormatChoice.decoder(forced: nil, path: path, firstLine: first)
        }
        #expect(reader.poll().batch.incidents.map(\.id) == ["f-0", "f-1"])
        Fixtures.append(",\n" + Self.feature(2) + "\n]}\n", to: path)
        let later = reader.poll().batch
        #expect(later.incidents.map(\.id) == ["f-2"] && later.badLines.isEmpty)
    }

    /// A sequence's lines are cut by the reader itself once it is known to be one; a file then
    /// replaced by a collection is framed again from its start, feature by feature.
    @Test func aSequenceReplacedByACollectionIsFramedAgain() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("replaced.geojson")
        _ = FileManager.default.createFile(atPath: path, contents: Data(((0..<3).map(Self.feature).joined(separator: "\n") + "\n").utf8))
        let reader = SourceReader(index: 0, path: path, displayName: "replaced.geojson") { path, first in
            FormatChoice.decoder(forced: nil, path: path, firstLine: first)
        }
        #expect(reader.poll().batch.incidents.map(\.id) == ["f-0", "f-1", "f-2"])
        Fixtures.append(Self.feature(3) + "\n", to: path)
        #expect(reader.poll().batch.incidents.map(\.id) == ["f-3"])
        // Shorter than what was read: truncated and rewritten, read again from the top.
        let compact = Self.collection((10..<14).map(Self.feature))
        try Data(compact.utf8).write(to: URL(fileURLWithPath: path))
        let again = reader.poll().batch
        #expect(again.incidents.map(\.id) == ["f-10", "f-11", "f-12", "f-13"])
        #expect(again.badLines.isEmpty)
    }

    /// Random damage to one feature line of a collection: nothing crashes, and every other
    /// feature still loads; the damaged one is an incident or a counted bad record.
    @Test func randomDamageNeverCrashesAndCostsAtMostTheDamagedFeature() {
        var dice = SplitMix64(seed: 1952)
        let count = 12
        let features = (0..<count).map(Self.feature)
        for round in 0..<300 {
            var lines = features.map { Array($0.utf8) }
            let hit = dice.below(count)
            for _ in 0..<(1 + dice.below(3)) { lines[hit] = PackedDecoderTests.mutate(lines[hit], &dice) }
            let text = Self.collection(lines.map { String(decoding: $0, as: UTF8.self) }, separator: ",\n") + "\n"
            let got = Self.read(text)
            let others = Set(features.indices.filter { $0 != hit }.map { "f-\($0)" })
            let ids = Set(got.incidents.compactMap(\.id))
            #expect(others.isSubset(of: ids), "round \(round): lost \(others.subtracting(ids)) of \(text)")
            #expect(got.incidents.count + got.bad.count >= count, "round \(round): \(got.bad)")
        }
    }

    /// The framer cuts the same records whatever size the reads come in.
    @Test func recordsDoNotDependOnHowTheBytesArrive() {
        let text = Array((Self.pretty((0..<40).map(Self.feature)) + Self.collection((40..<80).map(Self.feature)) + "\n"
            + (80..<120).map(Self.feature).joined(separator: "\n") + "\n").utf8)
        func cut(_ sizes: inout SplitMix64?) -> [String] {
            var framer = GeoJSONFramer()
            var block = LineBlock()
            var at = 0
            while at < text.count {
                let size = sizes.map { d -> Int in var d = d; defer { sizes = d }; return 1 + d.below(300) } ?? text.count
                let end = min(text.count, at + size)
                text[at..<end].withUnsafeBytes { framer.feed(raw: $0, into: &block) }
                at = end
            }
            framer.finish(into: &block)
            return (0..<block.count).map { "\(block.lines[$0].number)@\(block.lines[$0].offset):" + String(decoding: block.array($0), as: UTF8.self) }
        }
        var whole: SplitMix64? = nil
        let expected = cut(&whole)
        #expect(expected.count == 120)
        for seed in 1...20 {
            var random: SplitMix64? = SplitMix64(seed: UInt64(seed))
            #expect(cut(&random) == expected, "seed \(seed)")
        }
    }
}
