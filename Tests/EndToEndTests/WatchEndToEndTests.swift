import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: days on watch (issue 12): a crash gives the terminal back, no read holds sitmon
/// hostage.
@Suite(
    "EndToEnd: days on watch",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct WatchEndToEndTests {
    static let line = e2eIncidentLine(id: "w1", time: "2023-08-13T08:30:00Z", place: "Ber", actors: ["FAMA"],
                                      summary: "Army patrol reaches Ber")

    /// Runs sitmon (with `prefix` shell text before it, e.g. variables) and then an interactive
    /// shell in the same pane, so what the terminal was left in can be typed into.
    static func session(_ arguments: [String], environment: [String] = [], width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let binary = try SitmonBinary.path()
        let command = (["env", "-u", "SWIFT_BACKTRACE", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"] + environment + [binary] + arguments)
            .map(E2EShell.quote).joined(separator: " ")
        return try TmuxSession(script: "trap : INT; \(command); echo EXITED:$?; PS1='READY$ ' exec sh -i", width: width, height: height)
    }

    /// Whether tmux shows the pane's alternate screen (where full-screen programs draw).
    static func onAlternateScreen(_ tmux: TmuxSession) -> Bool {
        tmux.tmux(["display", "-p", "-t", "main", "#{alternate_on}"]).stdout.hasPrefix("1")
    }

    /// Types `stty -a` into the shell the pane is left with and returns the modes it reports. The
    /// marker is printed from an octal escape, so the echoed command line does not carry it.
    static func typedSttyFlags(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) -> Set<String> {
        tmux.type(#"printf '\115ODES:'; stty -a | tr "\n" " " | grep -o " echo \| -echo \| icanon \| -icanon " | tr -d "\n"; echo"#)
        tmux.send("Enter")
        func modes(_ screen: String) -> Substring? {
            guard let line = screen.components(separatedBy: "\n").first(where: { $0.contains("MODES:") }),
                  let marker = line.range(of: "MODES:"), line[marker.upperBound...].contains("echo") else { return nil }
            return line[marker.upperBound...]
        }
        let screen = tmux.waitUntil("the modes", sourceLocation: sourceLocation) { modes($0) != nil }.screen
        return Set((modes(screen) ?? "").split(separator: " ").map(String.init))
    }

    @Test("SIGQUIT: the terminal is given back at once (normal screen, cooked modes), no key is waited for, the backtrace goes to a file")
    func quitGivesTheTerminalBack() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("quit.jsonl", lines: [Self.line])
        let tmux = try Self.session([file], environment: ["XDG_STATE_HOME=" + dir.path("state")])
        #expect(tmux.waitFor("Army patrol reaches Ber"))
        #expect(Self.onAlternateScreen(tmux))
        let pid = try #require(tmux.sitmonPID(), "sitmon process not found under the pane:\n\(tmux.capture())")
        E2EShell.sleep(0.2)

        #expect(kill(pid, SIGQUIT) == 0)
        // Gone without a key: the runtime's backtracer was told not to be interactive.
        let took = E2EProcessTable.waitForExit(pid, timeout: 5)
        #expect(took != nil, "sitmon (pid \(pid)) still running 5 s after SIGQUIT:\n\(tmux.capture())")
        #expect(tmux.waitFor("EXITED:131", timeout: 3))
        #expect(tmux.waitFor("READY$", timeout: 3))
        #expect(!Self.onAlternateScreen(tmux), "left on the alternate screen:\n\(tmux.capture())")
        let screen = tmux.capture()
        #expect(screen.contains("the terminal is restored"), "\(screen)")
        #expect(!screen.contains("Feed ·"), "the display was not left:\n\(screen)")
        // The shell answers what is typed, in cooked mode with echo.
        let flags = Self.typedSttyFlags(tmux)
        #expect(flags.contains("echo") && flags.contains("icanon") && !flags.contains("-echo") && !flags.contains("-icanon"),
                "terminal not restored after SIGQUIT: \(flags.sorted())\n\(tmux.capture())")
        let crashes = (try? FileManager.default.contentsOfDirectory(atPath: dir.path("state/sitmon/crashes"))) ?? []
        #expect(crashes.contains { $0.hasPrefix("sitmon-") }, "no backtrace file: \(crashes)")
    }
}

extension WatchEndToEndTests {
    @Test("sitmon f f ./f reads the file once and says so")
    func aFileNamedTwiceIsReadOnce() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("twice.jsonl", lines: [
            Self.line,
            e2eIncidentLine(id: "w2", time: "2023-08-14T08:30:00Z", place: "Gao", actors: ["JNIM"], summary: "Second report"),
            #"{"time":"2023-08-15","actors":["CMA"],"summary":"A report without an id"}"#,
        ])
        let tmux = try TmuxSession(sitmon: [file, file, dir.url.path + "/./twice.jsonl"], width: 120, height: 30)
        #expect(tmux.waitForCounts(3, shown: 3, and: ["twice.jsonl given 3 times; read once", "A report without an id"]))
        let screen = tmux.capture()
        #expect(!screen.contains("revised"), "\(screen)")
        #expect(!screen.contains("6 incidents") && !screen.contains("4 incidents"), "\(screen)")
    }
}

extension WatchEndToEndTests {
    /// A FeatureCollection of `features` features, one a line: read as one document, so its
    /// decoding finishes only at its end (several seconds for 60,000 features in a debug build).
    static func featureCollection(_ features: Int) -> String {
        var text = #"{"type":"FeatureCollection","features":["# + "\n"
        text.reserveCapacity(features * 260)
        for i in 0..<features {
            text += #"{"type":"Feature","geometry":{"type":"Point","coordinates":[\#(-3.0 + Double(i % 300) * 0.01),16.27]},"#
                + #""properties":{"id":"g\#(i)","time":"2023-08-13T08:30:00Z","actors":["JNIM","FAMA"],"place":"Gao","#
                + #""summary":"feature \#(i) of a big collection"}}"# + (i < features - 1 ? ",\n" : "\n")
        }
        return text + "]}\n"
    }

    /// How far the read has got by the status line: the percentage of "reading big.geojson 42% · …"
    /// (or of its short form "reading 42%"), or nil when it is not shown.
    static func progressSoFar(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"reading (\S+ )?\d+%"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropLast().split(separator: " ").last ?? "")
    }

    @Test("a slow read (a big GeoJSON collection, decoded at its end) shows progress, and q, SIGTERM, SIGHUP and closing the pane end sitmon within a second",
          arguments: ["q", "TERM", "HUP", "close"])
    func aSlowReadHoldsNothingHostage(way: String) throws {
        let dir = try E2ETempDir()
        let path = dir.path("big.geojson")
        try Data(Self.featureCollection(60_000).utf8).write(to: URL(fileURLWithPath: path))
        let tmux = try Self.session([path], width: 140, height: 30)
        let pid = try #require(tmux.sitmonPID(), "sitmon process not found under the pane:\n\(tmux.capture())")
        // Progress: the share of the file read grows while the file is read.
        #expect(tmux.waitUntil("progress", timeout: 10) { Self.progressSoFar($0) != nil }.matched)
        // Then the decoding of the whole collection: the count stops moving. That is the moment a
        // loop that waited for its reads could not answer.
        var last = Self.progressSoFar(tmux.capture())
        var steady = Date()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            E2EShell.sleep(0.1)
            let screen = tmux.capture()
            guard let now = Self.progressSoFar(screen) else { break }  // done reading (a fast build)
            if now != last {
                last = now
                steady = Date()
            } else if Date().timeIntervalSince(steady) >= 1 {
                break
            }
        }
        switch way {
        case "q": tmux.send("q")
        case "close": tmux.tmux(["kill-pane", "-t", "main"])
        default: #expect(kill(pid, way == "TERM" ? SIGTERM : SIGHUP) == 0)
        }
        let took = E2EProcessTable.waitForExit(pid, timeout: 5)
        #expect(took != nil, "sitmon (pid \(pid)) still running 5 s after \(way):\n\(tmux.capture())")
        if let took { #expect(took < 1.0, "\(way) took \(String(format: "%.2f", took)) s to end sitmon") }
        if way != "close" {
            #expect(tmux.waitFor("READY$", timeout: 3))
            let flags = Self.typedSttyFlags(tmux)
            #expect(flags.contains("echo") && flags.contains("icanon") && !flags.contains("-icanon"), "\(flags.sorted())")
        }
    }
}

extension WatchEndToEndTests {
    @Test("logrotate's create mode: mv mid-way through 100,000 lines (10,000 a second), the writer on the old file for 100 ms more, then the new one; every line arrives")
    func rotationAsLogrotateDoesIt() throws {
        let dir = try E2ETempDir()
        let path = dir.path("rotated.jsonl")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let tmux = try TmuxSession(sitmon: [path], width: 120, height: 30)
        #expect(tmux.waitFor("rotated.jsonl: following"))
        let total = 100_000
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            defer { done.signal() }
            var fd = open(path, O_WRONLY | O_APPEND)
            var next = 1
            var rotatedAt: Date?
            var reopened = false
            // 10,000 lines a second, slow enough that a debug build keeps up and so sees the new
            // file while the old one is still written (a reader that lags never notices).
            while next <= total {
                var chunk = ""
                for n in next..<min(total + 1, next + 100) {
                    chunk += #"{"id":"r\#(n)","time":"2023-08-13T08:30:00Z","place":"Gao","actors":["JNIM"],"summary":"rotation line \#(n)"}"# + "\n"
                }
                _ = chunk.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
                next += 100
                if rotatedAt == nil, next > total / 2 {
                    rename(path, path + ".1")
                    close(open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644))
                    rotatedAt = Date()
                }
                if let rotatedAt, !reopened, Date().timeIntervalSince(rotatedAt) >= 0.1 {
                    close(fd)
                    fd = open(path, O_WRONLY | O_APPEND)
                    reopened = true
                }
                usleep(10_000)
            }
            close(fd)
        }
        writer.start()
        done.wait()
        let arrived = tmux.waitUntil("all \(total) lines", timeout: 60) { screen in
            TmuxSession.showsCounts(IngestEndToEndTests.status(screen, height: 30), total, shown: total)
        }
        #expect(arrived.matched)
    }
}
