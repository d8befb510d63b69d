import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The hotspots pane counts a place once however it is spelled, as the map plots it: by the
/// gazetteer's town, named as the gazetteer names it.
@Suite struct HotspotsTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    /// `count` incidents at `place`, from `day` on.
    static func at(_ place: String, _ count: Int, day: Int, actors: [ActorID] = [3]) -> [Incident] {
        (0..<count).map { i in
            Fixtures.incident("\(place) \(i)", actors: actors, day: day + i, town: place, id: "\(place)-\(i)")
        }
    }

    /// The hotspots pane's rows, without its frame.
    func rows(_ state: AppState) -> [String] {
        let rect = Layout(width: state.width, height: state.height).hotspots
        let lines = Screen.render(state, ctx).lines
        return (rect.y + 1..<rect.maxY - 1).map { y in
            let line = Array(lines[y])
            return String(line[(rect.x + 1)..<(rect.maxX - 1)]).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// Count and name of each row ("6 Timbuktu"), the glyph and the dates left out.
    func counted(_ state: AppState) -> [String] {
        rows(state).map { row in
            let words = row.split(separator: " ")
            return words.count >= 3 ? "\(words[0]) \(words[2])" : row
        }
    }

    @Test func twoSpellingsOfOneTownAreOneRowUnderTheGazetteersName() {
        // The alias comes first, so the town's name cannot come from the first spelling seen.
        let incidents = Self.at("Tombouctou", 1, day: 1) + Self.at("Timbuktu", 5, day: 2) + Self.at("Gao", 2, day: 8)
            + Self.at("In Tillit", 3, day: 10)
        let state = Fixtures.state(incidents, width: 200, height: 60)
        #expect(counted(state) == ["6 Timbuktu", "3 In", "2 Gao"], "\(rows(state))")
        #expect(rows(state).contains { $0.contains("In Tillit") })
        #expect(!rows(state).contains { $0.contains("Tombouctou") })
    }

    @Test func arrivalsCountUnderTheSameTownAsAFullPass() {
        var state = Fixtures.state(Self.at("Timbuktu", 5, day: 1), width: 200, height: 60)
        #expect(counted(state) == ["5 Timbuktu"])
        let reducer = Reducer()
        // Spellings the gazetteer folds together: an alias, no accents, other case, hyphens.
        for (n, place) in ["Tombouctou", "TOMBOUCTOU", "Timbuctoo", "Menaka", "Ménaka"].enumerated() {
            var batch = IngestBatch(source: 0, status: .following)
            batch.incidents = [Fixtures.incident("late \(n)", actors: [0], day: 20 + n, town: place, id: "a\(n)")]
            _ = reducer.reduce(&state, .ingest(batch))
        }
        #expect(counted(state) == ["8 Timbuktu", "2 Ménaka"], "\(rows(state))")
        let arrived = state.hotspots.top(10)
        var rebuilt = state
        rebuilt.rebuildFeed()
        #expect(rebuilt.hotspots.top(10) == arrived)
        #expect(arrived.map { state.hotspotName($0.place) } == ["Timbuktu", "Ménaka"])
    }

    @Test func anEmptyPaneSaysWhatItLacks() {
        // An unlocated incident with a place is counted; with none shown the pane says so.
        var state = Fixtures.state(Self.at("In Tillit", 1, day: 1), width: 200, height: 60)
        #expect(counted(state) == ["1 In"])
        _ = Reducer().reduce(&state, .key(.char("i")))
        #expect(rows(state) == ["No incident with a place shown."])
    }

    @Test func jsonLinesFromAFileAreCountedByTownToo() throws {
        // The packed JSON Lines path interns its strings differently from listed incidents.
        let dir = Fixtures.TempDir()
        let path = dir.file("spellings.jsonl")
        var text = ""
        for (n, place) in ["Timbuktu", "Tombouctou", "tombouctou", "Timbuktu", "Kidal"].enumerated() {
            text += #"{"id":"p\#(n)","time":"2023-08-1\#(n)","place":"\#(place)","actors":["JNIM"],"summary":"s\#(n)"}"# + "\n"
        }
        Fixtures.append(text, to: path)
        let reader = SourceReader(index: 0, path: path)
        var state = AppState(sources: [SourceInfo(name: path)])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        _ = reducer.reduce(&state, .ingest(reader.poll().batch))
        #expect(state.store.count == 5)
        #expect(counted(state) == ["4 Timbuktu", "1 Kidal"], "\(rows(state))")
    }
}
