#if canImport(Glibc)
import Glibc
#endif

/// What one fresh sitmon process showed, and what it cost, from exec until every incident was
/// counted on its screen.
struct ScreenRun {
    /// Seconds from spawn until the status line first showed a count.
    var firstScreen: Double?
    /// Seconds from spawn until the status line showed `expected` incidents.
    var allCounted: Double?
    var processCPU: Double = 0
    var threads: [ThreadCPU] = []
    var peakRSSMiB: Double = 0
    var rssMiB: Double = 0
    /// Bytes the program wrote to the terminal until all was counted.
    var terminalBytes = 0
    /// How many times the shown count changed on the way (a lower bound on frames drawn).
    var countChanges = 0
    /// Milliseconds from a key sent to the screen answering it (`--keys`).
    var keyAnswers: [Double] = []
    /// When (seconds from spawn) each answer slower than 100 ms was sent, and how slow it was.
    var slowKeys: [(at: Double, ms: Double)] = []
    var lastCount: Int?
}

/// Starts `binary` on `file` in a pty of width×height and watches its screen.
func watchSitmon(binary: String, file: String, extra: [String], expected: Int, width: Int, height: Int,
                 probeKeys: Bool, timeout: Double) throws -> ScreenRun {
    var environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
    for key in ["HOME", "PATH", "XDG_STATE_HOME", "SWIFT_BACKTRACE"] {
        if let value = getenv(key) { environment[key] = String(cString: value) }
    }
    let start = monoNanos()
    let terminal = try PseudoTerminal(executable: binary, arguments: extra + [file], width: width, height: height,
                                      environment: environment)
    var run = ScreenRun()
    var screen = TerminalScreen(width: width, height: height)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var probe = KeyProbe()
    defer { _ = terminal.reap() }

    while seconds(since: start) < timeout {
        guard let n = terminal.read(timeoutMs: 10, into: &buffer) else {
            throw UsageError("sitmon ended before counting everything; its screen:\n\(screen.text)")
        }
        if n > 0 {
            screen.feed(buffer[0..<n])
            run.terminalBytes += n
        }
        let now = seconds(since: start)
        if let count = statusCount(screen) {
            if run.firstScreen == nil { run.firstScreen = now }
            if count != run.lastCount { run.countChanges += 1; run.lastCount = count }
            if count == expected, !probe.helpShown {
                run.allCounted = now
                break
            }
        }
        if probeKeys, let answered = probe.step(screen, terminal, now: now) {
            run.keyAnswers.append(answered)
            if answered > 100 { run.slowKeys.append((now - answered / 1000, answered)) }
        }
    }
    guard run.allCounted != nil else {
        throw UsageError("no count of \(expected) incidents within \(timeout) s (last seen: \(run.lastCount.map(String.init) ?? "none")); screen:\n\(screen.text)")
    }
    // Just before quitting: everything the process used to get here.
    run.threads = ProcessStats.threads(of: terminal.pid)
    run.processCPU = ProcessStats.processCPU(of: terminal.pid) ?? .nan
    run.peakRSSMiB = ProcessStats.peakRSSMiB(of: terminal.pid) ?? .nan
    run.rssMiB = ProcessStats.rssMiB(of: terminal.pid) ?? .nan
    terminal.send("q")
    return run
}

/// The store's count as the status line shows it: "1,000 incidents, 998 shown" or, short, "998/1000 shown".
func statusCount(_ screen: TerminalScreen) -> Int? {
    for r in stride(from: screen.height - 1, through: 0, by: -1) {
        let line = screen.line(r)
        if let n = number(before: " incidents", in: line) ?? number(before: " incident,", in: line) { return n }
        if let range = line.range(of: " shown"), let slash = line[..<range.lowerBound].lastIndex(of: "/"),
           let n = Int(line[line.index(after: slash)..<range.lowerBound]) {
            return n
        }
    }
    return nil
}

private func number(before marker: String, in line: String) -> Int? {
    guard let range = line.range(of: marker) else { return nil }
    let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
    return Int(String(digits.reversed()).replacingUnderscores())
}

/// Sends `?` (help) and then `?` again, each once the screen answered the one before, and times
/// how long each answer took: the keyboard's latency while the file loads.
struct KeyProbe {
    private(set) var helpShown = false
    private var sentAt: Double?
    private var nextAt = 0.05
    static let marker = "show or hide this help"

    mutating func step(_ screen: TerminalScreen, _ terminal: PseudoTerminal, now: Double) -> Double? {
        if let sent = sentAt {
            let showing = screen.text.contains(Self.marker)
            guard showing != helpShown else { return nil }
            helpShown = showing
            sentAt = nil
            nextAt = now + 0.1
            return (now - sent) * 1000
        }
        if now >= nextAt {
            terminal.send("?")
            sentAt = now
        }
        return nil
    }
}
