import Foundation
import Testing
import SharedTestData

/// End-to-end: terminal sizes, locales and NO_COLOR, on the real binary in tmux.
@Suite(
    "EndToEnd: field conditions",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct FieldConditionsEndToEndTests {
    static let line = e2eIncidentLine(id: "r1", time: "2023-08-13T08:30:00Z", place: "Ménaka", actors: ["FAMA"],
                                      summary: "Resize probe incident")

    /// Whether an SGR sequence sets a foreground or background colour (8, 16 or 256-colour forms).
    static func hasColour(_ screen: String) -> Bool {
        screen.range(of: "\u{1B}\\[([0-9]+;)*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9]+)*m",
                     options: .regularExpression) != nil
    }

    /// Runs a shell command line in a pane (sitmon's environment is set by the caller).
    func session(_ command: String, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession(script: command + "; echo EXITED:$?; sleep 30", width: width, height: height)
    }

    @Test("resizing the terminal redraws the layout at the new size without a key press")
    func resizeRedraws() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("resize.jsonl", lines: [Self.line])
        let tmux = try TmuxSession(sitmon: [file], width: 200, height: 60)
        #expect(tmux.waitFor("Resize probe incident"))
        for (w, h) in [(90, 30), (80, 24), (150, 45), (200, 60)] {
            _ = tmux.tmux(["resize-window", "-t", "main", "-x", String(w), "-y", String(h)])
            // The status line must be the last row of the new size, and the map frame must close at its right edge.
            let redrawn = tmux.waitUntil("layout at \(w)x\(h)") { screen in
                let rows = screen.components(separatedBy: "\n")
                guard rows.count >= h else { return false }
                let status = rows[h - 1]
                let top = rows[0]
                return status.hasSuffix("? help") && top.count == w && top.hasSuffix("┐")
            }
            #expect(redrawn.matched, "not redrawn at \(w)x\(h)")
        }
    }

    @Test("a non-UTF-8 locale draws ASCII only and stays readable")
    func asciiUnderCLocale() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("ascii.jsonl", lines: [Self.line])
        let binary = try SitmonBinary.path()
        let tmux = try session("env LANG=C LC_ALL=C \(E2EShell.quote(binary)) \(E2EShell.quote(file))")
        #expect(tmux.waitFor("Resize probe incident"))
        let screen = tmux.capture()
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII on screen:\n\(screen)")
        #expect(screen.contains("Menaka"), "place not spelled in ASCII:\n\(screen)")
        #expect(screen.contains("+ Actors"), "legend frame missing:\n\(screen)")
        #expect(screen.contains("1 F FAMA"), "legend row missing:\n\(screen)")
    }

    @Test("NO_COLOR selects the mono theme: no colour escapes on screen")
    func noColorIsMono() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("mono.jsonl", lines: [Self.line])
        let binary = try SitmonBinary.path()
        // swift test may export NO_COLOR itself: clear it so this session shows the default theme.
        let coloured = try session("env -u NO_COLOR LANG=C.UTF-8 \(E2EShell.quote(binary)) \(E2EShell.quote(file))")
        #expect(coloured.waitFor("Resize probe incident"))
        let withColour = coloured.tmux(["capture-pane", "-p", "-e", "-t", "main"]).stdout
        #expect(Self.hasColour(withColour), "default theme drew no colour")
        let mono = try session("env LANG=C.UTF-8 NO_COLOR=1 \(E2EShell.quote(binary)) \(E2EShell.quote(file))")
        #expect(mono.waitFor("Resize probe incident"))
        let escapes = mono.tmux(["capture-pane", "-p", "-e", "-t", "main"]).stdout
        #expect(!Self.hasColour(escapes), "colour escapes under NO_COLOR")
        #expect(escapes.contains("\u{1B}[7m") || escapes.contains(";7m"), "mono should mark selection/status by reverse video")
    }

    @Test("Ctrl-Z suspends with the terminal restored; fg resumes with a full redraw")
    func suspendAndResume() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("tstp.jsonl", lines: [Self.line])
        let binary = try SitmonBinary.path()
        let tmux = try TmuxSession(script: "env -u NO_COLOR PS1='PROMPT$ ' bash --norc --noprofile -i", width: 100, height: 30)
        #expect(tmux.waitFor("PROMPT$"))
        tmux.type("\(binary) \(file)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Resize probe incident"))
        tmux.send("C-z")
        #expect(tmux.waitFor("Stopped"))
        #expect(!tmux.capture().contains("Resize probe incident"), "the screen was not given back on suspend")
        tmux.type("fg")
        tmux.send("Enter")
        #expect(tmux.waitForAll(["Resize probe incident", "Actors", "? help"]))
        tmux.send("q")
        #expect(tmux.waitFor("PROMPT$"))
    }

    @Test("every terminal type draws all panes without garbage", arguments: [
        "xterm-256color", "screen-256color", "tmux-256color", "xterm", "linux", "vt100",
    ])
    func terminalTypes(term: String) throws {
        let dir = try E2ETempDir()
        let file = try dir.write("term.jsonl", lines: [Self.line])
        let binary = try SitmonBinary.path()
        let tmux = try session("env -u NO_COLOR TERM=\(term) LANG=C.UTF-8 \(E2EShell.quote(binary)) \(E2EShell.quote(file))")
        #expect(tmux.waitForAll(["Resize probe incident", "Actors", "Map", "? help", "1 ■ FAMA"]))
        let screen = tmux.capture()
        // No stray escape remnants or replacement characters: every row is drawn text.
        #expect(!screen.contains("\u{FFFD}") && !screen.contains("[0m") && !screen.contains("\u{1B}"), "garbage under \(term):\n\(screen)")
        let rows = screen.components(separatedBy: "\n")
        #expect(rows.first?.hasPrefix("┌ Map") == true || rows.first?.hasPrefix("+ Map") == true, "top row under \(term): \(rows.first ?? "")")
    }

    @Test("a broken theme starts sitmon with the default theme and says why in the status line")
    func brokenThemeFallsBack() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("theme.jsonl", lines: [Self.line])
        let theme = try dir.write("broken.toml", lines: ["[ui]", "border = \"reddish\""])
        let binary = try SitmonBinary.path()
        let tmux = try session("env -u NO_COLOR LANG=C.UTF-8 \(E2EShell.quote(binary)) --theme \(E2EShell.quote(theme)) \(E2EShell.quote(file))",
                               width: 200, height: 30)
        #expect(tmux.waitForAll(["Resize probe incident", "broken.toml:2: border: unknown colour or attribute \"reddish\"; using default"]))
    }

    @Test("T cycles the colour theme while running")
    func themeCycles() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("cycle.jsonl", lines: [Self.line])
        let binary = try SitmonBinary.path()
        let tmux = try session("env -u NO_COLOR LANG=C.UTF-8 \(E2EShell.quote(binary)) \(E2EShell.quote(file))")
        #expect(tmux.waitFor("Resize probe incident"))
        let before = tmux.tmux(["capture-pane", "-p", "-e", "-t", "main"]).stdout
        tmux.send("T")
        let changed = tmux.waitUntil("the colours to change") { _ in
            tmux.tmux(["capture-pane", "-p", "-e", "-t", "main"]).stdout != before
        }
        #expect(changed.matched)
        #expect(tmux.capture().contains("Resize probe incident"))
    }

    @Test("20 resizes in a second, through too-small and back: no crash, no stale characters")
    func rapidResizes() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("rapid.jsonl", lines: [Self.line])
        let tmux = try TmuxSession(sitmon: [file], width: 120, height: 40)
        #expect(tmux.waitFor("Resize probe incident"))
        let sizes = [(80, 24), (30, 10), (200, 60), (41, 13), (100, 30), (39, 11), (140, 45), (60, 20), (90, 28), (120, 40)]
        for (w, h) in sizes + sizes {
            _ = tmux.tmux(["resize-window", "-t", "main", "-x", String(w), "-y", String(h)])
            Thread.sleep(forTimeInterval: 0.05)
        }
        let settled = tmux.waitUntil("a clean 120x40 screen") { screen in
            let rows = screen.components(separatedBy: "\n")
            return rows.count >= 40 && rows[0].count == 120 && rows[0].hasSuffix("┐") && rows[39].hasSuffix("? help")
                && rows.prefix(40).allSatisfy { $0.count <= 120 }
        }
        #expect(settled.matched)
        let screen = tmux.capture()
        #expect(!screen.contains("too small"), "a stale too-small message stayed on screen")
        #expect(!screen.contains("EXITED"), "sitmon died during the resizes")
        _ = tmux.tmux(["resize-window", "-t", "main", "-x", "30", "-y", "10"])
        #expect(tmux.waitFor("terminal too small"))
        _ = tmux.tmux(["resize-window", "-t", "main", "-x", "80", "-y", "24"])
        #expect(tmux.waitForAbsence("terminal too small"))
        #expect(tmux.waitFor("Resize probe incident"))
    }

    @Test("the hostile-text corpus cannot move the cursor, set the title, touch the clipboard or break the layout")
    func hostileCorpus() throws {
        let dir = try E2ETempDir()
        let path = dir.path("hostile.jsonl")
        try (Data(HostileCorpus.jsonl().utf8) + HostileCorpus.invalidUTF8Line).write(to: URL(fileURLWithPath: path))
        let tmux = try TmuxSession(sitmon: [path], width: 140, height: 45)
        _ = tmux.tmux(["set-option", "-g", "set-clipboard", "on"])
        _ = tmux.tmux(["set-option", "-g", "allow-rename", "on"])
        let titleBefore = tmux.tmux(["display", "-p", "-t", "main", "#{pane_title}"]).stdout
        #expect(tmux.waitFor("Very long summary"))
        // Walk the detail view of every incident too: all text passes through the screen.
        for _ in 0..<HostileCorpus.strings.count + 1 {
            tmux.send("Enter")
            tmux.send("Escape")
            tmux.send("j")
        }
        #expect(tmux.waitForCounts(13, shown: 13, and: ["1 bad line"]))
        let screen = tmux.capture()
        let rows = screen.components(separatedBy: "\n")
        #expect(rows.count >= 45)
        #expect(rows[44].hasSuffix("? help"), "status line moved: \(rows[44])")
        #expect(rows[0].hasPrefix("┌ Map") && rows[0].hasSuffix("┐"), "top row broken: \(rows[0])")
        // Every framed pane row keeps its right border (the last two rows above the status line are
        // the unframed timeline strip).
        for row in rows.prefix(42) {
            #expect(row.hasSuffix("│") || row.hasSuffix("┃") || row.hasSuffix("┐") || row.hasSuffix("┘")
                    || row.hasSuffix("┓") || row.hasSuffix("┛") || row.hasSuffix("█"), "a row lost its right border: \(row)")
        }
        #expect(screen.contains("␛"), "escape characters should show as visible placeholders")
        #expect(!screen.contains("moved") || !rows.contains { $0.hasPrefix("moved") }, "a cursor move was obeyed")
        let titleAfter = tmux.tmux(["display", "-p", "-t", "main", "#{pane_title}"]).stdout
        #expect(titleAfter == titleBefore && !titleAfter.contains("pwned"), "pane title changed to \(titleAfter)")
        #expect(tmux.tmux(["list-buffers"]).stdout.isEmpty, "the clipboard (a tmux buffer) was written")
    }

    @Test("--mouse: a click selects the feed row under it; without --mouse clicks do nothing")
    func mouseClickSelects() throws {
        let dir = try E2ETempDir()
        let lines = (1...6).map { i in
            e2eIncidentLine(id: "clicked-id-\(i)", time: "2023-08-1\(i)T08:00:00Z", place: "Gao", actors: ["FAMA"], summary: "Click probe \(i)")
        }
        let file = try dir.write("mouse.jsonl", lines: lines)
        // X10 mouse report (what curses asks tmux-256color for): ESC [ M, then 32+button, 32+column, 32+row.
        let press = "\u{1B}[M \(Character(Unicode.Scalar(32 + 20)!))\(Character(Unicode.Scalar(32 + 16)!))"
        let release = "\u{1B}[M#\(Character(Unicode.Scalar(32 + 20)!))\(Character(Unicode.Scalar(32 + 16)!))"
        let tmux = try TmuxSession(sitmon: ["--mouse", file], width: 80, height: 24)
        #expect(tmux.waitFor("Click probe 6"))
        _ = tmux.tmux(["send-keys", "-t", "main", "-l", press])
        _ = tmux.tmux(["send-keys", "-t", "main", "-l", release])
        // Row 16 of the screen is the feed's fourth row: the third newest, "Click probe 3", is selected;
        // Enter opens its detail.
        Thread.sleep(forTimeInterval: 0.3)
        tmux.send("Enter")
        #expect(tmux.waitForAll(["Incident detail", "clicked-id-3"]))  // ids show only in the detail view
    }

    @Test("a closed terminal (the whole tmux server gone) ends sitmon within a second, without spinning")
    func closedTerminalEndsSitmon() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("closed.jsonl", lines: [Self.line])
        let tmux = try TmuxSession(sitmon: [file], width: 80, height: 24)
        #expect(tmux.waitFor("Resize probe incident"))
        let pid = try #require(tmux.sitmonPID())
        tmux.kill()
        let took = E2EProcessTable.waitForExit(pid, timeout: 3)
        #expect(took != nil && took! < 1.0, "sitmon outlived its terminal: \(String(describing: took))")
    }
}
