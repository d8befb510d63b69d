import Testing
@testable import Monitor

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
        #expect(text.contains("2 within 25 km and 3 days:"))
        #expect(text.contains("2023-08-05 Ber (0 km) a"))
    }
}
