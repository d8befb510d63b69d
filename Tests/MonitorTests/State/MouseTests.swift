import Testing
@testable import MonitorCore
@testable import MonitorState

@Suite struct MouseTests {
    let reducer = Reducer()

    @Test func clickOnAFeedRowSelectsThatIncident() {
        var state = Fixtures.state(Fixtures.tenDays)
        let feed = Layout(width: 80, height: 24).feed
        _ = reducer.reduce(&state, .click(x: 20, y: feed.y + 1 + 3))
        #expect(state.selected == 3)
        #expect(state.focus == .feed)
        #expect(state.selectedIncident?.summary == "event 7")
    }

    @Test func clickOnALegendRowTogglesThatActor() {
        var state = Fixtures.state(Fixtures.tenDays)
        let legend = Layout(width: 80, height: 24).legend
        _ = reducer.reduce(&state, .click(x: legend.x + 3, y: legend.y + 1 + 3))
        #expect(state.hidden == [3])
        #expect(state.focus == .legend)
    }

    @Test func clickOnTheMapMovesTheCursorThere() {
        var state = Fixtures.state(Fixtures.tenDays)
        let area = MapViewport.area(width: 80, height: 24)
        let before = MapViewport.projection(state)
        let target = before.point(column: 5, row: 3)
        _ = reducer.reduce(&state, .click(x: area.x + 5, y: area.y + 3))
        #expect(state.focus == .map)
        #expect(state.map.center == target)
    }

    @Test func wheelScrollsTheFeedWithinBounds() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = reducer.reduce(&state, .wheel(3))
        #expect(state.selected == 3)
        _ = reducer.reduce(&state, .wheel(-10))
        #expect(state.selected == 0)
    }

    @Test func clickWhileAnOverlayIsOpenClosesIt() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = reducer.reduce(&state, .key(.char("?")))
        _ = reducer.reduce(&state, .click(x: 1, y: 1))
        #expect(state.overlay == .none)
    }
}
