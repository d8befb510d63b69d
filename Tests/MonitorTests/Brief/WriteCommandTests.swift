import Testing
@testable import MonitorCore
@testable import MonitorState

/// `:write` asks the run loop for a briefing and shows where it went; the reducer writes nothing.
@Suite struct WriteCommandTests {
    func typed(_ line: String, on state: inout AppState) -> [Effect] {
        let reducer = Reducer()
        _ = reducer.reduce(&state, .key(.char(":")))
        for c in line { _ = reducer.reduce(&state, .key(.char(c))) }
        return reducer.reduce(&state, .key(.enter))
    }

    @Test(":write returns the effect, with the folder when one is named")
    func writeEffect() {
        var state = Fixtures.state(Fixtures.tenDays)
        #expect(typed("write", on: &state) == [.writeBriefing(folder: nil)])
        #expect(state.linePrompt == nil)
        #expect(typed("write /tmp/briefs", on: &state) == [.writeBriefing(folder: "/tmp/briefs")])
        #expect(typed("wri", on: &state) == [.writeBriefing(folder: nil)])
    }

    @Test("the run loop's answer: where it went in the status line, or why not as a notice")
    func outcome() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = Reducer().reduce(&state, .briefing(.written("./sitmon-brief-20230814-0830Z")))
        #expect(state.flash == "briefing written to ./sitmon-brief-20230814-0830Z")
        _ = Reducer().reduce(&state, .briefing(.failed("/nowhere: No such file or directory")))
        #expect(state.notice == "briefing not written: /nowhere: No such file or directory")
    }
}
