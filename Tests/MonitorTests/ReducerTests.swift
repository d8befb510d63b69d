import Testing
@testable import Monitor

@Suite struct ReducerTests {
    let reducer = Reducer()

    func press(_ key: Key, _ state: inout AppState) -> [Effect] {
        reducer.reduce(&state, .key(key))
    }

    func summaries(_ state: AppState) -> [String] {
        state.feed.map { state.store.incidents[$0].summary }
    }

    @Test func feedIsNewestFirst() {
        let state = Fixtures.state(Fixtures.tenDays)
        #expect(summaries(state) == (1...10).reversed().map { "event \($0)" })
        #expect(state.selected == 0)
    }

    @Test func qAndCtrlCQuit() {
        var state = Fixtures.state(Fixtures.tenDays)
        #expect(press(.char("q"), &state) == [.quit])
        #expect(press(.ctrl("c"), &state) == [.quit])
        #expect(press(.char("x"), &state) == [])
    }

    @Test func questionMarkTogglesHelpAndEscCloses() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = press(.char("?"), &state)
        #expect(state.overlay == .help(scroll: 0))
        _ = press(.char("?"), &state)
        #expect(state.overlay == .none)
        _ = press(.char("?"), &state)
        _ = press(.escape, &state)
        #expect(state.overlay == .none)
    }

    @Test func digitHidesAnActorAndZeroShowsAll() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = press(.char("4"), &state)  // JNIM
        #expect(state.hidden == [3])
        // Days 1 and 6 are JNIM alone: hidden. Day 4 and 9 are JNIM with Civilians: still shown.
        #expect(summaries(state) == ["event 10", "event 9", "event 8", "event 7", "event 5", "event 4", "event 3", "event 2"])
        _ = press(.char("4"), &state)
        #expect(state.hidden.isEmpty)
        #expect(state.feed.count == 10)
        _ = press(.char("1"), &state)
        _ = press(.char("3"), &state)
        #expect(state.hidden == [0, 2])
        _ = press(.char("0"), &state)
        #expect(state.hidden.isEmpty)
        #expect(state.feed.count == 10)
    }

    @Test func jkMoveTheSelectionWithinBounds() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = press(.char("j"), &state)
        _ = press(.down, &state)
        #expect(state.selected == 2)
        _ = press(.char("k"), &state)
        #expect(state.selected == 1)
        _ = press(.up, &state)
        _ = press(.up, &state)
        #expect(state.selected == 0)
    }

    @Test func pagesGAndShiftG() {
        var state = Fixtures.state(Fixtures.tenDays)  // 80x24: the feed shows 7 rows
        let page = Layout(width: 80, height: 24).feedRows
        _ = press(.pageDown, &state)
        #expect(state.selected == page)
        _ = press(.pageUp, &state)
        #expect(state.selected == 0)
        _ = press(.char("G"), &state)
        #expect(state.selected == 9)
        #expect(state.feedScroll == 10 - page)
        #expect(state.selectedIncident?.summary == "event 1")
        _ = press(.char("g"), &state)
        #expect(state.selected == 0)
        #expect(state.feedScroll == 0)
    }

    @Test func enterOpensDetailOfSelectedAndEscCloses() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = press(.char("j"), &state)
        let seq = state.selectedIncident?.seq
        _ = press(.enter, &state)
        #expect(state.overlay == .detail(seq: seq ?? -1, scroll: 0))
        _ = press(.escape, &state)
        #expect(state.overlay == .none)
    }

    @Test func tabCyclesFocusFeedLegendMap() {
        var state = Fixtures.state(Fixtures.tenDays)
        #expect(state.focus == .feed)
        _ = press(.tab, &state)
        #expect(state.focus == .legend)
        _ = press(.tab, &state)
        #expect(state.focus == .map)
        _ = press(.tab, &state)
        #expect(state.focus == .feed)
        _ = press(.backTab, &state)
        #expect(state.focus == .map)
    }

    @Test func legendFocusMovesCursorAndSpaceToggles() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = press(.tab, &state)
        _ = press(.char("j"), &state)
        _ = press(.char("j"), &state)
        #expect(state.legendCursor == 2)
        #expect(state.selected == 0)  // the feed selection did not move
        _ = press(.char(" "), &state)
        #expect(state.hidden == [2])
    }

    @Test func newArrivalsKeepTheNewestSelectedWhenFollowing() {
        var state = Fixtures.state(Fixtures.tenDays)
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("event 11", actors: [0], day: 11)]
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.selected == 0)
        #expect(state.selectedIncident?.summary == "event 11")
    }

    @Test func newArrivalsKeepTheSameIncidentSelectedWhenScrolledAway() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = press(.char("j"), &state)
        _ = press(.char("j"), &state)
        let before = state.selectedIncident?.summary
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("event 11", actors: [0], day: 11)]
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.selectedIncident?.summary == before)
        #expect(state.selected == 3)
    }

    @Test func ingestCountsBadLinesAndSourceState() {
        var state = Fixtures.state([])
        var batch = IngestBatch(source: 0, status: .following)
        batch.linesRead = 3
        batch.badLines = [BadLine(origin: Origin(file: "f", line: 2), reason: "invalid JSON", excerpt: "{")]
        batch.incidents = [Fixtures.incident("x", actors: [0], day: 1)]
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.badLineCount == 1)
        #expect(state.sources[0].badLines == 1)
        #expect(state.sources[0].linesRead == 3)
        #expect(state.sources[0].incidents == 1)
        #expect(state.sources[0].status == .following)
    }

    @Test func helpOverlayAndKeysDispatchFromTheSameTable() {
        // Every binding's keys must dispatch to its command in its scope: help cannot disagree with behaviour.
        let map = KeyMap.standard
        for binding in map.bindings {
            let focus: Pane = binding.scope == .legend ? .legend : .feed
            for key in binding.keys {
                #expect(map.command(for: key, focus: focus, overlayOpen: binding.scope == .overlay) == binding.command,
                        "\(key.label) in \(binding.scope)")
            }
        }
    }
}

@Suite struct IncidentStoreTests {
    @Test func keepsTimeOrderWhateverTheArrivalOrder() {
        var store = IncidentStore(actorCount: 8)
        for day in [5, 1, 9, 3, 3] { store.insert(Fixtures.incident("d\(day)", actors: [0], day: day)) }
        #expect(store.incidents.map(\.summary) == ["d1", "d3", "d3", "d5", "d9"])
        #expect(store.actorCounts[0] == 5)
    }

    @Test func sameIdReplacesTheEarlierVersion() {
        var store = IncidentStore(actorCount: 8)
        store.insert(Fixtures.incident("first", actors: [0], day: 1, id: "a"))
        let outcome = store.insert(Fixtures.incident("revised", actors: [3], day: 2, id: "a"))
        #expect(outcome == .replaced)
        #expect(store.incidents.map(\.summary) == ["revised"])
        #expect(store.incidents.first?.revision == 1)
        #expect(store.actorCounts[0] == 0)
        #expect(store.actorCounts[3] == 1)
    }
}
