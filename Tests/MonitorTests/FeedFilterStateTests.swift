import Testing
@testable import Monitor

/// The feed under `AppState.filter`: every part of the filter, the time window and arrivals.
@Suite struct FeedFilterStateTests {
    let reducer = Reducer()

    func summaries(_ state: AppState) -> [String] {
        (0..<state.feed.count).map { state.store.incident(state.feedSlot($0)).summary }
    }

    func arrive(_ incidents: [Incident], _ state: inout AppState) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        _ = reducer.reduce(&state, .ingest(batch))
    }

    @Test func hiddenForwardsToTheFilter() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.hidden = [3]
        #expect(state.filter.hiddenActors == [3])
        state.filter.hiddenActors = [1]
        #expect(state.hidden == [1])
    }

    @Test func timeWindowCountsBackFromTheNewestIncident() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.filter.window = .day
        state.rebuildFeed()
        #expect(summaries(state) == ["event 10", "event 9"])
        state.filter.window = .week
        state.rebuildFeed()
        #expect(summaries(state) == (3...10).reversed().map { "event \($0)" })
    }

    @Test func timeWindowMovesWithANewerArrival() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.filter.window = .day
        state.rebuildFeed()
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11")], &state)
        #expect(summaries(state) == ["event 11", "event 10"])
        #expect(state.windowEnd == state.store.newestTime)
    }

    @Test func textFilterAppliesToArrivals() throws {
        var state = Fixtures.state(Fixtures.tenDays)
        state.filter.text = try TextQuery("EVENT 1")
        state.rebuildFeed()
        #expect(summaries(state) == ["event 10", "event 1"])
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11"),
                Fixtures.incident("other", actors: [0], day: 12, id: "e12")], &state)
        #expect(summaries(state) == ["event 11", "event 10", "event 1"])
    }

    @Test func replayMomentEndsTheFeedAndCountsArrivals() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.replayAt = state.store.newestTime.map { $0 - 3 * 86_400 }
        state.filter.window = .day
        state.rebuildFeed()
        #expect(summaries(state) == ["event 7", "event 6"])
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11")], &state)
        #expect(summaries(state) == ["event 7", "event 6"])
        #expect(state.newSincePause == 1)
    }

    @Test func typesAndFatalitiesCombineWithTheMapRestriction() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.filter.types = ["protest"]
        state.rebuildFeed()
        #expect(state.feed.isEmpty)
        state.filter.types = nil
        state.filter.minFatalities = 1
        state.rebuildFeed()
        #expect(state.feed.isEmpty)
        state.filter.minFatalities = 0
        state.rebuildFeed()
        #expect(state.feed.count == 10)
    }
}
