import Foundation
import Testing

/// End-to-end: the first shift (issue 10) on the real binary in tmux: a late report found with `u`
/// and at the top of the arrival order, a silent source, and keys held by the help overlay.
@Suite(
    "EndToEnd: first shift",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct FirstShiftEndToEndTests {
    // MARK: - Screen helpers

    /// The status line: the pane's last row.
    static func status(_ screen: String, height: Int) -> String {
        let rows = screen.components(separatedBy: "\n")
        return rows.count >= height ? rows[height - 1] : ""
    }

    /// The feed rows under the feed's title line, down to its bottom border.
    static func feedRows(_ screen: String) -> [String] {
        let rows = screen.components(separatedBy: "\n")
        guard let title = rows.firstIndex(where: { $0.contains("Feed · ") }) else { return [] }
        return Array(rows[(title + 1)...].prefix { !$0.hasPrefix("┗") })
    }

    /// Whether `text` counts unseen incidents ("3 unseen", or "3 new" when the line is crowded,
    /// but not the "0 new" of "paused · 0 new").
    static func saysUnseen(_ text: String) -> Bool {
        text.range(of: #"\b[1-9][0-9]* unseen"#, options: .regularExpression) != nil
    }

    /// A config folder holding `sitmon/config.toml` with `text`.
    static func configHome(in dir: E2ETempDir, _ text: String) throws -> String {
        let home = dir.path("config")
        try FileManager.default.createDirectory(atPath: home + "/sitmon", withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: home + "/sitmon/config.toml"))
        return home
    }

    /// sitmon on `file` with `XDG_CONFIG_HOME` set to `configHome`.
    static func session(_ file: String, configHome: String, width: Int, height: Int) throws -> TmuxSession {
        let command = ["env", "XDG_CONFIG_HOME=" + configHome, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", try SitmonBinary.path(), file]
            .map(E2EShell.quote).joined(separator: " ")
        return try TmuxSession(script: "trap : INT; \(command); echo EXITED:$?; sleep 30", width: width, height: height)
    }

    // MARK: - Fixtures

    /// Four incidents over a week, the newest on 20 Aug 2023.
    static let week = [
        e2eIncidentLine(id: "w1", time: "2023-08-14T06:00:00Z", place: "Ber", actors: ["FAMA"], summary: "Army convoy reaches Ber"),
        e2eIncidentLine(id: "w2", time: "2023-08-16T06:00:00Z", place: "Gao", actors: ["JNIM"], summary: "Ambush on the Gao road"),
        e2eIncidentLine(id: "w3", time: "2023-08-17T06:00:00Z", place: "Tessalit", actors: ["MINUSMA"],
                        summary: "Peacekeepers pack up in Tessalit"),
        e2eIncidentLine(id: "w4", time: "2023-08-20T06:00:00Z", place: "Kidal", actors: ["CMA", "FAMA"],
                        summary: "Shelling reported around Kidal"),
    ]
    static let weekSummaries = ["Army convoy reaches Ber", "Ambush on the Gao road", "Peacekeepers pack up in Tessalit",
                                "Shelling reported around Kidal"]

    // MARK: - 1. A late report

    @Test("a late report arriving live: 1 unseen, marked late, not on top by time; u finds it; first by arrival")
    func lateReportFoundAndFirstByArrival() throws {
        let width = 100, height = 30
        let dir = try E2ETempDir()
        let file = try dir.write("shift.jsonl", lines: Self.week)
        let tmux = try TmuxSession(sitmon: [file], width: width, height: height)
        #expect(tmux.waitForCounts(4, shown: 4, and: Self.weekSummaries + ["shift.jsonl: following"]))
        // What the first read brought is not news.
        #expect(!Self.saysUnseen(Self.status(tmux.capture(), height: height)), "\(tmux.capture())")

        // Two days behind the newest incident: a late report.
        let summary = "Boni market massacre disclosed"
        let late = e2eIncidentLine(id: "late1", time: "2023-08-18T06:00:00Z", place: "Boni", actors: ["JNIM", "Civilians"],
                                   summary: summary, fatalities: 40, type: "violence-against-civilians")
        try dir.append(late + "\n", to: file)
        let arrived = tmux.waitUntil("the late report and 1 unseen in the status line") { screen in
            screen.contains(summary) && Self.status(screen, height: height).contains("1 unseen")
        }
        #expect(arrived.matched)
        let rows = Self.feedRows(arrived.screen)
        let lateRow = rows.first { $0.contains(summary) } ?? ""
        #expect(lateRow.contains(" late "), "the late row is not marked late: \(lateRow)")
        #expect(lateRow.contains("†40"), "the late row lost its fatalities: \(lateRow)")
        #expect(lateRow.hasPrefix("┃●"), "the late row is not marked unseen: \(lateRow)")
        for row in rows where !row.contains(summary) {
            #expect(!row.contains(" late ") && !row.hasPrefix("┃●"), "an incident of the first read is marked: \(row)")
        }
        // By incident time it sits below the newest incident (20 Aug), so the follow mode does not show it first.
        let first = rows.first ?? ""
        #expect(first.contains("Shelling reported around Kidal"), "first feed row by time: \(first)\n\(arrived.screen)")
        #expect(!first.contains(summary), "the late report is the top row in time order:\n\(arrived.screen)")
        #expect(arrived.screen.contains("by time, newest first"), "\(arrived.screen)")

        // u selects it; Enter proves which incident is selected.
        tmux.send("u")
        #expect(tmux.waitFor("last unseen incident"))
        tmux.send("Enter")
        #expect(tmux.waitForAll(["Incident detail", summary, "Late", "reported 2 d"]))
        tmux.send("Escape")
        #expect(tmux.waitForAbsence("Incident detail"))
        let seen = tmux.capture()
        // Nothing left unseen, and the key's answer ("last unseen incident") is gone with the next key.
        #expect(!Self.status(seen, height: height).contains("unseen"), "still unseen after u:\n\(seen)")
        let seenRow = Self.feedRows(seen).first { $0.contains(summary) } ?? ""
        #expect(!seenRow.hasPrefix("┃●"), "the selected row is still marked unseen: \(seenRow)")
        #expect(seenRow.contains(" late "), "the late mark went with the unseen mark: \(seenRow)")

        // Back to the newest, then arrival order: the late report arrived last, so it is on top.
        tmux.send("g")
        #expect(tmux.waitUntil("feed: live") { Self.status($0, height: height).contains("live") }.matched)
        tmux.send("r")
        let byArrival = tmux.waitUntil("the feed by arrival") { $0.contains("by arrival, newest first") }
        #expect(byArrival.matched)
        let top = Self.feedRows(byArrival.screen).first ?? ""
        #expect(top.contains(summary), "first feed row by arrival: \(top)\n\(byArrival.screen)")
    }

    // MARK: - 2. A silent source

    @Test("stale_after = 2s: a silent file says no data for, in the status line and in s; a new line ends it")
    func silentSourceSaysNoData() throws {
        let width = 120, height = 30
        let dir = try E2ETempDir()
        let home = try Self.configHome(in: dir, "stale_after = \"2s\"\n")
        let file = try dir.write("quiet.jsonl", lines: Array(Self.week.prefix(2)))
        let tmux = try Self.session(file, configHome: home, width: width, height: height)
        let started = tmux.waitUntil("the first screen") { screen in
            TmuxSession.showsCounts(screen, 2, shown: 2) && screen.contains("quiet.jsonl: following")
        }
        #expect(started.matched)
        #expect(!Self.status(started.screen, height: height).contains("no data for"), "silent at once:\n\(started.screen)")
        #expect(!started.screen.contains("config"), "the config file was not accepted:\n\(started.screen)")

        let silent = tmux.waitUntil("no data for, in the status line", timeout: 5) { screen in
            Self.status(screen, height: height).contains("no data for")
        }
        #expect(silent.matched)

        // The sources view says it too.
        tmux.send("s")
        #expect(tmux.waitForAll(["Sources · 1", "no data for", "(stale after 2 s)"]))
        tmux.send("Escape")
        #expect(tmux.waitForAbsence("Sources · 1"))

        try dir.append(Self.week[2] + "\n", to: file)
        let spoke = tmux.waitUntil("no data for to go with a new line", timeout: 2) { screen in
            screen.contains("Peacekeepers pack up in Tessalit") && !Self.status(screen, height: height).contains("no data for")
        }
        #expect(spoke.matched)
        tmux.send("s")
        #expect(tmux.waitForAll(["Sources · 1", "last data"]))
        #expect(!tmux.capture().contains("no data for"), "\(tmux.capture())")
    }

    // MARK: - 3. Help holds the keys

    @Test("1 and G typed while help is open change nothing behind it; without help they do")
    func helpTakesTheKeys() throws {
        let width = 100, height = 30
        let dir = try E2ETempDir()
        let file = try dir.write("help.jsonl", lines: Self.week)
        let tmux = try TmuxSession(sitmon: [file], width: width, height: height)
        #expect(tmux.waitForCounts(4, shown: 4, and: Self.weekSummaries))
        func famaRow(_ screen: String) -> String {
            // The glyph turns into a dot while the actor is hidden.
            screen.components(separatedBy: "\n").first { $0.contains("│1 ") && $0.contains(" FAMA ") } ?? ""
        }
        func check(_ screen: String, hidden: Bool, paused: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
            let status = Self.status(screen, height: height)
            let legend = famaRow(screen)
            #expect(legend.contains("hidden") == hidden && legend.contains("shown") == !hidden, "legend row: \(legend)\n\(screen)",
                    sourceLocation: sourceLocation)
            #expect(status.contains("hiding FAMA") == hidden, "status line: \(status)", sourceLocation: sourceLocation)
            #expect(status.contains("paused") == paused && status.contains("live") == !paused, "status line: \(status)",
                    sourceLocation: sourceLocation)
        }
        check(tmux.capture(), hidden: false, paused: false)

        tmux.send("?")
        #expect(tmux.waitFor("Help · keys"))
        tmux.type("1")
        tmux.type("G")
        tmux.send("Escape")
        #expect(tmux.waitForAbsence("Help · keys"))
        // Keys are read in order: the help is gone, so 1 and G have been dealt with.
        let after = tmux.capture()
        check(after, hidden: false, paused: false)
        #expect(TmuxSession.showsCounts(Self.status(after, height: height), 4, shown: 4), "\(after)")
        #expect(Self.feedRows(after).first?.contains("Shelling reported around Kidal") == true, "\(after)")

        // The same keys without help do act: so the checks above can fail.
        tmux.type("1")
        tmux.type("G")
        let acted = tmux.waitUntil("FAMA hidden and the feed paused") { screen in
            famaRow(screen).contains("hidden") && Self.status(screen, height: height).contains("paused")
        }
        #expect(acted.matched)
        check(acted.screen, hidden: true, paused: true)
    }
}
