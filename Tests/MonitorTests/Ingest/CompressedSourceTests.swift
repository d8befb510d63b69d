import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// Compressed files are inflated by the read loop, below every decoder: a `.gz` of any format
/// loads what the plain file loads, is found by its first bytes whatever its name, is read whole
/// and not followed, and a damaged or cut archive keeps what was read before the damage and says
/// where it stopped.
@Suite struct CompressedSourceTests {
    static let acledHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    static func acledRow(_ i: Int) -> String {
        "MLI\(30000 + i),2023-09-\(10 + i % 18),2023,1,Political violence,Battles,Armed clash,Military Forces of Mali (2021-),Wagner Group,State forces,JNIM: Group for Support of Islam and Muslims,,Rebel group,State forces-Rebel group,,466,Western Africa,Mali,Gao,Bourem,Bourem,Bourem,16.9560,-0.3495,1,AFP,International,\"Clash number \(i), near Bourem, \"\"heavy\"\"\",\(i % 9),,1696377600"
    }

    /// The plain text of each format, about 2,000 incidents each (several read budgets' worth once inflated).
    static let plain: [(name: String, text: String)] = [
        ("events.jsonl", (0..<2000).map { Fixtures.line("Event \($0) near Ber", id: "j-\($0)") }.joined()),
        ("events.geojsonseq", (0..<2000).map(GeoJSONStreamTests.feature).joined(separator: "\n") + "\n"),
        ("events.geojson", GeoJSONStreamTests.collection((0..<2000).map(GeoJSONStreamTests.feature), separator: ", ")),
        ("events.csv", ([acledHeader] + (0..<2000).map(acledRow)).joined(separator: "\n") + "\n"),
    ]

    /// `gzip -c` of the text, written beside it.
    static func gzip(_ text: String, to path: String) throws {
        let plainPath = path + ".src"
        _ = FileManager.default.createFile(atPath: plainPath, contents: Data(text.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n", plainPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        _ = FileManager.default.createFile(atPath: path, contents: data)
    }

    @Test func aGzipOfEachFormatLoadsWhatThePlainFileLoads() throws {
        let dir = Fixtures.TempDir()
        for (name, text) in Self.plain {
            let plainPath = dir.file(name)
            _ = FileManager.default.createFile(atPath: plainPath, contents: Data(text.utf8))
            let gzPath = dir.file(name + ".gz")
            try Self.gzip(text, to: gzPath)
            let want = GeoJSONStreamTests.readAll(plainPath, budget: 64 << 10)
            let got = GeoJSONStreamTests.readAll(gzPath, budget: 64 << 10)
            #expect(want.incidents.count == 2000 && want.bad.isEmpty, "\(name): \(want.bad.prefix(2))")
            #expect(got.bad.isEmpty, "\(name).gz: \(got.bad.prefix(2))")
            #expect(GeoJSONStreamTests.content(got.incidents) == GeoJSONStreamTests.content(want.incidents), "\(name).gz")
            #expect(got.incidents.map(\.origin.line) == want.incidents.map(\.origin.line), "\(name).gz")
        }
    }

    @Test func theNameUnderGzSaysTheFormat() throws {
        let dir = Fixtures.TempDir()
        // A pretty-printed collection's first line ("{") says nothing: the name must.
        let path = dir.file("events.geojson.gz")
        try Self.gzip(GeoJSONStreamTests.pretty((0..<20).map(GeoJSONStreamTests.feature)), to: path)
        let got = GeoJSONStreamTests.readAll(path)
        #expect(got.incidents.count == 20 && got.bad.isEmpty)
        #expect(FormatDetector.fileExtension("/x/Export.CSV.GZ") == "csv")
        #expect(FormatDetector.fileExtension("/x/data.gz") == "")
    }

    @Test func gzipIsFoundByItsFirstBytesWhateverTheName() throws {
        let dir = Fixtures.TempDir()
        let (_, text) = Self.plain[0]
        let path = dir.file("events.jsonl")  // no .gz in the name
        try Self.gzip(text, to: path)
        let got = Fixtures.readAll(path, name: "events.jsonl")
        #expect(got.incidents.count == 2000 && got.bad.isEmpty)
    }

    @Test func aCompressedFileIsReadWholeAndNotFollowed() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("events.jsonl.gz")
        // No newline after the last line: the archive is complete, so its last line counts.
        try Self.gzip(Fixtures.line("first", id: "a") + Fixtures.line("last", id: "b").dropLast(), to: path)
        let reader = SourceReader(index: 0, path: path)
        let (batch, more) = reader.poll()
        #expect(!more)
        #expect(batch.incidents.map(\.id) == ["a", "b"])
        #expect(batch.status == .readWhole)
        // Bytes appended to a compressed file are not read (a second archive member would be).
        Fixtures.append(Fixtures.line("appended", id: "c"), to: path)
        let (later, _) = reader.poll()
        #expect(later.incidents.isEmpty && later.badLines.isEmpty)
        #expect(later.status == .readWhole)
    }

    @Test func concatenatedArchivesReadAsOne() throws {
        let dir = Fixtures.TempDir()
        try Self.gzip(Fixtures.line("one", id: "a"), to: dir.file("a.gz"))
        try Self.gzip(Fixtures.line("two", id: "b"), to: dir.file("b.gz"))
        let joined = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.gz"))) + Data(contentsOf: URL(fileURLWithPath: dir.file("b.gz")))
        _ = FileManager.default.createFile(atPath: dir.file("ab.jsonl.gz"), contents: joined)
        let got = Fixtures.readAll(dir.file("ab.jsonl.gz"), name: "ab")
        #expect(got.incidents.map(\.id) == ["a", "b"] && got.bad.isEmpty)
    }

    @Test func aTruncatedArchiveKeepsWhatWasReadAndSaysWhereItStopped() throws {
        let dir = Fixtures.TempDir()
        for (name, text) in Self.plain {
            let whole = dir.file(name + ".gz")
            try Self.gzip(text, to: whole)
            let full = GeoJSONStreamTests.readAll(whole)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
            let cut = dir.file("cut-" + name + ".gz")
            _ = FileManager.default.createFile(atPath: cut, contents: bytes.prefix(bytes.count / 2))
            let got = GeoJSONStreamTests.readAll(cut, budget: 64 << 10)
            #expect(got.incidents.count > 100 && got.incidents.count < 2000, "\(name): \(got.incidents.count)")
            // What was read is what the whole file starts with.
            #expect(GeoJSONStreamTests.content(got.incidents) == Array(GeoJSONStreamTests.content(full.incidents).prefix(got.incidents.count)))
            #expect(got.bad.count == 1, "\(name): \(got.bad)")
            let report = try #require(got.bad.last)
            #expect(report.reason.contains("truncated"), "\(report.reason)")
            #expect(report.origin.file == "cut-" + name + ".gz")
            #expect(report.origin.line > 1)
        }
    }

    @Test func aDamagedArchiveKeepsWhatWasReadBeforeTheDamage() throws {
        let dir = Fixtures.TempDir()
        let (_, text) = Self.plain[0]
        let whole = dir.file("events.jsonl.gz")
        try Self.gzip(text, to: whole)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: whole)))
        for k in stride(from: bytes.count * 2 / 3, to: bytes.count * 2 / 3 + 64, by: 1) { bytes[k] ^= 0x5A }
        _ = FileManager.default.createFile(atPath: dir.file("damaged.jsonl.gz"), contents: Data(bytes))
        let got = Fixtures.readAll(dir.file("damaged.jsonl.gz"), name: "damaged.jsonl.gz")
        #expect(got.incidents.count > 100 && got.incidents.count < 2000)
        #expect(got.incidents.map(\.id) == (0..<got.incidents.count).map { "j-\($0)" })
        // The damage itself (zlib says so, or the check at the member's end does), then nothing more.
        let report = try #require(got.bad.last)
        #expect(report.reason.contains("damaged") || report.reason.contains("truncated"), "\(report.reason)")
        #expect(report.origin.line == got.incidents.count + got.bad.count)
    }
}
