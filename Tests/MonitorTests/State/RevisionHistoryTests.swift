import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// A revised incident keeps its earlier versions, and the detail view lists them.
@Suite struct RevisionHistoryTests {
    func version(_ summary: String, killed: Int, line: Int) -> Incident {
        var incident = Fixtures.incident(summary, actors: [3], day: 13, id: "acled-1")
        incident.fatalities = killed
        incident.origin = Origin(file: "acled.csv", line: line)
        return incident
    }

    func ingest(_ incidents: [Incident], into state: inout AppState) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        _ = Reducer().reduce(&state, .ingest(batch))
    }

    @Test func earlierVersionsAreKeptOldestFirstAndShownNewestFirst() throws {
        var state = Fixtures.state([version("first report", killed: 1, line: 2)])
        ingest([version("second report", killed: 3, line: 40)], into: &state)
        ingest([version("third report", killed: 7, line: 95)], into: &state)
        #expect(state.store.count == 1)
        let slot = try #require(state.feed.last)
        #expect(state.store.earlierVersions(slot).map(\.summary) == ["first report", "second report"])
        #expect(state.store.earlierVersions(slot).map(\.origin.line) == [2, 40])
        state.overlay = .detail(seq: Int(slot), scroll: 0)
        let lines = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8))).lines
        let v2 = try #require(lines.firstIndex { $0.contains("v2") && $0.contains("acled.csv line 40") && $0.contains("3 killed") })
        let v1 = try #require(lines.firstIndex { $0.contains("v1") && $0.contains("acled.csv line 2") && $0.contains("first report") })
        #expect(v2 < v1)
        #expect(lines.contains { $0.contains("Revised") && $0.contains("2 times") })
    }

    @Test func onlyTheLatestVersionsAreKeptAndARetractionDropsThem() throws {
        var state = Fixtures.state([version("v1", killed: 0, line: 1)])
        for n in 2...11 { ingest([version("v\(n)", killed: n, line: n)], into: &state) }
        let slot = try #require(state.feed.last)
        #expect(state.store.earlierVersions(slot).map(\.summary) == (3...10).map { "v\($0)" })
        state.overlay = .detail(seq: Int(slot), scroll: 0)
        let text = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8))).lines.joined(separator: "\n")
        #expect(text.contains("2 older versions not kept"))
        let retracted = state.store.retract(id: "acled-1")
        #expect(retracted)
        #expect(state.store.earlierVersions(slot).isEmpty)
    }

    /// Corrections of old incidents, of late reports and of a late report of the same batch, all
    /// in one batch: the time order holds each live incident once, sorted by time, arrivals in
    /// order among equal times, and nothing removed (their places leave it together at the end).
    @Test func manyCorrectionsInOneBatchLeaveTheTimeOrderWhole() {
        func incident(_ id: Int, day: Int, _ summary: String) -> Incident {
            Fixtures.incident(summary, actors: [0], day: day, id: "i\(id)")
        }
        var state = Fixtures.state((0..<60).map { incident($0, day: 1 + $0 % 30, "first \($0)") })
        var batch: [Incident] = []
        for k in stride(from: 0, to: 60, by: 3) { batch.append(incident(k, day: 1 + (k * 7) % 30, "second \(k)")) }
        batch.append(incident(100, day: 2, "late"))
        batch.append(incident(100, day: 3, "late, corrected"))
        batch.append(incident(1, day: 30, "second 1"))
        ingest(batch, into: &state)
        let store = state.store
        #expect(store.count == 61)
        let order = store.timeOrder
        #expect(Set(order).count == order.count)
        #expect(order.allSatisfy { store[$0].isLive })
        let live = (0..<store.records.count).filter { store[IncidentStore.Slot($0)].isLive }
        #expect(live.count == 61)
        // Sorted by time, equal times in arrival (slot) order.
        #expect(zip(order, order.dropFirst()).allSatisfy { a, b in
            (store[a].time, a) < (store[b].time, b)
        })
        #expect(order.filter { store.incident($0).id == "i100" }.map { store.incident($0).summary } == ["late, corrected"])
    }

    /// Many retractions in one batch, beside corrections and a late report, with an id retracted
    /// twice and one never stored: the time order is settled once for them all, and holds each
    /// live incident once, sorted; the retractions are listed in the batch's order.
    @Test func manyRetractionsInOneBatchLeaveTheTimeOrderWhole() {
        func incident(_ id: Int, day: Int, _ summary: String) -> Incident {
            Fixtures.incident(summary, actors: [0], day: day, id: "i\(id)")
        }
        var state = Fixtures.state((0..<60).map { incident($0, day: 1 + $0 % 30, "first \($0)") })
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [incident(4, day: 29, "second 4"), incident(100, day: 2, "late")]
        let gone = [7, 8, 9, 20, 21, 40, 59, 0, 100]
        batch.retractions = gone.map { "i\($0)" } + ["i7", "never"]
        _ = Reducer().reduce(&state, .ingest(batch))
        let store = state.store
        #expect(store.count == 61 - gone.count)
        #expect(store.retractions == gone.count && state.retractedCount == gone.count)
        #expect(state.retracted.map(\.id) == gone.map { "i\($0)" })
        let order = store.timeOrder
        #expect(Set(order).count == order.count && order.allSatisfy { store[$0].isLive })
        #expect(zip(order, order.dropFirst()).allSatisfy { a, b in (store[a].time, a) < (store[b].time, b) })
        let ids = Set(order.compactMap { store.incident($0).id })
        #expect(ids.isDisjoint(with: gone.map { "i\($0)" }) && ids.contains("i4") && ids.count == order.count)
        #expect(state.feed.count == store.count)
    }
}
