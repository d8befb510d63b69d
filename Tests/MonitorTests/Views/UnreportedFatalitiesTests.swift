import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// A count the source did not give is unknown, not 0: the detail view says so, the feed shows
/// nothing for it, and a minimum of fatalities above 0 leaves it out.
@Suite struct UnreportedFatalitiesTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    /// Day 1: unreported; day 2: a reported 0; day 3: 5 dead.
    var incidents: [Incident] {
        let killed: [Int?] = [nil, 0, 5]
        return killed.enumerated().map { i, k in
            var incident = Fixtures.incident("event \(i + 1)", actors: [0], day: i + 1, id: "e\(i + 1)")
            incident.fatalities = k
            return incident
        }
    }

    func summaries(_ state: AppState) -> [String] {
        state.feed.map { state.store[$0].summary }
    }

    @Test func unknownCountIsBelowAnyMinimumAboveZero() {
        var state = Fixtures.state(incidents)
        #expect(summaries(state) == ["event 1", "event 2", "event 3"])
        _ = Reducer().reduce(&state, .key(.char("f")))
        #expect(state.filter.minFatalities == 1)
        #expect(summaries(state) == ["event 3"])
        // An arrival is held to the same minimum (the feed is extended, not rebuilt).
        var late = Fixtures.incident("event 4", actors: [0], day: 4, id: "e4")
        late.fatalities = nil
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [late]
        _ = Reducer().reduce(&state, .ingest(batch))
        #expect(summaries(state) == ["event 3"])
        state.filter.minFatalities = 0
        state.rebuildFeed()
        #expect(summaries(state) == ["event 1", "event 2", "event 3", "event 4"])
    }

    @Test func detailSaysNotReportedAndZeroStaysZero() throws {
        var state = Fixtures.state(incidents)
        let unknown = try #require(state.store.slot(forID: "e1"))
        state.overlay = .detail(seq: Int(unknown), scroll: 0)
        let lines = Screen.render(state, ctx).lines
        #expect(lines.contains { $0.contains("Fatalities") && $0.contains("not reported") })
        let zero = try #require(state.store.slot(forID: "e2"))
        state.overlay = .detail(seq: Int(zero), scroll: 0)
        let zeroLines = Screen.render(state, ctx).lines
        #expect(zeroLines.contains { $0.contains("Fatalities") && $0.contains(" 0") && !$0.contains("not reported") })
    }

    @Test func feedShowsNoCountForUnknownOrZero() throws {
        let state = Fixtures.state(incidents, width: 100, height: 30)
        let lines = Screen.render(state, ctx).lines
        let row1 = try #require(lines.first { $0.contains("event 1") })
        let row2 = try #require(lines.first { $0.contains("event 2") })
        let row3 = try #require(lines.first { $0.contains("event 3") })
        #expect(!row1.contains("†") && !row2.contains("†"))
        #expect(row3.contains("†5 event 3"))
    }

    @Test func earlierVersionSaysItsCountWasNotReported() throws {
        var first = Fixtures.incident("first report", actors: [3], day: 13, id: "acled-1")
        first.fatalities = nil
        var second = first
        second.summary = "second report"
        second.fatalities = 2
        var state = Fixtures.state([first], width: 200, height: 60)
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [second]
        _ = Reducer().reduce(&state, .ingest(batch))
        let slot = try #require(state.store.slot(forID: "acled-1"))
        #expect(state.store.earlierVersions(slot).map(\.fatalities) == [nil])
        state.overlay = .detail(seq: Int(slot), scroll: 0)
        let lines = Screen.render(state, ctx).lines
        #expect(lines.contains { $0.contains("v1") && $0.contains("fatalities not reported") })
    }

    @Test func fatalityKeysSayWhereUnreportedCountsGo() {
        let rows = KeyMap.standard.helpRows().filter { $0.keys == "f" || $0.keys == "F" }
        #expect(rows.count == 2)
        for row in rows {
            #expect(row.help.contains("unreported below 1"))
            // The help overlay shows 50 characters of help text.
            #expect(row.help.count <= 50)
        }
    }
}
