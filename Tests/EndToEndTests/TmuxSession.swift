import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Helpers for the end-to-end tests: run the real `sitmon` binary inside a detached tmux session
// on a private socket, type keys into it and read the screen back with `capture-pane`.

/// The result of running a command to completion.
struct E2ECommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum E2EShell {
    /// Runs `arguments` through `/usr/bin/env`, waits for it and returns its status and output.
    ///
    /// This spawns with posix_spawn rather than Foundation's `Process` on purpose: a child of
    /// `Process` inherits the calling thread's signal mask, and Swift Testing runs tests on
    /// threads that block SIGHUP, SIGTERM, SIGCHLD... A tmux server started that way never sees
    /// SIGCHLD or the SIGTERM `kill-server` sends itself, and lingers. Output goes to temporary
    /// files, not pipes, so a daemon that keeps a descriptor open cannot make us wait for EOF.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil) -> E2ECommandResult {
        let base = "/tmp/sme2e-run-" + UUID().uuidString
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else open in the test process reaches the child: tests run in parallel, and a
        // tmux server that inherits another test's descriptor keeps it for its whole life (one
        // holding a half-copied executable open for writing makes its exec fail, ETXTBSY).
        closeFrom3(&actions)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            return E2ECommandResult(status: -1, stdout: "", stderr: "cannot run \(arguments): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        func read(_ path: String) -> String {
            (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return E2ECommandResult(status: exitCode, stdout: read(outPath), stderr: read(errPath))
    }

    #if os(Linux)
    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), looked up at run time
    /// because the Glibc module does not import it; without it, children inherit as before.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: CloseFrom.self) }

    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        _ = closeFrom?(&actions, 3)
    }
    #else
    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t?) {}
    #endif

    /// `text` quoted for a POSIX shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func sleep(_ seconds: Double) {
        usleep(useconds_t(max(0, seconds) * 1_000_000))
    }
}

/// Where the `sitmon` executable is: $SITMON_BIN, beside the running test binary (same build
/// folder, so `swift test --scratch-path X` finds X's build), or `.build/debug/sitmon` under the
/// package root found by walking up from this file.
enum SitmonBinary {
    struct Missing: Error, CustomStringConvertible {
        var candidates: [String]
        var description: String {
            "sitmon executable not found (run `swift build` first); looked at: \(candidates.joined(separator: ", "))"
        }
    }

    static func packageRoot(from file: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    static func path() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["SITMON_BIN"], !env.isEmpty { candidates.append(env) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("sitmon").path)
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("sitmon").path)
        if let root = packageRoot() {
            candidates.append(root.appendingPathComponent(".build/debug/sitmon").path)
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw Missing(candidates: candidates)
    }
}

/// A scratch folder removed when the value goes away. Names are kept short so full paths fit
/// on one line of the detail overlay.
final class E2ETempDir {
    let url: URL

    init() throws {
        let name = "sme2e-" + UUID().uuidString.prefix(8).lowercased()
        url = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `lines` (each followed by a newline) to a new file and returns its path.
    @discardableResult
    func write(_ name: String, lines: [String]) throws -> String {
        let path = path(name)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Appends raw text to an existing file, as a writer process would.
    func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

/// One JSON Lines incident, the format sitmon follows.
func e2eIncidentLine(id: String, time: String, place: String, actors: [String], summary: String,
                  source: String = "e2e-test", fatalities: Int = 0, type: String = "battle") -> String {
    let object: [String: Any] = [
        "id": id, "time": time, "place": place, "actors": actors, "type": type,
        "fatalities": fatalities, "summary": summary, "source": source,
    ]
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
}

/// A detached tmux session on a private socket running one shell command in a W×H pane.
final class TmuxSession {
    let socket: String
    let width: Int
    let height: Int
    private let environment: [String: String]
    private var killed = false
    /// The server's socket file; tmux leaves it behind on kill-server, so it is removed by hand.
    private var socketPath: String?
    /// The XDG state folder the session's sitmon keeps its watch log in (removed with the session).
    let stateFolder: String

    /// Whether a `tmux` is on the PATH; the end-to-end suite is skipped without one.
    static var isInstalled: Bool {
        E2EShell.run(["tmux", "-V"]).status == 0
    }

    /// Starts `/bin/sh -c script` in a new pane.
    init(script: String, width: Int = 80, height: Int = 24, directory: String? = nil,
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        socket = "sitmon-e2e-" + UUID().uuidString.prefix(12).lowercased()
        self.width = width
        self.height = height
        var env = ProcessInfo.processInfo.environment
        // Never talk to (or nest inside) a tmux the tests happen to run in; the server's shell
        // and locale must be known so the command string and UTF-8 capture behave the same everywhere.
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        env["SHELL"] = "/bin/sh"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        // Each session keeps its own watch log (its XDG state folder), so tests never share one by accident.
        let state = "/tmp/" + socket + "-state"
        env["XDG_STATE_HOME"] = state
        stateFolder = state
        environment = env
        var args = ["new-session", "-d", "-x", String(width), "-y", String(height), "-s", "main"]
        if let directory { args += ["-c", directory] }
        args.append("sh -c " + E2EShell.quote(script))
        let result = tmux(args)
        guard result.status == 0 else {
            killed = true
            struct StartFailed: Error, CustomStringConvertible { var description: String }
            throw StartFailed(description: "tmux new-session failed (\(result.status)): \(result.stderr)")
        }
        let path = tmux(["display", "-p", "#{socket_path}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        socketPath = path.isEmpty ? nil : path
    }

    /// Runs sitmon with `arguments`, then reports its exit code as `EXITED:<code>`, runs `after`
    /// (shell text) and keeps the pane open so the report can be read.
    convenience init(sitmon arguments: [String], width: Int = 80, height: Int = 24, after: String = "") throws {
        let binary = try SitmonBinary.path()
        let command = (["env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", binary] + arguments).map(E2EShell.quote).joined(separator: " ")
        // `trap : INT` keeps the shell alive through Ctrl-C (which signals the whole foreground
        // process group) so it can print the report; sitmon itself starts with SIGINT at default.
        var script = "trap : INT; \(command); echo EXITED:$?"
        if !after.isEmpty { script += "; " + after }
        script += "; sleep 30"
        try self.init(script: script, width: width, height: height)
    }

    deinit { kill() }

    /// Stops the tmux server (and with it everything running in the pane).
    func kill() {
        guard !killed else { return }
        killed = true
        tmux(["kill-server"])
        if let socketPath, socketPath.contains(socket) { unlink(socketPath) }
        try? FileManager.default.removeItem(atPath: stateFolder)
    }

    @discardableResult
    func tmux(_ arguments: [String]) -> E2ECommandResult {
        E2EShell.run(["tmux", "-f", "/dev/null", "-L", socket] + arguments, environment: environment)
    }

    /// Sends tmux key names (`Escape`, `Enter`, `C-c`, `q`, ...).
    func send(_ keys: String...) {
        tmux(["send-keys", "-t", "main"] + keys)
    }

    /// Types `text` literally.
    func type(_ text: String) {
        tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// The visible pane contents.
    func capture() -> String {
        tmux(["capture-pane", "-p", "-t", "main"]).stdout
    }

    /// The pane's lines.
    func lines() -> [String] {
        capture().components(separatedBy: "\n")
    }

    /// How many times its stated timeout a screen wait may take. The unit tests run beside the
    /// end-to-end ones on the same two cores, and on a busy shared host sitmon in its pane can be
    /// kept from the CPU for seconds: waits written as 3 or 5 s timed out there (2 Dec 2026, two of
    /// 715 tests, passing on the next run). A wait returns as soon as its screen is there, so a
    /// passing test takes no longer; only a failing one waits longer before it says so.
    /// `SITMON_E2E_SLACK` sets another factor.
    static let timeoutSlack: Double = ProcessInfo.processInfo.environment["SITMON_E2E_SLACK"].flatMap(Double.init) ?? 3

    /// Polls the screen every 50 ms until `predicate` holds; records an issue with the last
    /// screen when it never does (after `timeout` times `timeoutSlack`). Returns the last screen
    /// and whether it matched.
    @discardableResult
    func waitUntil(_ description: String, timeout: Double = 3,
                   sourceLocation: SourceLocation = #_sourceLocation,
                   _ predicate: (String) -> Bool) -> (matched: Bool, screen: String) {
        let timeout = timeout * Self.timeoutSlack
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() >= deadline {
                Issue.record(Comment(rawValue: "timed out after \(timeout) s waiting for \(description); last screen:\n\(screen)"),
                             sourceLocation: sourceLocation)
                return (false, screen)
            }
            E2EShell.sleep(0.05)
            screen = capture()
        }
        return (true, screen)
    }

    /// Waits until the screen contains `text`.
    /// Whether the screen counts `total` incidents with `shown` shown, in the status line's full
    /// form ("3 incidents, 2 shown") or the short one it takes when crowded ("2/3 shown").
    static func showsCounts(_ screen: String, _ total: Int, shown: Int) -> Bool {
        screen.contains("\(total) incident\(total == 1 ? "" : "s"), \(shown) shown") || screen.contains("\(shown)/\(total) shown")
    }

    /// Waits for the status line's counts and every one of `texts`.
    @discardableResult
    func waitForCounts(_ total: Int, shown: Int, and texts: [String] = [], timeout: Double = 3,
                       sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("\(shown) of \(total) shown and \(texts)", timeout: timeout, sourceLocation: sourceLocation) { screen in
            Self.showsCounts(screen, total, shown: shown) && texts.allSatisfy { screen.contains($0) }
        }.matched
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 3, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }.matched
    }

    /// Waits until the screen contains every one of `texts`.
    @discardableResult
    func waitForAll(_ texts: [String], timeout: Double = 3, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("all of \(texts)", timeout: timeout, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy { screen.contains($0) }
        }.matched
    }

    /// Waits until the screen no longer contains `text`.
    @discardableResult
    func waitForAbsence(_ text: String, timeout: Double = 3, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("\"\(text)\" to disappear", timeout: timeout, sourceLocation: sourceLocation) { !$0.contains(text) }.matched
    }

    /// The pid of the pane's first process (the `sh -c`).
    var panePID: pid_t? {
        pid_t(tmux(["display", "-p", "-t", "main", "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The pane's title (what OSC 0/2 sequences would change).
    var paneTitle: String {
        tmux(["display", "-p", "-t", "main", "#{pane_title}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the `sitmon` process the pane's shell started (a descendant of the pane's pid), waiting for it to exec.
    func sitmonPID(timeout: Double = 3) -> pid_t? {
        guard let parent = panePID else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let pid = E2EProcessTable.descendants(of: parent).first(where: { E2EProcessTable.name(of: $0) == "sitmon" }) {
                return pid
            }
            E2EShell.sleep(0.05)
        } while Date() < deadline
        return nil
    }
}

/// Reads /proc (Linux), falling back to pgrep elsewhere.
enum E2EProcessTable {
    static func children(of parent: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
            return E2EShell.run(["pgrep", "-P", String(parent)]).stdout.split(separator: "\n").compactMap { pid_t($0) }
        }
        return entries.compactMap(pid_t.init).filter { stat(of: $0)?.ppid == parent }
    }

    /// Children, grandchildren... (the pane runs `sh -c "sh -c '...'"`, so sitmon is not a direct child).
    static func descendants(of root: pid_t) -> [pid_t] {
        var found: [pid_t] = []
        var queue = [root]
        while !queue.isEmpty {
            let next = children(of: queue.removeFirst())
            found += next
            queue += next
        }
        return found
    }

    static func name(of pid: pid_t) -> String? {
        if let text = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let out = E2EShell.run(["ps", "-o", "comm=", "-p", String(pid)]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return out.isEmpty ? nil : URL(fileURLWithPath: out).lastPathComponent
    }

    /// Parent pid, state letter and CPU time used (user + system, in clock ticks).
    /// Voluntary context switches of the process's main thread so far: how often it slept and woke.
    static func wakeups(of pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("voluntary_ctxt_switches:") {
            return Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        return nil
    }

    static func stat(of pid: pid_t) -> (ppid: pid_t, state: Character, cpuTicks: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let state = fields[0].first, let ppid = pid_t(fields[1]),
              let utime = Int(fields[11]), let stime = Int(fields[12]) else { return nil }
        return (ppid, state, utime + stime)
    }

    /// Whether `pid` still exists as a live (not zombie) process.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        if let state = stat(of: pid)?.state, state == "Z" || state == "X" { return false }
        return true
    }

    /// Polls until `pid` is gone; returns the seconds it took, or nil after `timeout`.
    static func waitForExit(_ pid: pid_t, timeout: Double) -> Double? {
        let start = Date()
        while isAlive(pid) {
            if Date().timeIntervalSince(start) > timeout { return nil }
            usleep(5_000)
        }
        return Date().timeIntervalSince(start)
    }
}
