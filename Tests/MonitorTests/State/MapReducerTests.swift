import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

@Suite struct MapReducerTests {
    let reducer = Reducer()

    func mapFocused(width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixtures.state(Fixtures.tenDays, width: width, height: height)
        state.focus = .map
        return state
    }

    func projection(_ state: AppState) -> Projection { MapViewport.projection(state) }

    @Test func arrowsAndHjklPanOneCellInMapFocus() {
        var state = mapFocused()
        let start = projection(state)
        MapFixtures.press([.char("l"), .right], &state)
        #expect(abs(projection(state).center.lon - (start.center.lon + 2 * start.degreesPerColumn)) < 1e-9)
        MapFixtures.press([.char("h"), .left], &state)
        #expect(abs(projection(state).center.lon - start.center.lon) < 1e-9)
        MapFixtures.press([.char("j")], &state)
        #expect(abs(projection(state).center.lat - (start.center.lat - start.degreesPerRow)) < 1e-9)
        MapFixtures.press([.char("k"), .up], &state)
        #expect(abs(projection(state).center.lat - (start.center.lat + start.degreesPerRow)) < 1e-9)
        #expect(state.selected == 0, "panning must not move the feed selection")
    }

    @Test func shiftedHjklPanAQuarterOfTheMap() {
        // Tall enough that a quarter east stays inside the bounds the centre is clamped to.
        var state = mapFocused(width: 100, height: 30)
        let start = projection(state)
        MapFixtures.press([.char("L")], &state)
        #expect(abs(projection(state).center.lon - (start.center.lon + Double(start.columns / 4) * start.degreesPerColumn)) < 1e-9)
        MapFixtures.press([.char("J")], &state)
        #expect(abs(projection(state).center.lat - (start.center.lat - Double(start.rows / 4) * start.degreesPerRow)) < 1e-9)
    }

    @Test func jkInFeedFocusStillMoveTheSelection() {
        var state = Fixtures.state(Fixtures.tenDays)
        let before = state.map
        MapFixtures.press([.char("j"), .char("j"), .down], &state)
        #expect(state.selected == 3)
        #expect(state.map == before)
        MapFixtures.press([.char("k")], &state)
        #expect(state.selected == 2)
    }

    @Test func plusAndMinusZoomWithinTheLadderAndZResets() {
        var state = mapFocused()
        let ladder = MapViewport.ladder(columns: projection(state).columns, rows: projection(state).rows)
        MapFixtures.press(Array(repeating: .char("+"), count: 20), &state)
        #expect(state.map.zoom == ladder.count - 1)
        #expect(abs(projection(state).kmPerRow - 5) < 1e-9)
        MapFixtures.press([.char("-")], &state)
        #expect(state.map.zoom == ladder.count - 2)
        MapFixtures.press([.char("=")], &state)
        #expect(state.map.zoom == ladder.count - 1)
        MapFixtures.press(Array(repeating: .char("-"), count: 20), &state)
        #expect(state.map.zoom == 0)
        MapFixtures.press([.char("l"), .char("z")], &state)
        #expect(state.map.zoom == ZoomLadder.defaultLevel && state.map.center == nil)
    }

    @Test func zoomKeepsThePointUnderTheCursor() {
        var state = mapFocused()
        MapFixtures.press([.char("L"), .char("J")], &state)
        let before = projection(state).center
        MapFixtures.press([.char("+"), .char("+")], &state)
        #expect(projection(state).center == before)
    }

    @Test func cCentresOnTheSelectedIncidentInMapAndFeedFocus() throws {
        var state = Fixtures.state(Fixtures.tenDays)
        MapFixtures.press([.char("j"), .char("c")], &state)  // event 9, at Bamba
        let bamba = try #require(Gazetteer.mali.lookup("Bamba")).point
        #expect(abs(projection(state).center.lat - bamba.lat) < 1e-5 && abs(projection(state).center.lon - bamba.lon) < 1e-5)
        state.focus = .map
        MapFixtures.press([.char("z"), .char("c")], &state)
        #expect(abs(projection(state).center.lat - bamba.lat) < 1e-5)
    }

    @Test func enterRestrictsTheFeedToTheCursorCellAndEscLiftsIt() throws {
        var state = mapFocused()
        MapFixtures.press([.char("c"), .enter], &state)  // the selection, event 10 at Ber, is now under the cursor
        let restriction = try #require(state.map.restriction)
        let summaries = (0..<state.feed.count).map { state.store.incident(state.feedSlot($0)).summary }
        #expect(summaries.contains("event 10") && summaries.contains("event 5"))
        #expect(!summaries.contains("event 8"), "Kidal is not in the cell")
        #expect(state.feed.allSatisfy { restriction.admits(state.store[$0]) })
        #expect(state.selected == 0)
        // The restriction stays put when the view moves.
        MapFixtures.press([.char("+"), .char("h")], &state)
        #expect(state.feed.count == summaries.count)
        MapFixtures.press([.escape], &state)
        #expect(state.map.restriction == nil && state.feed.count == 10)
    }

    @Test func escInTheFeedAlsoLiftsTheRestrictionButClosesOverlaysFirst() {
        var state = mapFocused()
        MapFixtures.press([.char("c"), .enter, .tab], &state)
        #expect(state.focus == .feed && state.map.restriction != nil)
        MapFixtures.press([.char("?"), .escape], &state)
        #expect(state.overlay == .none && state.map.restriction != nil)
        MapFixtures.press([.escape], &state)
        #expect(state.map.restriction == nil && state.feed.count == 10)
    }

    @Test func enterOnAnEmptyCellChangesNothing() {
        var state = mapFocused()
        MapFixtures.press([.char("z")], &state)
        MapFixtures.press(Array(repeating: .char("K"), count: 6), &state)  // far north: desert
        MapFixtures.press([.enter], &state)
        #expect(state.map.restriction == nil && state.feed.count == 10)
    }

    @Test func theRestrictionHoldsForIncidentsThatArriveLater() {
        var state = mapFocused()
        MapFixtures.press([.char("c"), .enter], &state)
        let shown = state.feed.count
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("later at Ber", actors: [0], day: 20, town: "Ber"),
                           Fixtures.incident("later at Kidal", actors: [0], day: 21, town: "Kidal")]
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.feed.count == shown + 1)
        #expect(state.store.incident(state.feedSlot(0)).summary == "later at Ber")
    }

    @Test func panningStopsAtTheEdgeOfTheData() {
        var state = mapFocused()
        MapFixtures.press(Array(repeating: .char("K"), count: 100), &state)
        #expect(projection(state).center.lat <= 27)
        MapFixtures.press(Array(repeating: .char("H"), count: 100), &state)
        #expect(projection(state).center.lon >= -14)
    }

    @Test func mapKeysAreInTheKeyTableAndHelp() {
        let rows = KeyMap.standard.helpRows().filter { $0.scope == .map }
        for keys in ["h Left", "l Right", "k Up", "j Down", "H", "J", "K", "L", "+ =", "-", "z", "c", "Enter", "Esc"] {
            #expect(rows.contains { $0.keys == keys }, "map help lacks \(keys)")
        }
        // Map keys act only in map focus.
        #expect(KeyMap.standard.command(for: .char("+"), focus: .feed, overlayOpen: false) == nil)
        #expect(KeyMap.standard.command(for: .char("j"), focus: .feed, overlayOpen: false) == .moveDown)
        #expect(KeyMap.standard.command(for: .char("j"), focus: .map, overlayOpen: false) == .map(.pan(dx: 0, dy: 1)))
    }
}
