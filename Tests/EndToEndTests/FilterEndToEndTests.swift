import Foundation
import Testing

/// End-to-end: the `/` text filter and replay, in a real terminal.
@Suite(
    "EndToEnd: filters and replay",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct FilterEndToEndTests {
    static let lines = [
        e2eIncidentLine(id: "o1", time: "2023-08-01T06:00:00Z", place: "Léré", actors: ["JNIM"], summary: "Older raid near Léré"),
        EndToEndTests.fama, EndToEndTests.jnim, EndToEndTests.both, EndToEndTests.minusma, EndToEndTests.wagner,
    ]
    static let summaries = ["Older raid near Léré", "Army patrol reaches Ber", "Convoy ambushed on the Gao road",
                            "Fighting at Bourem crossing", "Peacekeepers leave Tessalit"]

    @Test("typing a text filter shows only matching incidents; clearing it shows them all again")
    func textFilter() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("filter.jsonl", lines: Self.lines)
        let tmux = try TmuxSession(sitmon: [file], width: 100, height: 30)
        tmux.waitForCounts(6, shown: 6)
        tmux.type("/")
        tmux.type("convoy")
        tmux.waitFor("/convoy")
        tmux.waitFor("6 incidents") // the prompt replaces the status line; the feed title still counts
        tmux.send("Enter")
        tmux.waitForCounts(6, shown: 1)
        let screen = tmux.capture()
        #expect(screen.contains("Convoy ambushed on the Gao road"))
        for other in Self.summaries where other != "Convoy ambushed on the Gao road" {
            #expect(!screen.contains(other), "\(other) should be filtered out:\n\(screen)")
        }
        tmux.type("/")
        tmux.send("C-u")
        tmux.send("Enter")
        tmux.waitForCounts(6, shown: 6)
        tmux.waitForAll(Self.summaries)
    }

    @Test("a week of replay back drops the count; N returns to live")
    func replayWeekBack() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("replay.jsonl", lines: Self.lines)
        let tmux = try TmuxSession(sitmon: [file], width: 100, height: 30)
        tmux.waitForCounts(6, shown: 6)
        tmux.type("<")
        tmux.waitForCounts(6, shown: 1, and: ["as of 8 Aug 2023 06:00"])
        tmux.waitForAbsence("Drone strike reported in Kidal")
        tmux.type("N")
        tmux.waitForCounts(6, shown: 6)
        tmux.waitFor("Drone strike reported in Kidal")
    }
}
