import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// End-to-end tests: the built `sitmon` binary in a real terminal (tmux), driven by keys and files.
/// Needs `swift build` to have produced the executable (`swift test` builds it too).
@Suite(
    "EndToEnd: sitmon in a real terminal",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct EndToEndTests {
    // MARK: - Fixtures

    static let fama = e2eIncidentLine(id: "f1", time: "2023-08-11T06:00:00Z", place: "Ber", actors: ["FAMA"],
                                   summary: "Army patrol reaches Ber")
    static let jnim = e2eIncidentLine(id: "j1", time: "2023-08-12T06:00:00Z", place: "Gao", actors: ["JNIM"],
                                   summary: "Convoy ambushed on the Gao road")
    static let both = e2eIncidentLine(id: "b1", time: "2023-08-13T06:00:00Z", place: "Bourem", actors: ["FAMA", "JNIM"],
                                   summary: "Fighting at Bourem crossing")
    static let minusma = e2eIncidentLine(id: "m1", time: "2023-08-14T06:00:00Z", place: "Tessalit", actors: ["MINUSMA"],
                                      summary: "Peacekeepers leave Tessalit")
    static let wagner = e2eIncidentLine(id: "w1", time: "2023-08-15T06:00:00Z", place: "Kidal", actors: ["Wagner", "FAMA"],
                                     summary: "Drone strike reported in Kidal")

    // MARK: - 1. Layout

    @Test("starts on a JSONL file and shows map, legend, feed, status and every summary",
          arguments: [(80, 24), (200, 60)])
    func startsAndShowsPanes(width: Int, height: Int) throws {
        let dir = try E2ETempDir()
        let lines = [Self.fama, Self.jnim, Self.both, Self.minusma, Self.wagner]
        let file = try dir.write("start.jsonl", lines: lines)
        let tmux = try TmuxSession(sitmon: [file], width: width, height: height)
        let summaries = ["Army patrol reaches Ber", "Convoy ambushed on the Gao road", "Fighting at Bourem crossing",
                         "Peacekeepers leave Tessalit", "Drone strike reported in Kidal"]
        tmux.waitForAll(summaries + ["start.jsonl: following"])
        let screen = tmux.capture()
        let rows = screen.components(separatedBy: "\n")
        #expect(screen.contains("Map ·"), "no map pane:\n\(screen)")
        #expect(screen.contains("Actors"), "no legend pane:\n\(screen)")
        #expect(screen.contains("JNIM") && screen.contains("Civilians"), "legend rows missing:\n\(screen)")
        #expect(screen.contains("Feed · 5 incidents · by time, newest first"))
        for summary in summaries {
            #expect(screen.contains(summary), "missing \(summary) at \(width)x\(height):\n\(screen)")
        }
        // The status line is the last row: source state, counts, bad lines, help key.
        let status = rows.prefix(height).last ?? ""
        #expect(rows.count >= height)
        #expect(status.contains("start.jsonl: following"), "status line: \(status)")
        #expect(TmuxSession.showsCounts(status, 5, shown: 5), "status line: \(status)")
        #expect(status.contains("0 bad"), "status line: \(status)")
        #expect(status.contains("? help"), "status line: \(status)")
        // Newest first: Kidal (15 Aug) is listed above Ber (11 Aug).
        let kidal = rows.firstIndex { $0.contains("Drone strike reported in Kidal") }
        let ber = rows.firstIndex { $0.contains("Army patrol reaches Ber") }
        if let kidal, let ber { #expect(kidal < ber, "feed is not newest first:\n\(screen)") }
        // No row is wider than the pane: nothing wrapped or spilled.
        for row in rows.prefix(height) {
            #expect(row.count <= width, "row wider than the terminal: \(row)")
        }
    }

    // MARK: - 2. Live append

    @Test("a line appended while running appears; a half-written line waits for its newline")
    func liveAppend() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("live.jsonl", lines: [Self.fama, Self.jnim])
        let tmux = try TmuxSession(sitmon: [file])
        tmux.waitForCounts(2, shown: 2, and: ["Army patrol reaches Ber", "live.jsonl: following"])

        // A complete line, appended by another writer.
        try dir.append(Self.minusma + "\n", to: file)
        #expect(tmux.waitFor("Peacekeepers leave Tessalit", timeout: 3))
        #expect(tmux.waitForCounts(3, shown: 3, timeout: 1))

        // Half a line (cut inside the summary) must not be shown, nor counted bad.
        let line = Self.wagner
        let cut = line.index(line.firstRange(of: "Drone strike")!.lowerBound, offsetBy: 6)
        try dir.append(String(line[..<cut]), to: file)
        E2EShell.sleep(0.5)
        let partial = tmux.capture()
        #expect(!partial.contains("Drone "), "a partial line was shown:\n\(partial)")
        #expect(TmuxSession.showsCounts(partial, 3, shown: 3), "a partial line was counted:\n\(partial)")
        #expect(partial.contains("0 bad"), "a partial line was counted bad:\n\(partial)")

        try dir.append(String(line[cut...]) + "\n", to: file)
        #expect(tmux.waitFor("Drone strike reported in Kidal", timeout: 3))
        let after = tmux.capture()
        #expect(TmuxSession.showsCounts(after, 4, shown: 4), "\(after)")
        #expect(after.contains("0 bad"), "the completed line was counted bad:\n\(after)")
    }

    // MARK: - 3. Actor filter

    @Test("digit 4 hides JNIM-only incidents (shared ones stay), 0 shows all again")
    func digitHidesActor() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("filter.jsonl", lines: [Self.fama, Self.jnim, Self.both])
        let tmux = try TmuxSession(sitmon: [file])
        tmux.waitForCounts(3, shown: 3, and: ["Army patrol reaches Ber", "Convoy ambushed on the Gao road", "Fighting at Bourem crossing"])
        func jnimLegendRow(_ screen: String) -> String {
            screen.components(separatedBy: "\n").first { $0.contains("4 ") && $0.contains("JNIM") } ?? ""
        }
        #expect(jnimLegendRow(tmux.capture()).hasSuffix("shown│"), "\(tmux.capture())")

        tmux.send("4")
        #expect(tmux.waitForAbsence("Convoy ambushed on the Gao road"))
        let hidden = tmux.capture()
        #expect(hidden.contains("Army patrol reaches Ber"), "FAMA-only incident vanished:\n\(hidden)")
        #expect(hidden.contains("Fighting at Bourem crossing"), "FAMA+JNIM incident vanished though FAMA is shown:\n\(hidden)")
        #expect(TmuxSession.showsCounts(hidden, 3, shown: 2), "status count did not drop:\n\(hidden)")
        #expect(hidden.contains("Feed · 2 of 3 incidents"), "\(hidden)")
        #expect(hidden.contains("Actors (1 hidden)"), "\(hidden)")
        let row = jnimLegendRow(hidden)
        #expect(row.contains("hidden"), "legend row for JNIM: \(row)")

        tmux.send("0")
        #expect(tmux.waitFor("Convoy ambushed on the Gao road"))
        let shown = tmux.capture()
        #expect(TmuxSession.showsCounts(shown, 3, shown: 3), "\(shown)")
        #expect(shown.contains("Feed · 3 incidents"), "\(shown)")
        #expect(!jnimLegendRow(shown).contains("hidden"), "\(shown)")
    }

    // MARK: - 4. Quitting restores the terminal

    /// E2EShell text printing `STTY: <echo/-echo and icanon/-icanon as stty reports them>`.
    static let sttyReport =
        #"printf 'STTY:'; stty -a | tr "\n" " " | grep -o " echo \| -echo \| icanon \| -icanon " | tr -d "\n"; echo"#

    /// Waits for the `STTY:` line the pane prints after sitmon exits and returns its flags.
    static func sttyFlags(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) -> Set<String> {
        // Not anchored at the line start: a terminal left without output processing staircases.
        func report(_ screen: String) -> Substring? {
            guard let line = screen.components(separatedBy: "\n").first(where: { $0.contains("STTY:") && $0.contains("echo") }),
                  let marker = line.range(of: "STTY:") else { return nil }
            return line[marker.upperBound...]
        }
        let screen = tmux.waitUntil("the stty report", sourceLocation: sourceLocation) { report($0) != nil }.screen
        return Set((report(screen) ?? "").split(separator: " ").map(String.init))
    }

    @Test("q and Ctrl-C exit with status 0 and the terminal back in cooked mode",
          arguments: ["q", "C-c"])
    func quitRestoresTerminal(key: String) throws {
        let dir = try E2ETempDir()
        let file = try dir.write("quit.jsonl", lines: [Self.fama])
        let tmux = try TmuxSession(sitmon: [file], after: Self.sttyReport)
        tmux.waitFor("Army patrol reaches Ber")
        let pid = try #require(tmux.sitmonPID(), "sitmon process not found under the pane:\n\(tmux.capture())")

        tmux.send(key)
        #expect(tmux.waitFor("EXITED:0", timeout: 3))
        #expect(E2EProcessTable.waitForExit(pid, timeout: 1) != nil, "sitmon (pid \(pid)) still running after \(key)")
        let flags = Self.sttyFlags(tmux)
        let screen = tmux.capture()
        let report = flags.sorted().joined(separator: " ")
        #expect(flags.contains("echo"), "echo not restored after \(key): \(report)")
        #expect(flags.contains("icanon"), "canonical mode not restored after \(key): \(report)")
        #expect(!flags.contains("-echo"), "terminal left without echo after \(key): \(report)")
        #expect(!flags.contains("-icanon"), "terminal left in raw/cbreak mode after \(key): \(report)")
        // The full-screen display is gone: the normal screen with the report is back.
        #expect(!screen.contains("Feed ·"), "alternate screen not left after \(key):\n\(screen)")
    }

    // MARK: - 5. Signals

    @Test("SIGHUP and SIGTERM make sitmon exit within a second, terminal restored", arguments: ["HUP", "TERM"])
    func signalExitsQuickly(signalName: String) throws {
        let signalNumber = signalName == "HUP" ? SIGHUP : SIGTERM
        let dir = try E2ETempDir()
        let file = try dir.write("signal.jsonl", lines: [Self.fama])
        let tmux = try TmuxSession(sitmon: [file], after: Self.sttyReport)
        tmux.waitFor("signal.jsonl: following")
        let pid = try #require(tmux.sitmonPID(), "sitmon process not found under the pane:\n\(tmux.capture())")
        // Let it settle into its idle poll() so the signal has to interrupt the sleep.
        E2EShell.sleep(0.2)

        #expect(kill(pid, signalNumber) == 0)
        let took = E2EProcessTable.waitForExit(pid, timeout: 3)
        #expect(took != nil, "sitmon (pid \(pid)) still running 3 s after SIG\(signalName)")
        if let took { #expect(took < 1.0, "SIG\(signalName) took \(took) s to stop sitmon") }
        #expect(tmux.waitFor("EXITED:", timeout: 2))
        // Caught, not killed: the handler lets sitmon put the terminal back before it leaves.
        let flags = Self.sttyFlags(tmux)
        #expect(flags.contains("echo") && flags.contains("icanon") && !flags.contains("-echo") && !flags.contains("-icanon"),
                "terminal not restored after SIG\(signalName): \(flags.sorted())\n\(tmux.capture())")
        // Gone for good, not lingering or spinning after the exit.
        E2EShell.sleep(0.2)
        #expect(!E2EProcessTable.isAlive(pid))
    }

    @Test("an idle sitmon sleeps instead of spinning")
    func idleDoesNotSpin() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("idle.jsonl", lines: [Self.fama, Self.jnim])
        let tmux = try TmuxSession(sitmon: [file])
        tmux.waitFor("idle.jsonl: following")
        let pid = try #require(tmux.sitmonPID())
        E2EShell.sleep(0.3)
        let before = try #require(E2EProcessTable.stat(of: pid)?.cpuTicks)
        E2EShell.sleep(1.0)
        let after = try #require(E2EProcessTable.stat(of: pid)?.cpuTicks)
        let seconds = Double(after - before) / Double(sysconf(Int32(_SC_CLK_TCK)))
        #expect(seconds < 0.2, "idle sitmon used \(seconds) s of CPU in 1 s")
    }

    @Test("idle with the clock in the status line, sitmon wakes at most once a second")
    func idleWakesAtMostOnceASecond() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("wake.jsonl", lines: [Self.fama, Self.jnim])
        let tmux = try TmuxSession(sitmon: [file])
        tmux.waitFor("wake.jsonl: following")
        #expect(tmux.waitUntil("the UTC clock") { screen in
            screen.range(of: #"\d\d:\d\dZ \? help"#, options: .regularExpression) != nil
        }.matched)
        let pid = try #require(tmux.sitmonPID())
        E2EShell.sleep(0.3)
        // Every wake of the main thread from poll() is a voluntary context switch.
        let before = try #require(E2EProcessTable.wakeups(of: pid))
        E2EShell.sleep(4.0)
        let after = try #require(E2EProcessTable.wakeups(of: pid))
        #expect(after - before <= 6, "idle sitmon woke \(after - before) times in 4 s")
    }

    // MARK: - 6. Help overlay

    @Test("? opens the help overlay and Esc closes it")
    func helpOverlay() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("help.jsonl", lines: [Self.fama])
        let tmux = try TmuxSession(sitmon: [file])
        tmux.waitFor("Army patrol reaches Ber")
        #expect(!tmux.capture().contains("Help · keys"))

        tmux.send("?")
        #expect(tmux.waitFor("Help · keys"))
        let help = tmux.capture()
        #expect(help.contains("quit"), "\(help)")
        #expect(help.contains("Esc or ? closes"), "\(help)")

        tmux.send("Escape")
        #expect(tmux.waitForAbsence("Help · keys", timeout: 2))
        #expect(tmux.capture().contains("Army patrol reaches Ber"))
    }

    // MARK: - 7. Detail overlay

    @Test("Enter opens the newest incident's detail with its source and line; Esc closes")
    func detailOverlay() throws {
        let dir = try E2ETempDir()
        // The newest incident is on line 2, so "line 2" proves the right incident and line are shown.
        let lines = [
            e2eIncidentLine(id: "d1", time: "2023-08-10T06:00:00Z", place: "Ber", actors: ["FAMA"],
                         summary: "Oldest event in file", source: "Source-Old"),
            e2eIncidentLine(id: "d2", time: "2023-09-20T06:00:00Z", place: "Kidal", actors: ["CMA"],
                         summary: "Newest event in file", source: "Reuters-E2E"),
            e2eIncidentLine(id: "d3", time: "2023-08-15T06:00:00Z", place: "Gao", actors: ["JNIM"],
                         summary: "Middle event in file", source: "Source-Mid"),
        ]
        let file = try dir.write("detail.jsonl", lines: lines)
        let tmux = try TmuxSession(sitmon: [file])
        tmux.waitForCounts(3, shown: 3, and: ["Newest event in file"])

        tmux.send("Enter")
        #expect(tmux.waitFor("Incident detail"))
        let detail = tmux.capture()
        #expect(detail.contains("Reuters-E2E"), "source missing from detail:\n\(detail)")
        #expect(detail.contains("line 2"), "line number missing from detail:\n\(detail)")
        #expect(detail.contains("detail.jsonl"), "file missing from detail:\n\(detail)")
        #expect(!detail.contains("Source-Old") && !detail.contains("Source-Mid"), "wrong incident:\n\(detail)")

        tmux.send("Escape")
        #expect(tmux.waitForAbsence("Incident detail", timeout: 2))
        #expect(!tmux.capture().contains("Reuters-E2E"))
    }

    // MARK: - 8. A file that does not exist yet

    @Test("a missing file is waited for, saying no such file, then followed once created")
    func missingFileIsWaitedFor() throws {
        let dir = try E2ETempDir()
        let file = dir.path("not-yet.jsonl")
        let tmux = try TmuxSession(sitmon: [file])
        // A mistyped path is obvious from the status line.
        let waiting = tmux.waitUntil("the status line to say waiting: no such file") { screen in
            screen.components(separatedBy: "\n").contains { $0.contains("not-yet.jsonl: waiting: no such file") }
        }
        #expect(waiting.matched)
        #expect(waiting.screen.contains("0 incidents"), "\(waiting.screen)")

        try dir.write("not-yet.jsonl", lines: [Self.minusma])
        #expect(tmux.waitFor("Peacekeepers leave Tessalit", timeout: 3))
        #expect(tmux.waitFor("not-yet.jsonl: following", timeout: 2))
        #expect(tmux.capture().contains("1 shown"), "\(tmux.capture())")
    }

    @Test("mv log log.1, a moment with no log, then a new log: rotated at HH:MM, nothing lost")
    func renameRotationIsReported() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("rot.jsonl", lines: [Self.fama])
        let tmux = try TmuxSession(sitmon: [file], width: 120)
        #expect(tmux.waitFor("rot.jsonl: following"))
        try FileManager.default.moveItem(atPath: file, toPath: file + ".1")
        #expect(tmux.waitFor("rot.jsonl: waiting: renamed", timeout: 3))
        // The writer appends to the renamed file until it reopens; then the new file appears.
        try dir.append(Self.jnim + "\n", to: file + ".1")
        try dir.write("rot.jsonl", lines: [Self.minusma])
        #expect(tmux.waitForCounts(3, shown: 3, and: ["rot.jsonl: following, rotated at "], timeout: 4))
    }

    // MARK: - 9. Not a terminal

    @Test("without a terminal on stdout it exits non-zero at once and says why")
    func notATerminal() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("pipe.jsonl", lines: [Self.fama])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["LANG=C.UTF-8", try SitmonBinary.path(), file]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(start) < 2 { usleep(10_000) }
        let stillRunning = process.isRunning
        if stillRunning { process.terminate() }
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(start)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stillRunning, "sitmon kept running with stdout on a pipe")
        #expect(elapsed < 2)
        #expect(process.terminationStatus != 0)
        #expect(stderr.lowercased().contains("terminal"), "stderr: \(stderr)")
        #expect(!stdout.contains("\u{1B}["), "escape sequences written to a pipe: \(stdout.debugDescription)")
    }

    // MARK: - 10. Hostile text

    @Test("control sequences in a summary are shown as text, not obeyed")
    func hostileTextIsInert() throws {
        let dir = try E2ETempDir()
        // JSON escapes: ESC [2J (clear screen), ESC ]0;pwned BEL (set the window title).
        let hostile = #"{"id":"h1","time":"2023-08-20T06:00:00Z","place":"Gao","lat":16.27,"lon":-0.04,"actors":["JNIM"],"type":"battle","fatalities":0,"summary":"\u001b[2J\u001b]0;pwned\u0007HOSTILE","source":"test"}"#
        let file = try dir.write("hostile.jsonl", lines: [Self.fama, hostile])
        let tmux = try TmuxSession(sitmon: [file])
        #expect(tmux.waitFor("HOSTILE"))
        E2EShell.sleep(0.2)
        let screen = tmux.capture()
        #expect(screen.contains("␛"), "no visible ESC placeholder:\n\(screen)")
        #expect(screen.contains("␛[2J"), "\(screen)")
        #expect(screen.contains("Actors"), "screen was cleared:\n\(screen)")
        #expect(screen.contains("Map"), "screen was cleared:\n\(screen)")
        #expect(screen.contains("Army patrol reaches Ber"), "screen was cleared:\n\(screen)")
        #expect(TmuxSession.showsCounts(screen, 2, shown: 2), "\(screen)")
        let title = tmux.paneTitle
        #expect(title != "pwned", "the summary set the terminal title")
        #expect(!title.contains("pwned"), "the summary set the terminal title: \(title)")
    }
}
