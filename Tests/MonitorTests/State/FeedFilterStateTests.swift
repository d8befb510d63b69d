import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

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

    @Test func textFilterReadsUnknownNamesButNotNamesAsWritten() throws {
        var militia = Fixtures.incident("one", actors: [3, ActorRegistry.northernMali.otherID], day: 1, id: "m1")
        militia.unknownActorNames = ["Dozo militia"]
        militia.writtenActors = [WrittenActor(name: "Katiba Macina", actor: 3),
                                 WrittenActor(name: "Dozo militia", actor: ActorRegistry.northernMali.otherID)]
        let plain = Fixtures.incident("two", actors: [0], day: 2, id: "m2")
        var state = Fixtures.state([militia, plain])
        // Both the quick letter test (scan keys) and the full match must see the unknown name.
        for query in ["dozo", "re:Doz"] {
            state.filter.text = try TextQuery(query)
            state.rebuildFeed()
            #expect(summaries(state) == ["one"], "\(query)")
        }
        // The written spelling of a known actor is for the detail view; search finds the actor by its key and name.
        state.filter.text = try TextQuery("macina")
        state.rebuildFeed()
        #expect(summaries(state).isEmpty)
        state.filter.text = try TextQuery("jnim")
        state.rebuildFeed()
        #expect(summaries(state) == ["one"])
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
