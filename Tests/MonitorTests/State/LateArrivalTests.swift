import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Late reports go into the feed where they belong without a walk of the store, and the result
/// is exactly what a full rebuild gives.
@Suite struct LateArrivalTests {
    func ingest(_ state: inout AppState, _ incidents: [Incident]) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        _ = Reducer().reduce(&state, .ingest(batch))
    }

    @Test func lateReportsMatchAFullRebuild() {
        var rng = SystemRandomNumberGenerator()
        for hideJNIM in [false, true] {
            var state = Fixtures.state(Fixtures.tenDays)
            if hideJNIM { _ = Reducer().reduce(&state, .key(.char("4"))) }
            for round in 0..<20 {
                let day = Int.random(in: 1...9, using: &rng)
                let actors: [ActorID] = [[0], [3], [2, 3]][round % 3]
                ingest(&state, [Fixtures.incident("late \(round)", actors: actors, day: day)])
            }
            let incremental = state.feed
            let shown = state.shownCounts
            state.rebuildFeed()
            #expect(incremental == state.feed)
            #expect(shown == state.shownCounts)
        }
    }

    @Test func pausedSelectionStaysOnItsIncidentWhenALateReportLandsAboveIt() {
        var state = Fixtures.state(Fixtures.tenDays)
        for _ in 0..<5 { _ = Reducer().reduce(&state, .key(.char("j"))) }
        let before = state.selectedIncident?.summary
        ingest(&state, [Fixtures.incident("late above", actors: [0], day: 9), Fixtures.incident("late below", actors: [0], day: 2)])
        #expect(state.selectedIncident?.summary == before)
        #expect(state.feed.count == 12)
    }

    @Test func timelineGrowsByDaysAsNewerIncidentsArriveAndMatchesARebuild() {
        var state = Fixtures.state(Fixtures.tenDays, width: 120, height: 40)
        for day in 11...25 { ingest(&state, [Fixtures.incident("day \(day)", actors: [3], day: day)]) }
        let grown = state.timeline
        state.rebuildTimeline()
        #expect(grown == state.timeline)
        #expect(grown?.buckets == 25)
    }
}
