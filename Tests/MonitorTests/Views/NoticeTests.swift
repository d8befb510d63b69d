import Testing
@testable import MonitorCore
@testable import MonitorState
@testable import MonitorViews

/// Notices (a config error, a broken theme, a file named twice) are said in full when the status
/// line has room, counted and pointed at `s` when it has not, and listed one by one there.
@Suite struct NoticeTests {
    static let notices = "config.toml line 3: unknown key \"colour\"; ignored\nmali.jsonl given twice; read once"

    func state(width: Int) -> AppState {
        var state = AppState(sources: [SourceInfo(name: "mali.jsonl")], notice: Self.notices)
        _ = Reducer().reduce(&state, .resize(width: width, height: 40))
        return state
    }

    @Test func theStatusLineSaysThemInFullOrCountsThem() {
        let wide = ReadingProgressTests.statusLine(state(width: 200), width: 200)
        #expect(wide.contains("config.toml line 3: unknown key \"colour\"; ignored; mali.jsonl given twice; read once"))
        let narrow = ReadingProgressTests.statusLine(state(width: 80), width: 80)
        #expect(narrow.contains("2 notices (s)"))
        #expect(!narrow.contains("config problem"))
    }

    @Test func theSourcesViewListsEachNotice() {
        let state = state(width: 120)
        var canvas = Canvas(width: 120, height: 40)
        SourcesOverlay.draw(state, scroll: 0, RenderContext(theme: .fallback(actorCount: 8)), on: &canvas)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("config.toml line 3: unknown key \"colour\"; ignored"))
        #expect(text.contains("mali.jsonl given twice; read once"))
        #expect(StatusLineView.notices(state).count == 2)
    }
}
