import Testing
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// Follow mode: the newest row follows arrivals; anywhere else the view holds still and counts them.
@Suite struct FollowModeTests {
    let reducer = Reducer()

    func arrive(days: ClosedRange<Int>, _ state: inout AppState) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = days.map { Fixtures.incident("event \($0)", actors: [0], day: $0, id: "e\($0)") }
        _ = reducer.reduce(&state, .ingest(batch))
    }

    @Test func onTheNewestRowTheFeedFollows() {
        var state = Fixtures.state(Fixtures.tenDays)
        arrive(days: 11...12, &state)
        #expect(state.selected == 0)
        #expect(state.newSincePause == 0)
        #expect(state.selectedIncident?.summary == "event 12")
        #expect(FeedModeText.mode(state) == "live")
    }

    @Test func movingAwayPausesAndCountsArrivals() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = reducer.reduce(&state, .key(.char("j")))
        #expect(FeedModeText.mode(state) == "paused · 0 new")
        arrive(days: 11...13, &state)
        #expect(state.selected == 4)
        #expect(state.feedScroll == 3)
        #expect(state.selectedIncident?.summary == "event 9")
        #expect(state.newSincePause == 3)
        #expect(FeedModeText.mode(state) == "paused · 3 new")
    }

    @Test func gReturnsToTheNewestAndResumes() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = reducer.reduce(&state, .key(.char("j")))
        arrive(days: 11...11, &state)
        _ = reducer.reduce(&state, .key(.char("g")))
        #expect(state.selected == 0)
        #expect(state.feedScroll == 0)
        #expect(state.newSincePause == 0)
        #expect(FeedModeText.mode(state) == "live")
        arrive(days: 12...12, &state)
        #expect(state.selectedIncident?.summary == "event 12")
    }
}
