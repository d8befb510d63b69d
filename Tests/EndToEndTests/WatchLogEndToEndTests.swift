import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// End-to-end: the watch (issue 14), the built binary in tmux. A zone from config.toml alerts on
/// an appended incident inside it and not on one outside; an acknowledgement in one sitmon shows
/// in a second on the same log within 2 seconds; after a restart the acknowledgement and a note
/// are still there, and an incident appended while sitmon was down is unseen and alerted once.
@Suite(
    "EndToEnd: the watch log",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct WatchLogEndToEndTests {
    /// sitmon on `events` with `XDG_CONFIG_HOME` in `dir` (its config.toml names the zone and the log).
    static func sitmon(_ dir: E2ETempDir, _ events: String) throws -> TmuxSession {
        let binary = try SitmonBinary.path()
        let command = (["env", "XDG_CONFIG_HOME=" + dir.path("config"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8", binary, events])
            .map(E2EShell.quote).joined(separator: " ")
        return try TmuxSession(script: "\(command); echo EXITED:$?; sleep 30", width: 200, height: 50)
    }

    static func line(_ id: String, _ day: Int, _ place: String, _ summary: String) -> String {
        e2eIncidentLine(id: id, time: String(format: "2023-09-%02dT08:00:00Z", day), place: place, actors: ["JNIM"], summary: summary)
    }

    @Test("a zone alerts on news inside it only; an acknowledgement reaches a second sitmon; a restart keeps both and alerts once on what came meanwhile")
    func zoneAlertAcknowledgementAndRestart() throws {
        let dir = try E2ETempDir()
        try FileManager.default.createDirectory(atPath: dir.path("config/sitmon"), withIntermediateDirectories: true)
        try """
        watch_log = "\(dir.path("watch.sqlite"))"
        bell = false

        [[zone]]
        name = "Timbuktu 50 km"
        around = "Timbuktu"
        radius_km = 50
        """.write(toFile: dir.path("config/sitmon/config.toml"), atomically: true, encoding: .utf8)
        let events = try dir.write("events.jsonl", lines: [Self.line("h1", 1, "Timbuktu", "Old shelling of Timbuktu airport")])

        let first = try Self.sitmon(dir, events)
        #expect(first.waitForAll(["1 incident", "1 earlier incident matched alert rules (not alerted)"], timeout: 10))
        let second = try Self.sitmon(dir, events)
        #expect(second.waitFor("1 incident", timeout: 10))

        // News: one inside the zone (newest, so it is selected), one outside.
        try dir.append(Self.line("out1", 2, "Kidal", "Patrol clash near Kidal") + "\n", to: events)
        try dir.append(Self.line("in1", 3, "Timbuktu", "Convoy ambushed outside Timbuktu") + "\n", to: events)
        // Generous: the whole suite runs beside it, and two debug builds share the machine's cores.
        #expect(first.waitForAll(["ALERT: Timbuktu 50 km — Timbuktu — Convoy ambushed outside Timbuktu", "1 alert unacknowledged"], timeout: 15))
        first.send("A")
        let list = first.waitUntil("the alert list") { $0.contains("Alerts · 1 · 1 unacknowledged") }.screen
        #expect(list.contains("Convoy ambushed outside Timbuktu"))
        // The feed behind the list shows the Kidal incident; no alert row names it.
        #expect(!list.contains("Timbuktu 50 km — Kidal"), "an incident outside the zone raises no alert")
        first.send("Escape")

        // The second sitmon saw the same arrival; its alert list waits for the acknowledgement.
        #expect(second.waitFor("1 alert unacknowledged", timeout: 15))
        second.send("A")
        #expect(second.waitFor("not acknowledged"))

        // Acknowledge in the first, with a note; the second shows it within 2 seconds.
        first.send("a")
        #expect(first.waitFor("note:"))
        first.type("calling Timbuktu")
        first.send("Enter")
        #expect(first.waitForAbsence("unacknowledged (A)"))
        let started = Date()
        #expect(second.waitFor("calling Timbuktu", timeout: 2.5))
        #expect(Date().timeIntervalSince(started) < 2.5)

        // A note, then both quit.
        first.type(":note checked with the Timbuktu liaison")
        first.send("Enter")
        #expect(first.waitFor("note added"))
        first.send("q")
        second.send("Escape", "q")
        #expect(first.waitFor("EXITED:0"))
        #expect(second.waitFor("EXITED:0"))
        first.kill()
        second.kill()

        // While nobody watches, another incident arrives inside the zone.
        try dir.append(Self.line("in2", 4, "Timbuktu", "Mortar fire on the Timbuktu camp") + "\n", to: events)
        let again = try Self.sitmon(dir, events)
        #expect(again.waitUntil("4 incidents, one unseen and alerted", timeout: 10) { screen in
            TmuxSession.showsCounts(screen, 4, shown: 4) && (screen.contains("1 unseen") || screen.contains("1 new"))
                && screen.contains("ALERT: Timbuktu 50 km — Timbuktu — Mortar fire on the Timbuktu camp")
        }.matched)
        again.send("A")
        let kept = again.waitUntil("the alert list after a restart") { $0.contains("Alerts · 2 · 1 unacknowledged") }.screen
        #expect(kept.contains("calling Timbuktu"), "the acknowledgement survives the restart")
        again.send("Escape")
        // The note is in the detail of the incident it was written on.
        again.send("j", "Enter")
        #expect(again.waitFor("checked with the Timbuktu liaison"))
        again.send("Escape", "q")
        #expect(again.waitFor("EXITED:0"))
        again.kill()

        // Once more: nothing new, so nothing is alerted again.
        let last = try Self.sitmon(dir, events)
        #expect(last.waitUntil("4 incidents", timeout: 10) { TmuxSession.showsCounts($0, 4, shown: 4) }.matched)
        E2EShell.sleep(1)
        let screen = last.capture()
        #expect(!screen.contains("ALERT:"), "an alert already in the log is never raised again")
        last.send("A")
        #expect(last.waitFor("Alerts · 2 · 1 unacknowledged"))
        last.send("Escape", "q")
    }

    @Test("the view an officer leaves (filters, order) is there at the next start; --fresh starts with defaults")
    func sessionRestoredAfterARestart() throws {
        let dir = try E2ETempDir()
        try FileManager.default.createDirectory(atPath: dir.path("config/sitmon"), withIntermediateDirectories: true)
        try "watch_log = \"\(dir.path("watch.sqlite"))\"\n".write(toFile: dir.path("config/sitmon/config.toml"), atomically: true, encoding: .utf8)
        let events = try dir.write("events.jsonl", lines: [
            e2eIncidentLine(id: "a", time: "2023-09-01T08:00:00Z", place: "Ber", actors: ["FAMA"], summary: "Army patrol reaches Ber"),
            e2eIncidentLine(id: "b", time: "2023-09-02T08:00:00Z", place: "Timbuktu", actors: ["JNIM"], summary: "Shelling of Timbuktu"),
        ])
        let first = try Self.sitmon(dir, events)
        #expect(first.waitFor("2 incidents", timeout: 10))
        first.send("1")  // hide FAMA
        first.send("r")  // feed by arrival
        #expect(first.waitFor("by arrival, newest first"))
        first.send("q")
        #expect(first.waitFor("EXITED:0"))
        first.kill()

        let again = try Self.sitmon(dir, events)
        #expect(again.waitUntil("the view restored", timeout: 10) { screen in
            screen.contains("by arrival, newest first") && TmuxSession.showsCounts(screen, 2, shown: 1) && !screen.contains("Army patrol reaches Ber")
        }.matched)
        again.send("q")
        #expect(again.waitFor("EXITED:0"))
        again.kill()

        let binary = try SitmonBinary.path()
        let command = (["env", "XDG_CONFIG_HOME=" + dir.path("config"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8", binary, "--fresh", events])
            .map(E2EShell.quote).joined(separator: " ")
        let fresh = try TmuxSession(script: "\(command); echo EXITED:$?; sleep 30", width: 200, height: 50)
        #expect(fresh.waitUntil("the default view", timeout: 10) { screen in
            screen.contains("by time, newest first") && TmuxSession.showsCounts(screen, 2, shown: 2)
        }.matched)
        fresh.send("q")
        #expect(fresh.waitFor("EXITED:0"))
        fresh.kill()

        // The file is replaced (a rotation: another file under the same name, longer than the mark):
        // it is read as history, so nothing of it is news.
        let replacement = try dir.write("events.new", lines: (1...5).map {
            e2eIncidentLine(id: "r\($0)", time: "2023-09-1\($0)T08:00:00Z", place: "Gao", actors: ["JNIM"], summary: "Rotated line \($0)")
        })
        #expect(rename(replacement, events) == 0)
        let rotated = try Self.sitmon(dir, events)
        #expect(rotated.waitUntil("the new file read as history", timeout: 10) { screen in
            screen.contains("Rotated line 5") && TmuxSession.showsCounts(screen, 5, shown: 5)
        }.matched)
        let screen = rotated.capture()
        #expect(!screen.contains("unseen") && !screen.contains(" new │"), "a replaced file is not news:\n\(screen)")
        rotated.send("q")
    }
}
