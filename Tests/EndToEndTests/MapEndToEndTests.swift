import Foundation
import Testing

/// The map driven with the keyboard in a real terminal: focus it, zoom, pan, pick a cell and
/// restrict the feed to it, lift the restriction.
@Suite(
    "EndToEnd: the map in a real terminal",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct MapEndToEndTests {
    static let lines = [
        e2eIncidentLine(id: "k1", time: "2023-11-14T09:00:00Z", place: "Kidal", actors: ["FAMA", "Wagner"],
                        summary: "Army and Wagner enter Kidal"),
        e2eIncidentLine(id: "k2", time: "2023-10-31T09:00:00Z", place: "Kidal", actors: ["CMA"],
                        summary: "CSP takes over the Kidal camp"),
        e2eIncidentLine(id: "g1", time: "2023-10-02T09:00:00Z", place: "Gao", actors: ["FAMA"],
                        summary: "Column leaves Gao"),
        e2eIncidentLine(id: "t1", time: "2023-09-21T09:00:00Z", place: "Timbuktu", actors: ["JNIM"],
                        summary: "Shells hit Timbuktu"),
        e2eIncidentLine(id: "k3", time: "2023-11-20T09:00:00Z", place: "Kidal", actors: ["MINUSMA"],
                        summary: "Last convoy out of Kidal"),
    ]

    /// The map's title row (the first line of the screen).
    static func title(_ screen: String) -> String { screen.components(separatedBy: "\n").first ?? "" }

    /// The status line (the last row of a `height`-row screen).
    static func status(_ screen: String, height: Int) -> String {
        let rows = screen.components(separatedBy: "\n")
        return rows.count >= height ? rows[height - 1] : ""
    }

    @Test("Tab to the map, zoom in and out, pan, centre on the selection, Enter restricts the feed, Esc lifts it",
          arguments: [(80, 24), (200, 60)])
    func zoomPanAndPickACell(width: Int, height: Int) throws {
        let dir = try E2ETempDir()
        let file = try dir.write("map.jsonl", lines: Self.lines)
        let tmux = try TmuxSession(sitmon: [file], width: width, height: height)
        tmux.waitForCounts(5, shown: 5, and: ["Last convoy out of Kidal"])

        // Map focus: the title says so and the status line starts with the cursor's place.
        tmux.send("Tab")
        tmux.send("Tab")
        #expect(tmux.waitUntil("map focus") { Self.status($0, height: height).contains(" incidents │") }.matched)
        let start = Self.status(tmux.capture(), height: height)
        #expect(Self.title(tmux.capture()).contains("Map · northern Mali"))

        // Zoom out to all of Mali and in past the default; z comes back.
        tmux.type("-")
        #expect(tmux.waitUntil("all of Mali") { Self.title($0).contains("Map · Mali") }.matched)
        tmux.type("+")
        tmux.type("+")
        #expect(tmux.waitUntil("a fixed zoom level") { Self.title($0).contains(" km cells") }.matched)
        tmux.type("z")
        #expect(tmux.waitUntil("the default view") { Self.title($0).contains("Map · northern Mali") }.matched)

        // Pan: the cursor's coordinates change; panning back restores them.
        tmux.type("l")
        #expect(tmux.waitUntil("pan east") { Self.status($0, height: height) != start }.matched)
        tmux.send("Left")
        #expect(tmux.waitUntil("pan back") { Self.status($0, height: height) == start }.matched)

        // c puts the selected incident (the newest, at Kidal) under the cursor; its cell lists three.
        tmux.type("c")
        #expect(tmux.waitUntil("centred on Kidal") { Self.status($0, height: height).contains("at Kidal · 3 incidents") }.matched)
        #expect(tmux.waitFor("3 incidents here"))

        // Enter restricts the feed to the cell; Esc shows everything again.
        tmux.send("Enter")
        #expect(tmux.waitFor("Feed · 3 of 5 incidents"))
        let restricted = tmux.capture()
        #expect(restricted.contains("Army and Wagner enter Kidal") && !restricted.contains("Column leaves Gao"), "\(restricted)")
        #expect(Self.title(restricted).contains("feed: 1 cell"), "\(restricted)")
        tmux.send("Escape")
        #expect(tmux.waitFor("Feed · 5 incidents"))
        #expect(tmux.capture().contains("Column leaves Gao"))

        // In the feed, j still moves the selection (to the older Kidal incident), not the map.
        tmux.send("Tab")
        #expect(tmux.waitUntil("feed focus") { !Self.status($0, height: height).contains("at Kidal") }.matched)
        tmux.type("j")
        #expect(tmux.waitUntil("the selection moves") { screen in
            screen.components(separatedBy: "\n").contains { $0.contains("Army and Wagner enter Kidal") }
        }.matched)
        #expect(tmux.waitUntil("the map stays put") { Self.title($0).contains("Map · northern Mali") }.matched)
        tmux.type("q")
        #expect(tmux.waitFor("EXITED:0"))
    }
}
