import Testing
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The detail view's nearby incidents: within 25 km and 3 days.
@Suite struct NearbyTests {
    let state = Fixtures.state([
        Fixtures.incident("a", actors: [0], day: 5, town: "Ber"),
        Fixtures.incident("b", actors: [3], day: 7, town: "Ber"),
        Fixtures.incident("c", actors: [3], day: 9, town: "Ber"),
        Fixtures.incident("d", actors: [2], day: 6, town: "Timbuktu"),  // about 50 km from Ber
    ])

    func slot(_ summary: String) -> AppState.Slot {
        state.store.timeOrder.first { state.store.incident($0).summary == summary }!
    }

    func near(_ summary: String) -> Set<String> {
        Set(state.nearby(slot(summary)).map { state.store.incident($0.slot).summary })
    }

    @Test func withinDistanceAndDays() {
        #expect(near("a") == ["b"])
        #expect(near("b") == ["a", "c"])
        #expect(near("d").isEmpty)
        #expect(state.nearby(slot("a")).first?.km == 0)
    }

    @Test func detailListsThem() {
        var state = state
        state.overlay = .detail(seq: Int(slot("b")), scroll: 0)
        let text = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8))).lines.joined(separator: "\n")
        #expect(text.contains("2 within 25 km and 3 days (n/p pick, Enter opens):"))
        #expect(text.contains("2023-08-05 Ber (0 km) a"))
    }

    @Test func nearbyIncidentsArePickedWithNAndPAndOpenedWithEnter() {
        var state = state
        let reducer = Reducer()
        func press(_ key: Key) { _ = reducer.reduce(&state, .key(key)) }
        state.overlay = .detail(seq: Int(slot("b")), scroll: 0)
        // b's neighbours, nearest in time first: a and c are both two days away.
        let neighbours = state.nearby(slot("b")).map(\.slot)
        #expect(neighbours.count == 2)
        press(.char("n"))
        #expect(state.overlay == .detail(seq: Int(slot("b")), scroll: 0, pick: 0))
        press(.char("n"))
        #expect(state.overlay == .detail(seq: Int(slot("b")), scroll: 0, pick: 1))
        press(.char("n"))
        #expect(state.overlay == .detail(seq: Int(slot("b")), scroll: 0, pick: 0))
        press(.char("p"))
        #expect(state.overlay == .detail(seq: Int(slot("b")), scroll: 0, pick: 1))
        let lines = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8))).lines
        let picked = lines.filter { $0.contains("▸ ") }
        #expect(picked.count == 1)
        #expect(picked.first?.contains(state.store.incident(neighbours[1]).summary + " ") ?? false)
        press(.enter)
        #expect(state.overlay == .detail(seq: Int(neighbours[1]), scroll: 0))
        // The feed selection moved to it, so closing the detail lands there.
        #expect(state.selectedSlot == neighbours[1])
    }

    @Test func withNothingNearbyNAndEnterDoNothing() {
        var state = state
        let reducer = Reducer()
        state.overlay = .detail(seq: Int(slot("d")), scroll: 0)
        _ = reducer.reduce(&state, .key(.char("n")))
        _ = reducer.reduce(&state, .key(.enter))
        #expect(state.overlay == .detail(seq: Int(slot("d")), scroll: 0))
    }
}
