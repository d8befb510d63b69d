import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// `v` in the detail view: each incident keeps where its line starts in its file, the reducer asks
/// the run loop to read it (an effect, no I/O), `SourceLineReader` reads it read-only, and the
/// overlay shows it wrapped under its file name and line number.
@Suite struct SourceLineTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    func readAll(_ path: String, _ decoder: any RecordDecoder) -> [Incident] {
        let reader = SourceReader(index: 0, path: path, displayName: "f", decoder: decoder)
        var incidents: [Incident] = []
        var more = true
        while more {
            let (batch, cut) = reader.poll()
            incidents += batch.incidents
            more = cut
        }
        return incidents
    }

    // MARK: Offsets

    @Test func storedRecordKeepsTheOffsetInItsPadding() {
        #expect(MemoryLayout<StoredIncident>.stride == 80)
        var store = IncidentStore(actorCount: 8)
        for (i, offset) in ([nil, 0, 4_294_967_296 + 17, (1 << 48) - 2] as [Int64?]).enumerated() {
            var incident = Fixtures.incident("x", actors: [0], day: i + 1)
            incident.origin.offset = offset
            store.insert(incident)
            #expect(store[IncidentStore.Slot(i)].offset == offset)
            #expect(store.incident(IncidentStore.Slot(i)).origin.offset == offset)
        }
    }

    @Test func splitterGivesEachLineItsFileOffset() {
        var splitter = LineSplitter()
        var block = LineBlock()
        let bytes: [UInt8] = [0xEF, 0xBB] + [0xBF] + Array("a\r\nbb\n".utf8) + Array("ccc".utf8)
        // Fed in awkward pieces: the byte-order mark split, a line split across feeds.
        splitter.feed(bytes[0..<1], into: &block)
        splitter.feed(bytes[1..<7], into: &block)
        splitter.feed(bytes[7...], into: &block)
        splitter.finish(into: &block)
        #expect(block.lines.map(\.offset) == [3, 6, 9])
        splitter.reset()
        block = LineBlock()
        splitter.feed(Array("x\ny\n".utf8), into: &block)
        #expect(block.lines.map(\.offset) == [0, 2])
    }

    @Test func everyFormatGivesTheOffsetOfTheIncidentsFirstLine() throws {
        let dir = Fixtures.TempDir()
        // JSON Lines: a fast-path line, one the parser takes (a ';' in an unknown name), a blank line.
        let jsonl = dir.file("a.jsonl")
        let lines = [#"{"id":"a1","time":"2023-09-01","actors":["FAMA"]}"#, "",
                     #"{"id":"a2","time":"2023-09-01","actors":["A; B"]}"#]
        write(lines.joined(separator: "\n") + "\n", to: jsonl)
        #expect(readAll(jsonl, JSONLDecoder()).map(\.origin.offset) == [0, Int64(lines[0].utf8.count + 2)])
        // ACLED: a record whose quoted notes span two lines is found at its first line.
        let csv = dir.file("a.csv")
        let header = ACLEDDecoderTests.header + "\n"
        let first = ACLEDDecoderTests.row(["notes": "two\nlines"]) + "\n"
        write(header + first + ACLEDDecoderTests.row(["event_id_cnty": "MLI9"]) + "\n", to: csv)
        let acled = readAll(csv, ACLEDDecoder()).map(\.origin.offset)
        #expect(acled == [Int64(header.utf8.count), Int64(header.utf8.count + first.utf8.count)])
        // GeoJSON: a collection's features, by the line their "{" is on.
        let geo = dir.file("a.geojson")
        let top = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        let f1 = #"{"type":"Feature","geometry":null,"properties":{"id":"g1","time":"2023-09-01","actors":["FAMA"]}},"# + "\n"
        let f2 = #"{"type":"Feature","geometry":null,"properties":{"id":"g2","time":"2023-09-01","actors":["FAMA"]}}"# + "\n"
        write(top + f1 + f2 + "]}\n", to: geo)
        #expect(readAll(geo, GeoJSONDecoder()).map(\.origin.offset) == [Int64(top.utf8.count), Int64(top.utf8.count + f1.utf8.count)])
    }

    // MARK: Reading the line again

    @Test func readsTheLineSanitisedAndReadOnly() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("e.jsonl")
        let text = "first\n{\"id\":\"e2\",\"summary\":\"bell \u{1B}[31m\"}\r\nlast"
        write(text, to: path)
        #expect(SourceLineReader.read(path: path, offset: 6, id: "e2") == .line("{\"id\":\"e2\",\"summary\":\"bell ␛[31m\"}", cut: false))
        let last = Int64(text.utf8.count - 4)
        #expect(SourceLineReader.read(path: path, offset: last, id: nil) == .line("last", cut: false))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func saysWhyALineCannotBeShown() {
        let dir = Fixtures.TempDir()
        let path = dir.file("e.jsonl")
        write("{\"id\":\"e1\"}\n{\"id\":\"e2\"}\n", to: path)
        #expect(SourceLineReader.read(path: path, offset: 12, id: "e2") == .line("{\"id\":\"e2\"}", cut: false))
        let changed = SourceLineContent.unavailable("the file has changed since this line was read")
        // Another line at that place, the middle of a line, past the end.
        #expect(SourceLineReader.read(path: path, offset: 0, id: "e2") == changed)
        #expect(SourceLineReader.read(path: path, offset: 5, id: nil) == changed)
        #expect(SourceLineReader.read(path: path, offset: 24, id: nil) == changed)
        #expect(SourceLineReader.read(path: dir.file("gone.jsonl"), offset: 0, id: nil)
                == .unavailable("the file is gone: \(dir.file("gone.jsonl"))"))
        #expect(SourceLineReader.read(path: nil, offset: 0, id: nil) == .unavailable("standard input: lines are not kept"))
    }

    @Test func aLongLineIsCutAt64KiB() {
        let dir = Fixtures.TempDir()
        let path = dir.file("long.jsonl")
        write("x\n" + String(repeating: "y", count: 100_000) + "\n", to: path)
        guard case .line(let text, let cut) = SourceLineReader.read(path: path, offset: 2, id: "absent") else {
            Issue.record("no line")
            return
        }
        #expect(cut && text.count == 64 * 1024)
    }

    // MARK: Reducer

    func detailState(width: Int = 80, height: Int = 24) throws -> (AppState, IncidentStore.Slot) {
        var incidents = Fixtures.tenDays
        incidents[9].origin.offset = 1234
        var state = Fixtures.state(incidents, width: width, height: height)
        _ = Reducer().reduce(&state, .key(.enter))
        let slot = try #require(state.store.slot(forID: "e10"))
        state.overlay = .detail(seq: Int(slot), scroll: 2, pick: 1)
        return (state, slot)
    }

    @Test func vAsksTheRunLoopAndTheAnswerIsShown() throws {
        var (state, slot) = try detailState()
        let effects = Reducer().reduce(&state, .key(.char("v")))
        #expect(effects == [.readSourceLine(slot: slot, file: "fixture.jsonl", offset: 1234, id: "e10")])
        let reading = SourceLineView(seq: Int(slot), detailScroll: 2, pick: 1)
        #expect(state.overlay == .sourceLine(reading))
        // An answer for another incident (the officer moved on) changes nothing.
        _ = Reducer().reduce(&state, .sourceLine(slot: slot - 1, .line("other", cut: false)))
        #expect(state.overlay == .sourceLine(reading))
        _ = Reducer().reduce(&state, .sourceLine(slot: slot, .line("{\"id\":\"e10\"}", cut: false)))
        var shown = reading
        shown.content = .line("{\"id\":\"e10\"}", cut: false)
        #expect(state.overlay == .sourceLine(shown))
        _ = Reducer().reduce(&state, .key(.char("j")))
        shown.scroll = 1
        #expect(state.overlay == .sourceLine(shown))
        // v again goes back to the detail view as it was; so does Esc, and Esc again closes it.
        _ = Reducer().reduce(&state, .key(.char("v")))
        #expect(state.overlay == .detail(seq: Int(slot), scroll: 2, pick: 1))
        _ = Reducer().reduce(&state, .key(.char("v")))
        #expect(Reducer().reduce(&state, .key(.escape)).isEmpty)
        #expect(state.overlay == .detail(seq: Int(slot), scroll: 2, pick: 1))
        _ = Reducer().reduce(&state, .key(.escape))
        #expect(state.overlay == .none)
    }

    @Test func withoutAnOffsetNothingIsAskedAndTheViewSaysSo() throws {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = Reducer().reduce(&state, .key(.enter))
        guard case .detail(let seq, _, _) = state.overlay else {
            Issue.record("no detail")
            return
        }
        #expect(Reducer().reduce(&state, .key(.char("v"))).isEmpty)
        #expect(state.overlay == .sourceLine(SourceLineView(seq: seq, detailScroll: 0, pick: -1,
                                                             content: .unavailable("where this line is in its file was not kept"))))
        // Elsewhere v does nothing.
        state.overlay = .help(scroll: 0)
        #expect(Reducer().reduce(&state, .key(.char("v"))).isEmpty)
        #expect(state.overlay == .help(scroll: 0))
    }

    // MARK: View

    @Test func overlayShowsFileLineAndTheWholeLineWrapped() throws {
        var (state, slot) = try detailState(width: 140, height: 40)
        let line = "{\"id\":\"e10\",\"summary\":\"" + (0..<30).map { "word\($0)" }.joined(separator: "  ") + "\"}"
        state.overlay = .sourceLine(SourceLineView(seq: Int(slot), detailScroll: 0, pick: -1, content: .line(line, cut: false)))
        let lines = Screen.render(state, ctx).lines
        #expect(lines.contains { $0.contains("source line") })
        #expect(lines.contains { $0.contains("fixture.jsonl, line 10") })
        // The rows inside the box (86 columns of text), put back together, are the line: nothing dropped, spaces kept.
        let first = try #require(lines.firstIndex { $0.contains("{\"id\":\"e10\"") })
        let start = try #require(lines[first].range(of: "{\"id\""))
        let column = lines[first].distance(from: lines[first].startIndex, to: start.lowerBound)
        var joined = ""
        for row in lines[first...] {
            let chars = Array(row)
            guard column < chars.count else { break }
            let piece = String(chars[column..<min(chars.count, column + 86)])
            guard !piece.hasPrefix(" ") || joined.isEmpty || piece.trimmingCharacters(in: .whitespaces) != "" else { break }
            joined += piece
            if joined.trimmingCharacters(in: .whitespaces).hasSuffix("\"}") { break }
        }
        #expect(joined.trimmingCharacters(in: .whitespaces) == line)
        state.overlay = .sourceLine(SourceLineView(seq: Int(slot), detailScroll: 0, pick: -1, content: .unavailable("standard input: lines are not kept")))
        #expect(Screen.render(state, ctx).lines.contains { $0.contains("Not shown: standard input: lines are not kept.") })
    }
}
