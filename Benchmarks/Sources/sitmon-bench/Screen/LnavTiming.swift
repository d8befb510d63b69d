#if canImport(Glibc)
import Glibc
#endif

/// One lnav run on the file, for comparison.
struct LnavRun {
    var seconds: Double
    var cpu: Double
    var peakRSSMiB: Double
    var lines: Int
}

func lnavPath() -> String? {
    ["/usr/bin/lnav", "/usr/local/bin/lnav"].first { access($0, X_OK) == 0 }
}

/// lnav in headless mode (`-n`) loads and indexes every file before it runs its commands, so
/// timing `lnav -n -c ';SELECT … inner_height FROM lnav_views'` from spawn to exit measures the
/// indexing of the whole file plus a start and an exit; the query's answer (the text view's line
/// count) shows it did read all of it. Without a command, `-n` would print every line as well.
func timeLnav(file: String, expected: Int) throws -> LnavRun {
    guard let lnav = lnavPath() else { throw UsageError("lnav is not installed") }
    var pipeFDs: [Int32] = [0, 0]
    guard pipe(&pipeFDs) == 0 else { throw UsageError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
    let query = ";SELECT inner_height FROM lnav_views WHERE name = 'text'"
    let arguments: [String] = [lnav, "-n", "-c", query, file]
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    // A fresh configuration each time, so no session or index of an earlier run is reused.
    var template = Array("/tmp/sitmon-lnav-XXXXXX".utf8CString)
    guard let home = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
        throw UsageError("mkdtemp failed")
    }
    defer { _ = system("rm -rf '\(home)'") }
    let environment: [String] = ["HOME=\(home)", "TERM=xterm-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
    let envp = environment.map { strdup($0) } + [nil]
    defer { for p in envp { free(p) } }

    let start = monoNanos()
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, lnav, &actions, nil, argv, envp)
    close(pipeFDs[1])
    guard rc == 0 else {
        close(pipeFDs[0])
        throw UsageError("cannot start lnav: \(String(cString: strerror(rc)))")
    }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
        if n <= 0 { break }
        output += chunk[0..<n]
    }
    close(pipeFDs[0])
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = seconds(since: start)
    let text = String(decoding: output, as: UTF8.self)
    let lines = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }.last ?? 0
    guard lines == expected else {
        throw UsageError("lnav reported \(lines) lines, not \(expected):\n\(text)")
    }
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return LnavRun(seconds: elapsed, cpu: cpu, peakRSSMiB: Double(usage.ru_maxrss) / 1024, lines: lines)
}
