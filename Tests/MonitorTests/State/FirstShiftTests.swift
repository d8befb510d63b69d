import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// What an officer meets on a first shift (issue 10): news that arrives while watching is marked
/// unseen and can be jumped to, late reports say so, and the feed can be read in arrival order.
@Suite struct FirstShiftTests {
    let reducer = Reducer()
    let ctx = RenderContext(theme: .fallback(actorCount: 8))
    /// Wall clock of the first read: 2026-12-01 21:04 UTC.
    static let wall = Int64(TimeParser.daysFromCivil(year: 2026, month: 12, day: 1)) * 86_400 + 21 * 3600 + 4 * 60

    /// Ten days read as the file held them when sitmon started: the first read is done.
    func watching(width: Int = 100, height: Int = 30) -> AppState {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        _ = reducer.reduce(&state, .resize(width: width, height: height))
        _ = reducer.reduce(&state, .tick(Self.wall))
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = Fixtures.tenDays
        batch.linesRead = 10
        batch.reachedEnd = true
        batch.arrivedAt = Self.wall
        _ = reducer.reduce(&state, .ingest(batch))
        return state
    }

    /// Incidents appended to the followed file later (at `after` seconds past the first read).
    func arrive(_ incidents: [Incident], after: Int64 = 60, _ state: inout AppState) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        batch.linesRead = incidents.count
        batch.reachedEnd = true
        batch.arrivedAt = Self.wall + after
        _ = reducer.reduce(&state, .ingest(batch))
    }

    func press(_ keys: Key..., on state: inout AppState) {
        for key in keys { _ = reducer.reduce(&state, .key(key)) }
    }

    func status(_ state: AppState) -> String { Screen.render(state, ctx).trimmedLines[state.height - 1] }

    /// Day 8 of August at `hour`, reported late (the newest stored is day 10, 12:00).
    func lateReport(_ summary: String = "late raid", day: Int = 8, id: String = "late") -> Incident {
        var incident = Fixtures.incident(summary, actors: [3], day: day, town: "Gao", id: id)
        incident.fatalities = 40
        return incident
    }

    // MARK: - Unseen

    @Test func theFirstReadIsNotNewsWhatArrivesLaterIs() {
        var state = watching()
        #expect(state.store.unseenCount == 0)
        #expect(state.sources[0].caughtUp)
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11"), lateReport()], &state)
        #expect(state.store.unseenCount == 2)
        let unseen = state.store.timeOrder.filter { state.store[$0].isUnseen }.map { state.store[$0].summary }
        #expect(Set(unseen) == ["event 11", "late raid"])
        #expect(status(state).hasPrefix(" 2 unseen │"))
    }

    @Test func aSourceMissingAtStartHasNothingToReadFirst() {
        var state = AppState(sources: [SourceInfo(name: "later.jsonl")])
        var look = IngestBatch(source: 0, status: .waiting(.noSuchFile))
        look.reachedEnd = true
        _ = reducer.reduce(&state, .ingest(look))
        #expect(state.sources[0].caughtUp)
        arrive([Fixtures.incident("first line of a new file", actors: [0], day: 3, id: "n1")], &state)
        #expect(state.store.unseenCount == 1)
    }

    @Test func aFirstReadCutByTheBudgetIsStillTheFirstRead() {
        var state = AppState(sources: [SourceInfo(name: "big.jsonl")])
        var part = IngestBatch(source: 0, status: .following)
        part.incidents = Array(Fixtures.tenDays.prefix(5))
        part.reachedEnd = false
        _ = reducer.reduce(&state, .ingest(part))
        #expect(!state.sources[0].caughtUp)
        part.incidents = Array(Fixtures.tenDays.suffix(5))
        part.reachedEnd = true
        _ = reducer.reduce(&state, .ingest(part))
        #expect(state.store.unseenCount == 0)
        #expect(state.sources[0].caughtUp)
    }

    @Test func theFeedMarksUnseenRowsInItsMarkColumn() {
        var state = watching()
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11")], &state)
        let canvas = Screen.render(state, ctx)
        let feed = Layout(width: state.width, height: state.height).feed
        #expect(canvas.lines[feed.y + 1].hasPrefix("┃●2023-08-11 12:00"))
        #expect(canvas.lines[feed.y + 2].hasPrefix("┃ 2023-08-10 12:00"))
        #expect(canvas[feed.x + 1, feed.y + 1].style == ctx.theme.style(.selection), "the newest row is selected")
        // Selecting the row (not the follow mode putting it there) marks it seen.
        press(.char("j"), .char("k"), on: &state)
        #expect(state.store.unseenCount == 0)
        #expect(Screen.render(state, ctx).lines[feed.y + 1].hasPrefix("┃ 2023-08-11 12:00"))
        #expect(!status(state).contains("unseen"))
    }

    @Test func uJumpsToTheNextUnseenWhereverItSitsAndUGoesBack() {
        var state = watching()
        arrive([lateReport("late one", day: 3, id: "l1"), lateReport("late two", day: 6, id: "l2")], &state)
        #expect(state.selected == 0)
        press(.char("u"), on: &state)
        // Downwards (older) from the top: day 6 comes before day 3.
        #expect(state.selectedIncident?.summary == "late two")
        #expect(state.store.unseenCount == 1)
        #expect(state.flash == nil, "the status line counts what is left")
        #expect(status(state).hasPrefix(" 1 unseen │"))
        press(.char("u"), on: &state)
        #expect(state.selectedIncident?.summary == "late one")
        #expect(state.flash == "last unseen incident")
        press(.char("u"), on: &state)
        #expect(state.selectedIncident?.summary == "late one")
        #expect(state.flash == "nothing unseen")
        #expect(status(state).hasPrefix(" nothing unseen │"))
    }

    @Test func shiftUGoesUpAndWrapsRoundTheFeed() {
        var state = watching()
        arrive([lateReport("late one", day: 3, id: "l1"), lateReport("late two", day: 6, id: "l2")], &state)
        press(.char("G"), on: &state)  // the oldest row: day 1
        press(.char("U"), on: &state)
        #expect(state.selectedIncident?.summary == "late one")
        press(.char("g"), on: &state)
        press(.char("U"), on: &state)  // up from the top wraps to the bottom and climbs to day 6
        #expect(state.selectedIncident?.summary == "late two")
    }

    @Test func unseenHiddenByTheFiltersIsSaid() {
        var state = watching()
        arrive([lateReport()], &state)  // JNIM
        press(.char("4"), on: &state)
        press(.char("u"), on: &state)
        #expect(state.flash == "1 unseen, all hidden by the filters")
        #expect(state.store.unseenCount == 1)
    }

    @Test func unseenAfterTheReplayMomentIsSaid() {
        var state = watching()
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11")], &state)
        press(.char(","), .char("u"), on: &state)
        #expect(state.flash == "1 unseen, none in the replay (N returns to live)")
        press(.char("N"), .char("u"), on: &state)
        #expect(state.selectedIncident?.summary == "event 11")
        #expect(state.store.unseenCount == 0)
    }

    @Test func capitalMMarksEverythingSeen() {
        var state = watching()
        arrive([lateReport("a", day: 3, id: "a"), lateReport("b", day: 4, id: "b"), lateReport("c", day: 5, id: "c")], &state)
        press(.char("M"), on: &state)
        #expect(state.store.unseenCount == 0)
        #expect(state.store.timeOrder.allSatisfy { !state.store[$0].isUnseen })
        #expect(state.flash == "3 marked seen")
    }

    @Test func unseenCountFollowsRetractionsRevisionsAndEviction() {
        var state = watching()
        arrive([lateReport("a", day: 3, id: "a"), lateReport("b", day: 4, id: "b")], &state)
        #expect(state.store.unseenCount == 2)
        var batch = IngestBatch(source: 0, status: .following)
        batch.retractions = ["a"]
        batch.reachedEnd = true
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.store.unseenCount == 1)
        // A correction of an unseen incident is still unseen, counted once.
        arrive([lateReport("b revised", day: 4, id: "b")], &state)
        #expect(state.store.unseenCount == 1)
        #expect(state.store.arrivals.count == 1)
    }

    // MARK: - Late reports

    @Test func aLiveArrivalMoreThanSixHoursBeforeTheNewestIsLate() {
        var state = watching()
        var inTime = Fixtures.incident("five hours before", actors: [0], day: 10, id: "t5")
        inTime.time -= 5 * 3600
        arrive([inTime, lateReport()], &state)
        let late = state.store.timeOrder.filter { state.store[$0].isLate }.map { state.store[$0].summary }
        #expect(late == ["late raid"])
        // Only late reports keep their arrival: a flood of timely lines costs nothing there.
        #expect(state.store.arrivals.count == 1)
        #expect(state.store.unseenCount == 2)
        let slot = try! #require(state.store.slot(forID: "late"))
        #expect(state.store.arrivals[slot] == IncidentStore.Arrival(at: Self.wall + 60, delay: 2 * 86_400))
    }

    @Test func aFileReadOutOfOrderAtStartHasNoLateMarks() {
        var state = AppState(sources: [SourceInfo(name: "acled.csv")])
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = Fixtures.tenDays.reversed()
        batch.reachedEnd = true
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.store.timeOrder.allSatisfy { !state.store[$0].isLate })
        #expect(state.store.arrivals.isEmpty)
    }

    @Test func aLateRowSaysLateAndTheDetailGivesTheDelay() {
        var state = watching(width: 100, height: 40)
        arrive([lateReport()], &state)
        let lines = Screen.render(state, ctx).lines
        let row = try! #require(lines.first { $0.contains("late raid") })
        #expect(row.contains("†40 late late raid") || row.contains("late †40") || row.contains("†40 late"))
        press(.char("u"), .enter, on: &state)
        let detail = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(detail.contains("reported 2 d after the event"))
        #expect(detail.contains("arrived 21:05 UTC"))
    }

    // MARK: - Arrival order

    @Test func rShowsTheNewestArrivalFirstAndTheTitleSaysSo() {
        var state = watching()
        arrive([lateReport()], &state)
        #expect(state.feedSlot(0) != state.store.slot(forID: "late"))
        press(.char("r"), on: &state)
        #expect(state.order == .arrival)
        #expect(state.store.incident(state.feedSlot(0)).summary == "late raid")
        let feed = Layout(width: state.width, height: state.height).feed
        #expect(Screen.render(state, ctx).lines[feed.y].hasPrefix("┏ Feed · 11 incidents · by arrival, newest first ━"))
        // Whatever arrives next, late or not, goes on top.
        arrive([lateReport("later still", day: 2, id: "l2"), Fixtures.incident("event 12", actors: [0], day: 12, id: "e12")], &state)
        #expect((0..<3).map { state.store.incident(state.feedSlot($0)).summary } == ["event 12", "later still", "late raid"])
        press(.char("r"), on: &state)
        #expect(state.order == .time)
        #expect(state.store.incident(state.feedSlot(0)).summary == "event 12")
        #expect(Screen.render(state, ctx).lines[feed.y].hasPrefix("┏ Feed · 13 incidents · by time, newest first ━"))
    }

    @Test func switchingOrderKeepsTheSelectedIncident() {
        var state = watching()
        arrive([lateReport()], &state)
        press(.char("j"), .char("j"), .char("j"), on: &state)
        let chosen = state.selectedSlot
        press(.char("r"), on: &state)
        #expect(state.selectedSlot == chosen)
        press(.char("r"), on: &state)
        #expect(state.selectedSlot == chosen)
    }

    @Test func arrivalOrderHoldsUnderFiltersAndNarrowing() {
        var state = watching()
        arrive([lateReport()], &state)
        press(.char("r"), on: &state)
        press(.char("/"), .char("r"), .char("a"), .enter, on: &state)
        // The feed stays in arrival order however the text filter narrows it.
        #expect(state.feed == state.feed.sorted())
        press(.char("t"), on: &state)
        #expect(state.feed == state.feed.sorted())
    }

    // MARK: - The clock and silent sources

    @Test func theStatusLineShowsTheUTCClockAndAnIdleTickOnlyWhenTheMinuteTurns() {
        var state = watching()
        #expect(status(state).hasSuffix("21:04Z ? help"))
        #expect(!state.tickDue(at: Self.wall + 30))
        #expect(state.tickDue(at: Self.wall + 60))
        _ = reducer.reduce(&state, .tick(Self.wall + 61))
        #expect(status(state).hasSuffix("21:05Z ? help"))
    }

    @Test func aFollowedFileSilentPastStaleAfterLooksDead() {
        var state = watching()
        state.staleAfter = 90
        #expect(state.silence(of: state.sources[0]) == nil)
        #expect(!state.tickDue(at: Self.wall + 59))
        // Crossing the limit mid-minute is worth a tick of its own.
        _ = reducer.reduce(&state, .tick(Self.wall + 59))
        #expect(state.tickDue(at: Self.wall + 91))
        _ = reducer.reduce(&state, .tick(Self.wall + 42 * 60))
        #expect(state.silence(of: state.sources[0]) == Int64(42 * 60))
        let line = status(state)
        #expect(line.hasPrefix(" no data for 42 min │"), "\(line)")
        let canvas = Screen.render(state, ctx)
        #expect(canvas[2, state.height - 1].style == ctx.theme.style(.statusWarning))
        state.overlay = .sources(scroll: 0)
        #expect(Screen.render(state, ctx).lines.joined().contains("no data for 42 min (stale after 1 min)"))
        // A line arrives: fresh again.
        arrive([Fixtures.incident("event 11", actors: [0], day: 11, id: "e11")], after: 42 * 60, &state)
        #expect(state.silence(of: state.sources[0]) == nil)
        state.overlay = .sources(scroll: 0)
        _ = reducer.reduce(&state, .tick(Self.wall + 43 * 60))
        #expect(Screen.render(state, ctx).lines.joined().contains("last data 1 min ago (21:46 UTC)"))
    }

    @Test func staleAfterOffNeverCallsASourceSilent() {
        var state = watching()
        state.staleAfter = nil
        _ = reducer.reduce(&state, .tick(Self.wall + 86_400))
        #expect(state.silence(of: state.sources[0]) == nil)
        #expect(!status(state).contains("no data"))
    }

    @Test func waitingOrEndedSourcesAreNotCalledSilent() {
        var state = watching()
        state.staleAfter = 60
        state.sources[0].status = .ended
        _ = reducer.reduce(&state, .tick(Self.wall + 3600))
        #expect(state.silence(of: state.sources[0]) == nil)
    }

    @Test func staleAfterIsReadFromTheConfigAsADuration() throws {
        #expect(try UserConfig.parse(#"stale_after = "90s""#, file: "c").staleAfter == 90)
        #expect(try UserConfig.parse(#"stale_after = "30m""#, file: "c").staleAfter == 1800)
        #expect(try UserConfig.parse(#"stale_after = "2h""#, file: "c").staleAfter == 7200)
        #expect(try UserConfig.parse(#"stale_after = "0""#, file: "c").staleAfter == 0)
        #expect(throws: ThemeError.self) { try UserConfig.parse(#"stale_after = "soon""#, file: "c") }
        #expect(throws: ThemeError.self) { try UserConfig.parse("stale_after = 90", file: "c") }
        #expect(AppState().staleAfter == Int64(30 * 60))
    }

    // MARK: - Retractions

    @Test func aRetractionIsSaidAndListed() {
        var state = watching()
        var batch = IngestBatch(source: 0, status: .following)
        batch.retractions = ["e7", "no-such-id"]
        batch.arrivedAt = Self.wall + 60
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.retractedCount == 1)
        #expect(state.retracted == [Retraction(id: "e7", place: "Gao", summary: "event 7", time: Fixtures.tenDays[6].time,
                                               at: Self.wall + 60, file: "fixture.jsonl")])
        #expect(status(state).hasPrefix(" 1 retracted 21:05 │"))
        press(.char("e"), on: &state)
        let list = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(list.contains("Retracted · 1"))
        #expect(list.contains("21:05 UTC  e7  fixture.jsonl"))
        #expect(list.contains("2023-08-07 Gao: event 7"))
        // After a quarter of an hour the status line stops saying it; the list keeps it.
        #expect(state.tickDue(at: Self.wall + 60 + AppState.retractionShownFor))
        _ = reducer.reduce(&state, .tick(Self.wall + 60 + AppState.retractionShownFor))
        press(.escape, on: &state)
        #expect(!status(state).contains("retracted"))
    }

    // MARK: - The time window's label

    @Test func theWindowSaysItCountsBackFromTheData() {
        var state = watching()
        press(.char("t"), on: &state)
        #expect(status(state).contains("last 24 h of data"))
    }

    // MARK: - Key traps

    @Test func whileHelpIsOpenOnlyItsKeysAct() {
        var state = watching()
        press(.char("?"), on: &state)
        let before = (state.hidden, state.selected, state.feed, state.order, state.focus, state.filter)
        press(.char("1"), .char("G"), .char("r"), .char("u"), .char("x"), .tab, .char("t"), on: &state)
        #expect(state.hidden == before.0)
        #expect(state.selected == before.1)
        #expect(state.feed == before.2)
        #expect(state.order == before.3)
        #expect(state.focus == before.4)
        #expect(state.filter == before.5)
        #expect(state.overlay == .help(scroll: 0))
        press(.char("q"), on: &state)
        #expect(state.overlay == .none, "q closes help rather than quitting")
        press(.char("e"), .char("2"), on: &state)
        #expect(state.hidden.isEmpty, "a list overlay takes the keys too")
        #expect(reducer.reduce(&state, .key(.ctrl("c"))) == [.quit])
    }

    @Test func nGoesBackToLiveInEveryFocusAndLOnlyPansTheMap() {
        var state = watching()
        for focus in [Pane.feed, .legend, .map] {
            state.focus = focus
            press(.char(","), on: &state)
            #expect(state.replayAt != nil)
            press(.char("N"), on: &state)
            #expect(state.replayAt == nil, "N in \(focus)")
        }
        state.focus = .map
        press(.char(","), on: &state)
        let centre = MapViewport.projection(state).center
        press(.char("L"), on: &state)
        #expect(state.replayAt != nil, "L pans; it does not end the replay")
        #expect(MapViewport.projection(state).center.lon > centre.lon)
        state.focus = .feed
        press(.char("L"), on: &state)
        #expect(state.replayAt != nil)
    }

    @Test func oAsksForTheDigit() {
        var state = watching()
        press(.char("o"), on: &state)
        #expect(status(state).hasPrefix(" show only: press 1-8 (any other key cancels) │"))
        press(.char("4"), on: &state)
        #expect(state.hidden == Set((0..<8).filter { $0 != 3 }.map { ActorID($0) }))
        #expect(state.flash == nil)
    }

    @Test func capitalTNamesTheThemeItSwitchedTo() {
        var state = watching()
        #expect(reducer.reduce(&state, .key(.char("T"))) == [.cycleTheme])
        _ = reducer.reduce(&state, .themeChanged(name: "light", notice: nil))
        #expect(state.themeName == "light")
        #expect(status(state).hasPrefix(" theme: light │"))
        press(.char("j"), on: &state)
        #expect(state.flash == nil)
    }

    @Test func escAfterAMapRestrictionKeepsTheSelectedIncident() {
        var state = watching()
        state.focus = .map
        let timbuktu = try! #require(Gazetteer.mali.lookup("Timbuktu")?.point)
        state.map.center = timbuktu
        press(.enter, on: &state)
        #expect(state.map.restriction != nil)
        // The newest incident of the cell is selected, which is not the newest of the whole feed.
        let chosen = try! #require(state.selectedSlot)
        #expect(state.store.incident(chosen).place == "Timbuktu")
        press(.escape, on: &state)
        #expect(state.map.restriction == nil)
        #expect(state.selectedSlot == chosen)
        #expect(state.selected > 0)
    }

    @Test func enterOnAnEmptyMapCellSaysSo() {
        var state = watching()
        state.focus = .map
        state.map.center = GeoPoint(lat: 24.5, lon: 3.5)  // the empty desert by the Algerian border
        let before = state.feed
        press(.enter, on: &state)
        #expect(state.map.restriction == nil)
        #expect(state.feed == before)
        #expect(state.flash == "no incident shown in this cell")
    }

    @Test func cOnAnUnlocatedIncidentSaysSo() {
        var lost = Fixtures.incident("nowhere", actors: [0], day: 11, town: "Atlantis", id: "x")
        lost.location = nil
        var state = Fixtures.state(Fixtures.tenDays + [lost])
        let before = state.map
        press(.char("c"), on: &state)
        #expect(state.map == before)
        #expect(state.flash == "no position: Atlantis is not in the gazetteer and the line has no coordinates")
        #expect(status(state).hasPrefix(" no position: Atlantis"))
    }

    @Test func theFatalityPromptRefusesWhatIsNotADigit() {
        var state = watching()
        press(.char("F"), .char("5"), .char("-"), on: &state)
        #expect(state.numberPrompt == NumberPrompt(digits: "5", error: "\"-\" refused: digits only"))
        #expect(status(state).contains("\"-\" refused: digits only"))
        press(.char("0"), on: &state)
        #expect(state.numberPrompt == NumberPrompt(digits: "50"))
        press(.enter, on: &state)
        #expect(state.filter.minFatalities == 50)
    }

    // MARK: - 80x24

    @Test func at80x24TheFeedShowsEightRowsWithTheTimeOfDay() {
        let state = watching(width: 80, height: 24)
        let layout = Layout(width: 80, height: 24)
        #expect(layout.feedRows >= 8)
        let lines = Screen.render(state, ctx).lines
        let rows = lines[(layout.feed.y + 1)..<(layout.feed.y + 1 + 8)]
        #expect(rows.allSatisfy { $0.contains(" 12:00 ") }, "\(rows)")
    }

    @Test func theCellBoxCoversAtMostAThirdOfTheMap() {
        for (width, height) in [(80, 24), (100, 30), (200, 60), (140, 40)] {
            var incidents: [Incident] = []
            for day in 1...9 { incidents.append(Fixtures.incident("at Timbuktu \(day)", actors: [3], day: day, town: "Timbuktu", id: "t\(day)")) }
            var state = Fixtures.state(incidents, width: width, height: height)
            state.focus = .map
            state.map.center = Gazetteer.mali.lookup("Timbuktu")?.point
            let lines = Screen.render(state, ctx).lines
            let map = Layout(width: width, height: height).map
            guard let top = lines.firstIndex(where: { $0.contains("incidents here") }) else {
                Issue.record("no cell box at \(width)x\(height)")
                continue
            }
            let column = lines[top].distance(from: lines[top].startIndex, to: lines[top].firstIndex(of: "┌") ?? lines[top].startIndex)
            let bottom = (top + 1..<lines.count).first { Array(lines[$0])[column] == "└" } ?? lines.count
            let boxRows = bottom - top + 1
            #expect(boxRows * 3 <= map.height - 2, "box of \(boxRows) rows on a map of \(map.height - 2) at \(width)x\(height)")
        }
    }

    @Test func theStatusLinePutsWhatMattersFirstAndShortensBeforeItCuts() {
        var state = watching(width: 80, height: 24)
        state.staleAfter = 60
        arrive([lateReport()], &state)
        state.badLineCount = 3
        press(.char("1"), on: &state)
        _ = reducer.reduce(&state, .tick(Self.wall + 10 * 60))
        let line = status(state)
        // Unseen, silent, bad lines, filters: in that order, each still there in a short form.
        #expect(line.hasPrefix(" 1 unseen │ silent 9m │ 3 bad │ hiding FAMA │ 9/11 shown │ live"), "\(line)")
        #expect(line.hasSuffix("21:14Z ? help"))
        #expect(!line.contains("…"), "shortened, not cut: \(line)")
        // With room, every fact in full.
        _ = reducer.reduce(&state, .resize(width: 200, height: 30))
        let wide = status(state)
        #expect(wide.hasPrefix(" 1 unseen │ no data for 9 min │ 3 bad lines │ hiding FAMA │ 11 incidents, 9 shown │ feed: live │ file fixture.jsonl: following"), "\(wide)")
    }
}

/// Prompt keys and the digit after `o` come from the key table (issue 11): help lists them, and
/// the table, not the reducer, decides what they do.
@Suite struct PromptKeyTableTests {
    let reducer = Reducer()

    @Test func helpListsThePromptKeysAndTheSoloDigit() {
        let rows = KeyMap.standard.helpRows()
        let prompt = rows.filter { $0.scope == .prompt }.map(\.keys)
        #expect(prompt == ["Enter", "Esc", "Backspace", "Ctrl-U", "Tab", "Ctrl-C"])
        #expect(rows.contains { $0.scope == .solo && $0.keys == "1-8" })
    }

    @Test func aPromptKeyActsThroughTheTable() {
        // A table that binds Tab to "cancel" in prompts: the reducer follows the table.
        var bindings = KeyMap.standard.bindings.filter {
            !($0.scope == .prompt && ($0.command == .promptCancel || $0.command == .promptComplete))
        }
        bindings.append(KeyBinding(keys: [.tab], command: .promptCancel, scope: .prompt, help: "cancel"))
        let custom = Reducer(keyMap: KeyMap(bindings: bindings))
        var state = Fixtures.state(Fixtures.tenDays)
        for key: Key in [.char("/"), .char("B"), .char("e")] { _ = custom.reduce(&state, .key(key)) }
        #expect(state.prompt?.text == "Be")
        _ = custom.reduce(&state, .key(.escape))
        #expect(state.prompt?.text == "Be", "Esc is no longer bound in prompts: nothing happens")
        _ = custom.reduce(&state, .key(.tab))
        #expect(state.prompt == nil)
        #expect(state.filter.text == nil)
        #expect(state.feed.count == 10)
    }

    @Test func theSoloDigitActsThroughTheTable() {
        var state = Fixtures.state(Fixtures.tenDays)
        for key: Key in [.char("o"), .char("9")] { _ = reducer.reduce(&state, .key(key)) }
        #expect(state.hidden.isEmpty, "9 is not an actor: the prefix is cancelled")
        for key: Key in [.char("o"), .char("3")] { _ = reducer.reduce(&state, .key(key)) }
        #expect(state.hidden == Set((0..<8).filter { $0 != 2 }.map { ActorID($0) }))
    }
}
