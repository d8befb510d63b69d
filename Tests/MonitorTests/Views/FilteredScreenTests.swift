import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The screen under filters: legend shown/total, highlighted matches, the prompt and picker.
@Suite struct FilteredScreenTests {
    let reducer = Reducer()
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    func press(_ keys: Key..., on state: inout AppState) {
        for key in keys { _ = reducer.reduce(&state, .key(key)) }
    }

    @Test func legendCountsWhatTheFiltersLeave() {
        var state = Fixtures.state(Fixtures.tenDays)
        #expect(state.shownCounts == [4, 2, 2, 4, 0, 0, 2, 0])
        press(.char("4"), on: &state)
        #expect(state.shownCounts == [4, 2, 2, 2, 0, 0, 2, 0])
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("late", actors: [3, 1], day: 11, id: "late")]
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.shownCounts == [4, 3, 2, 3, 0, 0, 2, 0])
    }

    @Test func plainMatchesAreUnderlinedInFeedRows() throws {
        var state = Fixtures.state([Fixtures.incident("Attack near Tombouctou airport", actors: [3], day: 1, town: "Timbuktu")])
        state.filter.text = try TextQuery("TOMBOUCTOU")
        state.rebuildFeed()
        let canvas = Screen.render(state, ctx)
        let y = Layout(width: 80, height: 24).feed.y + 1
        let line = canvas.lines[y]
        let start = line.distance(from: line.startIndex, to: line.range(of: "Tombouctou")!.lowerBound)
        let underlined = (0..<80).filter { canvas[$0, y].style.attributes.contains(.underline) }
        #expect(underlined == Array(start..<(start + 10)))
        #expect(MatchSpan.find(TextFolding.fold("ménaka"), in: "Near Menaka town") == 5..<11)
    }

    @Test func filteredScreenSnapshot() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("/"), on: &state)
        for c in "event 1" { press(.char(c), on: &state) }
        press(.enter, .char("t"), .char("t"), .char("j"), on: &state)
        Snapshot.check(Screen.render(state, ctx), named: "screen-80x24-filtered")
    }

    @Test func promptAndPickerSnapshot() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("y"), on: &state)
        var grid = SnapshotGrid(Screen.render(state, ctx))
        press(.escape, .char("/"), on: &state)
        for c in "re:(" { press(.char(c), on: &state) }
        grid.append(SnapshotGrid(Screen.render(state, ctx), rows: 23..<24))
        Snapshot.check(grid, named: "screen-80x24-picker-prompt")
    }
}
