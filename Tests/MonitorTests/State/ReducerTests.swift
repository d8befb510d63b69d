import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

@Suite struct ReducerTests {
    let reducer = Reducer()

    func press(_ key: Key, _ state: inout AppState) -> [Effect] {
        reducer.reduce(&state, .key(key))
    }

    /// Feed summaries as shown, newest first.
    func summaries(_ state: AppState) -> [String] {
        (0..<state.feed.count).map { state.store.incident(state.feedSlot($0)).summary }
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
            let focus: Pane = binding.scope == .legend ? .legend : binding.scope == .map ? .map : .feed
            if binding.scope == .prompt || binding.scope == .solo {
                // These scopes take the keyboard for themselves: looked up within the scope alone.
                for key in binding.keys { #expect(map.command(for: key, in: binding.scope) == binding.command, "\(key.label)") }
                continue
            }
            for key in binding.keys {
                #expect(map.command(for: key, focus: focus, overlayOpen: binding.scope == .overlay || binding.scope == .picker,
                                    picker: binding.scope == .picker) == binding.command,
                        "\(key.label) in \(binding.scope)")
            }
        }
    }
}

@Suite struct IncidentStoreTests {
    func summaries(_ store: IncidentStore) -> [String] { store.timeOrder.map { store.incident($0).summary } }

    @Test func keepsTimeOrderWhateverTheArrivalOrder() {
        var store = IncidentStore(actorCount: 8)
        for day in [5, 1, 9, 3, 3] { store.insert(Fixtures.incident("d\(day)", actors: [0], day: day)) }
        #expect(summaries(store) == ["d1", "d3", "d3", "d5", "d9"])
        #expect(store.actorCounts[0] == 5)
    }

    @Test func appendingTheNewestIsReportedSoViewsCanExtendCheaply() {
        var store = IncidentStore(actorCount: 8)
        let a = store.insert(Fixtures.incident("a", actors: [0], day: 1))
        let b = store.insert(Fixtures.incident("b", actors: [0], day: 2))
        let older = store.insert(Fixtures.incident("older", actors: [0], day: 1))
        #expect(a == .appendedNewest(0))
        #expect(b == .appendedNewest(1))
        #expect(older == .insertedEarlier(2))
    }

    @Test func sameIdReplacesTheEarlierVersion() {
        var store = IncidentStore(actorCount: 8)
        store.insert(Fixtures.incident("first", actors: [0], day: 1, id: "a"))
        let change = store.insert(Fixtures.incident("revised", actors: [3], day: 2, id: "a"))
        #expect(change == .reordered(1, replacing: 0))
        #expect(summaries(store) == ["revised"])
        #expect(store.incident(store.timeOrder[0]).revision == 1)
        #expect(store.actorCounts[0] == 0)
        #expect(store.actorCounts[3] == 1)
        #expect(store.revisions == 1)
    }

    @Test func retractionRemovesByID() {
        var store = IncidentStore(actorCount: 8)
        store.insert(Fixtures.incident("keep", actors: [0], day: 1, id: "k"))
        store.insert(Fixtures.incident("gone", actors: [3], day: 2, id: "g"))
        let first = store.retract(id: "g")
        let again = store.retract(id: "g")
        let never = store.retract(id: "never")
        #expect(first && !again && !never)
        #expect(summaries(store) == ["keep"])
        #expect(store.actorCounts[3] == 0)
        #expect(store.retractions == 1)
    }

    @Test func capacityDropsTheOldest() {
        var store = IncidentStore(actorCount: 8, capacity: 3)
        for day in 1...5 { store.insert(Fixtures.incident("d\(day)", actors: [0], day: day, id: "i\(day)")) }
        let dropped = store.enforceCapacity()
        #expect(dropped == 2)
        #expect(summaries(store) == ["d3", "d4", "d5"])
        #expect(store.evicted == 2)
        #expect(store.actorCounts[0] == 3)
        #expect(store.slot(forID: "i1") == nil)
        #expect(store.slot(forID: "i4") != nil)
    }

    @Test func storedRecordRoundTripsEveryField() {
        var store = IncidentStore(actorCount: 8)
        var incident = Fixtures.incident("s", actors: [3, 0, 7], day: 4, town: "Gao", id: "x")
        incident.unknownActorNames = ["Dozo militia", "Ganda Koy"]
        incident.fatalities = 12
        incident.hasClockTime = false
        store.insert(incident)
        let back = store.incident(0)
        #expect(back.actors == [3, 0, 7])
        #expect(back.unknownActorNames == ["Dozo militia", "Ganda Koy"])
        #expect(back.fatalities == 12)
        #expect(!back.hasClockTime)
        #expect(back.place == "Gao" && back.source == "fixture" && back.id == "x")
        #expect(back.origin == incident.origin)
        #expect(abs((back.location?.lat ?? 0) - 16.2717) < 1e-5)
    }
}

@Suite struct IngestReducerTests {
    let reducer = Reducer()

    func ingest(_ state: inout AppState, _ incidents: [Incident], retractions: [String] = []) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        batch.retractions = retractions
        _ = reducer.reduce(&state, .ingest(batch))
    }

    @Test func pausedViewStaysOnTheSameRowsWhileNewIncidentsArrive() {
        var state = Fixtures.state(Fixtures.tenDays)
        for _ in 0..<3 { _ = reducer.reduce(&state, .key(.char("j"))) }
        let selected = state.selectedIncident?.summary
        let topRow = state.store.incident(state.feedSlot(state.feedScroll)).summary
        ingest(&state, [Fixtures.incident("event 11", actors: [0], day: 11), Fixtures.incident("event 12", actors: [0], day: 12)])
        #expect(state.selectedIncident?.summary == selected)
        #expect(state.store.incident(state.feedSlot(state.feedScroll)).summary == topRow)
    }

    @Test func retractionLeavesFeedCountsAndMap() {
        var state = Fixtures.state(Fixtures.tenDays)
        ingest(&state, [], retractions: ["e10", "e9"])
        #expect(state.feed.count == 8)
        #expect(state.store.actorCounts[0] == 3)  // FAMA: days 3, 5, 8 remain of 3, 5, 8, 10
        #expect(state.selectedIncident?.summary == "event 8")
    }

    @Test func revisionReplacesInPlaceAndIsMarked() {
        var state = Fixtures.state(Fixtures.tenDays)
        var fixed = Fixtures.incident("event 5 corrected", actors: [2], day: 5, id: "e5")
        fixed.fatalities = 3
        ingest(&state, [fixed])
        #expect(state.feed.count == 10)
        let row = (0..<10).map { state.store.incident(state.feedSlot($0)) }.first { $0.id == "e5" }
        #expect(row?.summary == "event 5 corrected")
        #expect(row?.revision == 1)
    }

    @Test func maxIncidentsDropsTheOldestAndCountsThem() {
        var state = AppState(sources: [SourceInfo(name: "f")], capacity: 4)
        ingest(&state, Fixtures.tenDays)
        #expect(state.store.count == 4)
        #expect(state.store.evicted == 6)
        #expect(state.feed.count == 4)
        #expect(state.selectedIncident?.summary == "event 10")
    }
}

@Suite struct ListOverlayTests {
    let reducer = Reducer()
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    func stateWithTrouble() -> AppState {
        var state = Fixtures.state(Fixtures.tenDays, width: 120, height: 40)
        var batch = IngestBatch(source: 0, status: .following)
        batch.badLines = [
            BadLine(origin: Origin(file: "fixture.jsonl", line: 11), reason: "invalid JSON", excerpt: "{oops"),
            BadLine(origin: Origin(file: "fixture.jsonl", line: 14), reason: "latitude 123.4 out of range", excerpt: "{\"lat\":123.4"),
        ]
        batch.events = [.truncated(at: 1_700_000_000)]
        _ = reducer.reduce(&state, .ingest(batch))
        return state
    }

    @Test func eListsSkippedLinesNewestFirstAndClosesAgain() {
        var state = stateWithTrouble()
        _ = reducer.reduce(&state, .key(.char("e")))
        #expect(state.overlay == .errors(scroll: 0))
        let text = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(text.contains("Skipped lines · 2"))
        let newer = text.range(of: "fixture.jsonl:14")
        let older = text.range(of: "fixture.jsonl:11")
        #expect(newer != nil && older != nil && newer!.lowerBound < older!.lowerBound)
        #expect(text.contains("latitude 123.4 out of range"))
        #expect(text.contains("{oops"))
        _ = reducer.reduce(&state, .key(.char("e")))
        #expect(state.overlay == .none)
    }

    @Test func sListsSourcesWithStateEventsAndCounts() {
        var state = stateWithTrouble()
        _ = reducer.reduce(&state, .key(.char("s")))
        #expect(state.overlay == .sources(scroll: 0))
        let text = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(text.contains("following, truncated at 22:13"))
        #expect(text.contains("10 lines read · 10 incidents · 2 bad"))
        _ = reducer.reduce(&state, .key(.escape))
        #expect(state.overlay == .none)
        let status = Screen.render(state, ctx).trimmedLines.last ?? ""
        #expect(status.contains("fixture.jsonl: following, truncated at 22:13"))
        #expect(status.contains("2 bad"))
    }

    @Test func statusLineCountsDroppedIncidents() {
        var state = AppState(sources: [SourceInfo(name: "f")], capacity: 3)
        _ = reducer.reduce(&state, .resize(width: 120, height: 30))
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = Fixtures.tenDays
        _ = reducer.reduce(&state, .ingest(batch))
        let status = Screen.render(state, ctx).trimmedLines.last ?? ""
        #expect(status.contains("7 dropped (max 3)"))
    }
}
