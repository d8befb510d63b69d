import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// The filter keys: solo, invert, fatalities, time window, clear, the `/` prompt, the type picker.
@Suite struct FilterKeyTests {
    let reducer = Reducer()

    @discardableResult
    func press(_ keys: Key..., on state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += reducer.reduce(&state, .key(key)) }
        return effects
    }

    func type(_ text: String, on state: inout AppState) {
        for c in text { press(.char(c), on: &state) }
    }

    func days(_ state: AppState) -> [Int] {
        (0..<state.feed.count).map { Int(state.store.incident(state.feedSlot($0)).summary.dropFirst(6))! }
    }

    let all: Set<ActorID> = Set((0..<8).map { ActorID($0) })

    @Test func oThenDigitSolosAndTheSameAgainUndoes() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("2"), on: &state)  // Wagner hidden first: the undo must bring that back
        press(.char("o"), .char("4"), on: &state)
        #expect(state.hidden == all.subtracting([3]))
        #expect(state.soloUndo == [1])
        #expect(state.pendingSolo == false)
        #expect(days(state) == [9, 6, 4, 1])
        press(.char("o"), .char("4"), on: &state)
        #expect(state.hidden == [1])
        #expect(state.soloUndo == nil)
        #expect(state.feed.count == 10)
    }

    @Test func oThenAnotherKeyIsThatKey() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("o"), .char("j"), on: &state)
        #expect(state.pendingSolo == false)
        #expect(state.hidden.isEmpty)
        #expect(state.selected == 1)
    }

    @Test func iInvertsTheActorSelection() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("4"), .char("i"), on: &state)
        #expect(state.hidden == all.subtracting([3]))
        #expect(days(state) == [9, 6, 4, 1])
        press(.char("i"), on: &state)
        #expect(state.hidden == [3])
    }

    @Test func legendEnterSolosAndSpaceToggles() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.focus = .legend
        state.legendCursor = 2
        press(.enter, on: &state)
        #expect(state.hidden == all.subtracting([2]))
        #expect(days(state) == [7, 2])
        press(.enter, on: &state)
        #expect(state.hidden.isEmpty)
        press(.char(" "), on: &state)
        #expect(state.hidden == [2])
    }

    @Test func fCyclesMinimumFatalities() {
        var state = Fixtures.state(Fixtures.tenDays)
        var seen: [Int] = []
        for _ in 0..<5 {
            press(.char("f"), on: &state)
            seen.append(state.filter.minFatalities)
        }
        #expect(seen == [1, 5, 10, 50, 0])
        press(.char("f"), on: &state)
        #expect(state.feed.isEmpty)  // the fixtures killed nobody
    }

    @Test func tCyclesTheTimeWindow() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("t"), on: &state)
        #expect(state.filter.window == .day)
        #expect(days(state) == [10, 9])
        press(.char("t"), on: &state)
        #expect(state.filter.window == .week)
        #expect(state.feed.count == 8)
        press(.char("t"), .char("t"), on: &state)
        #expect(state.filter.window == .all)
        #expect(state.feed.count == 10)
    }

    @Test func xClearsEveryFilterAndTheRestriction() throws {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("1"), .char("f"), .char("t"), on: &state)
        state.filter.types = ["riot"]
        state.filter.text = try TextQuery("gao")
        _ = reducer.reduce(&state, .command(.map(.centerOnSelection)))
        _ = reducer.reduce(&state, .command(.map(.restrictToCursor)))
        press(.char("x"), on: &state)
        #expect(state.filter == FeedFilter())
        #expect(state.map.restriction == nil)
        #expect(state.feed.count == 10)
    }

    @Test func slashFiltersLiveAndEscRestoresThePreviousQuery() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("/"), on: &state)
        #expect(state.prompt == TextPrompt(text: "", previous: nil))
        type("gaq", on: &state)  // q goes to the prompt, it does not quit
        #expect(state.feed.isEmpty)
        press(.backspace, on: &state)
        press(.char("o"), on: &state)
        #expect(state.prompt?.text == "gao")
        #expect(state.filter.text?.raw == "gao")
        #expect(days(state) == [7, 2])
        press(.enter, on: &state)
        #expect(state.prompt == nil)
        #expect(state.filter.text?.raw == "gao")
        press(.char("/"), on: &state)
        #expect(state.prompt == TextPrompt(text: "gao", previous: try! TextQuery("gao")))
        press(.ctrl("u"), on: &state)
        #expect(state.prompt?.text == "")
        #expect(state.filter.text == nil)
        #expect(state.feed.count == 10)
        type("kidal", on: &state)
        #expect(days(state) == [8, 3])
        press(.escape, on: &state)
        #expect(state.prompt == nil)
        #expect(state.filter.text?.raw == "gao")
        #expect(days(state) == [7, 2])
    }

    @Test func enterOnAnEmptyPromptRemovesTheTextFilter() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("/"), on: &state)
        type("ber", on: &state)
        press(.enter, .char("/"), .ctrl("u"), .enter, on: &state)
        #expect(state.prompt == nil)
        #expect(state.filter.text == nil)
        #expect(state.feed.count == 10)
    }

    @Test func aBadRegexIsReportedInThePromptAndKeepsTheLastGoodQuery() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("/"), on: &state)
        type("re:ga", on: &state)
        #expect(state.filter.text?.raw == "re:ga")
        #expect(days(state) == [7, 2])
        type("(", on: &state)
        #expect(state.prompt?.error == "bad regular expression: ga(")
        #expect(state.filter.text?.raw == "re:ga")
        press(.enter, on: &state)  // not usable: the prompt stays open
        #expect(state.prompt?.text == "re:ga(")
        press(.backspace, .enter, on: &state)
        #expect(state.prompt == nil)
        #expect(state.filter.text?.raw == "re:ga")
    }

    @Test func ctrlCStillQuitsFromThePrompt() {
        var state = Fixtures.state(Fixtures.tenDays)
        press(.char("/"), on: &state)
        #expect(press(.ctrl("c"), on: &state) == [.quit])
    }

    @Test func yPicksEventTypes() {
        var batch = Fixtures.tenDays
        batch[0].type = .protest
        var state = Fixtures.state(batch)
        press(.char("y"), on: &state)
        #expect(state.overlay == .types(cursor: 0))
        #expect(state.typeChoices == ["battle", "protest"])
        press(.char(" "), on: &state)
        #expect(state.filter.types == ["protest"])
        #expect(days(state) == [1])
        press(.char("j"), .char("j"), on: &state)
        #expect(state.overlay == .types(cursor: 1))
        press(.char(" "), on: &state)
        #expect(state.filter.types == [])
        #expect(state.feed.isEmpty)
        press(.char("a"), on: &state)
        #expect(state.filter.types == nil)
        #expect(state.feed.count == 10)
        press(.char(" "), .char(" "), on: &state)
        #expect(state.filter.types == nil)  // all present types shown again: no type filter
        press(.char("y"), on: &state)
        #expect(state.overlay == .none)
        press(.char("y"), .enter, on: &state)
        #expect(state.overlay == .none)
        press(.char("y"), .escape, on: &state)
        #expect(state.overlay == .none)
    }
}
