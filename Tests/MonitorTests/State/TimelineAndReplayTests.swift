import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The timeline strip's cached counts, and replay: stepping the moment and going back to live.
@Suite struct TimelineAndReplayTests {
    let reducer = Reducer()
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    func press(_ keys: Key..., on state: inout AppState) {
        for key in keys { _ = reducer.reduce(&state, .key(key)) }
    }

    func arrive(day: Int, actors: [ActorID] = [0], _ state: inout AppState) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("event \(day)", actors: actors, day: day, id: "n\(day)")]
        _ = reducer.reduce(&state, .ingest(batch))
    }

    @Test func timelineCountsPerDayWhatTheFiltersShow() {
        var state = Fixtures.state(Fixtures.tenDays)
        #expect(state.timeline?.counts == Array(repeating: 1, count: 10))
        press(.char("4"), on: &state)  // JNIM alone on days 1 and 6
        #expect(state.timeline?.counts == [0, 1, 1, 1, 1, 0, 1, 1, 1, 1])
        // The window is underlined, not applied.
        press(.char("t"), on: &state)
        #expect(state.timeline?.counts == [0, 1, 1, 1, 1, 0, 1, 1, 1, 1])
    }

    @Test func arrivalsExtendTheTimelineWithoutARebuild() {
        var state = Fixtures.state(Fixtures.tenDays)
        arrive(day: 10, &state)
        #expect(state.timeline?.counts.last == 2)
        #expect(state.timeline?.leaders.last == 0)
        arrive(day: 12, &state)  // past the strip's end: a new strip
        #expect(state.timeline?.counts == [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 1])
    }

    @Test func firstStepStartsAtTheNewestIncident() {
        var state = Fixtures.state(Fixtures.tenDays)
        let newest = state.store.newestTime!
        press(.char(","), on: &state)
        #expect(state.replayAt == newest - 86_400)
        #expect(state.feed.count == 9)
        press(.char("<"), on: &state)
        #expect(state.replayAt == newest - 8 * 86_400)
        #expect(state.feed.count == 2)
        #expect(state.timeline?.counts == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        press(.char(">"), .char("."), on: &state)
        #expect(state.replayAt == newest)  // never past the newest
        #expect(state.feed.count == 10)
    }

    @Test func arrivalsDuringReplayAreCountedAndLShowsThem() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("<"), on: &state)
        #expect(state.feed.count == 3)
        arrive(day: 11, &state)
        #expect(state.feed.count == 3)
        #expect(state.newSincePause == 1)
        #expect(FeedModeText.mode(state) == "as of 3 Aug 2023 12:00 · 1 new")
        press(.char("N"), on: &state)
        #expect(state.replayAt == nil)
        #expect(state.newSincePause == 0)
        #expect(state.feed.count == 11)
        #expect(state.selected == 0)
    }

    @Test func replayStatusLineSnapshot() {
        var state = Fixtures.state(Fixtures.tenDays, width: 100)
        press(.char("t"), .char("<"), on: &state)
        let canvas = Screen.render(state, ctx)
        Snapshot.check(SnapshotGrid(canvas, rows: (canvas.height - 3)..<canvas.height), named: "timeline-replay-100x24")
    }

    @Test func rightHandDateIsTheNewestIncidentNotTheEndOfItsWeek() throws {
        // 200 days do not fit 80 columns a day each: the strip counts weeks.
        let incidents = stride(from: 1, through: 200, by: 3).map { day in
            var incident = Fixtures.incident("event \(day)", actors: [0], day: 1, id: "w\(day)")
            incident.time += Int64(day - 1) * 86_400
            return incident
        }
        let state = Fixtures.state(incidents)
        let histogram = try #require(state.timeline)
        #expect(histogram.bucketSeconds == 7 * 86_400)
        let newest = try #require(state.store.newestTime)
        let bucketEnd = histogram.start + Int64(histogram.buckets) * histogram.bucketSeconds - 1
        #expect(TimeFormat.date(bucketEnd) != TimeFormat.date(newest))
        let axis = Screen.render(state, ctx).lines[Layout(width: 80, height: 24).timeline.y + 1]
        #expect(axis.hasSuffix(TimeFormat.date(newest)))
    }

    @Test func everyActorHiddenSaysSoAndTheTimelineShowsNothing() {
        var state = Fixtures.state(Fixtures.tenDays)
        let layout = Layout(width: 80, height: 24)
        var lines = Screen.render(state, ctx).lines
        #expect(lines[layout.timeline.y + 1].contains("per day, peak 1"))
        press(.char("i"), on: &state)  // inverts "all shown": every actor hidden
        #expect(state.hidden.count == state.registry.count && state.feed.isEmpty)
        lines = Screen.render(state, ctx).lines
        let status = lines[layout.status.y]
        #expect(status.hasPrefix(" all actors hidden │"), "\(status)")
        #expect(!status.contains("actors:"), "\(status)")
        #expect(lines[layout.timeline.y].trimmingCharacters(in: .whitespaces).isEmpty, "bars: \(lines[layout.timeline.y])")
        let axis = lines[layout.timeline.y + 1]
        #expect(axis.contains("no incident shown") && !axis.contains("peak"), "\(axis)")
    }
}
