import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// `F`: the officer types any minimum number of fatalities, beyond the steps `f` cycles through.
@Suite struct FatalitiesPromptTests {
    let reducer = Reducer()

    func press(_ keys: Key..., on state: inout AppState) {
        for key in keys { _ = reducer.reduce(&state, .key(key)) }
    }

    /// Ten incidents, incident n with n * 3 dead.
    var state: AppState {
        let incidents = Fixtures.tenDays.enumerated().map { i, incident in
            var incident = incident
            incident.fatalities = (i + 1) * 3
            return incident
        }
        return Fixtures.state(incidents)
    }

    @Test func typedNumberBecomesTheMinimumOnEnter() {
        var state = state
        press(.char("F"), on: &state)
        #expect(state.numberPrompt == NumberPrompt())
        // A letter is refused aloud and changes nothing; Backspace takes one digit back.
        press(.char("0"), .char("x"), on: &state)
        #expect(state.numberPrompt == NumberPrompt(digits: "0", error: "\"x\" refused: digits only"))
        press(.char("1"), .char("9"), .backspace, .char("2"), on: &state)
        #expect(state.numberPrompt == NumberPrompt(digits: "012"))
        #expect(state.filter.minFatalities == 0)
        #expect(state.feed.count == 10)
        press(.enter, on: &state)
        #expect(state.numberPrompt == nil)
        #expect(state.filter.minFatalities == 12)
        #expect(state.feed.map { Int(state.store[$0].fatalities) } == [12, 15, 18, 21, 24, 27, 30])
        #expect(state.filter.summary(registry: state.registry).contains("≥12 killed"))
    }

    @Test func escapeLeavesTheFilterAndEmptyEnterRemovesIt() {
        var state = state
        press(.char("F"), .char("2"), .char("0"), .enter, on: &state)
        #expect(state.filter.minFatalities == 20)
        #expect(state.feed.count == 4)
        press(.char("F"), .char("5"), .escape, on: &state)
        #expect(state.numberPrompt == nil)
        #expect(state.filter.minFatalities == 20)
        #expect(state.feed.count == 4)
        press(.char("F"), .ctrl("u"), .enter, on: &state)
        #expect(state.filter.minFatalities == 0)
        #expect(state.feed.count == 10)
    }

    @Test func keysGoToThePromptWhileItIsOpen() {
        var state = state
        press(.char("F"), .char("q"), .char("4"), on: &state)
        // `q` did not quit and `4` did not hide JNIM: both went to the prompt (q ignored).
        #expect(state.numberPrompt?.digits == "4")
        #expect(state.hidden.isEmpty)
        #expect(reducer.reduce(&state, .key(.ctrl("c"))) == [.quit])
    }

    @Test func promptReplacesTheStatusLine() {
        var state = state
        press(.char("F"), .char("1"), .char("2"), on: &state)
        let canvas = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8)))
        let status = canvas.lines[Layout(width: 80, height: 24).status.y]
        #expect(status.hasPrefix("at least 12▏ killed · Enter applies"))
    }
}
