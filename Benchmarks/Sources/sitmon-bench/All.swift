#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Monitor

/// Runs a program, returning its exit status, standard output and wall time (spawn → exit).
/// Standard output goes to `discardOutput ? /dev/null : a pipe we read`; standard error is inherited.
func spawn(_ argv: [String], discardOutput: Bool = false) throws -> (status: Int32, output: String, seconds: Double) {
    var pipeFDs: [Int32] = [-1, -1]
    if !discardOutput { guard pipe(&pipeFDs) == 0 else { throw UsageError("pipe failed") } }
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    #else
    var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if discardOutput {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
    } else {
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
    }
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    var pid = pid_t()
    let start = monoNanos()
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, &cArgs, environ)
    guard rc == 0 else {
        if !discardOutput { close(pipeFDs[0]); close(pipeFDs[1]) }
        throw UsageError("cannot run \(argv[0]): \(String(cString: strerror(rc)))")
    }
    var output: [UInt8] = []
    if !discardOutput {
        close(pipeFDs[1])
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            output.append(contentsOf: chunk[0..<n])
        }
        close(pipeFDs[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let took = seconds(since: start)
    let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitCode, String(decoding: output, as: UTF8.self), took)
}

/// `key=value` pairs of the `RESULT` line in a child's output.
func resultFields(_ output: String) -> [String: String] {
    guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else { return [:] }
    var fields: [String: String] = [:]
    for part in line.split(separator: " ").dropFirst(2) {
        let kv = part.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
    }
    return fields
}

func selfExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments[0]
}

func runAll(_ options: Options) throws {
    let dir = options.string("dir") ?? "/tmp"
    let jsonlLines = try options.int("jsonl-lines", default: 1_000_000)
    let acledLines = try options.int("acled-lines", default: 200_000)
    let samples = try options.int("samples", default: 500)
    let frames = try options.int("frame-runs", default: 3)
    let regenerate = options.flag("regenerate")
    let jsonlPath = "\(dir)/sitmon-bench-\(jsonlLines).jsonl"
    let acledPath = "\(dir)/sitmon-bench-\(acledLines)-acled.csv"
    let me = selfExecutable()
    let loadBefore = loadAverage()

    for (path, lines, format) in [(jsonlPath, jsonlLines, OutputFormat.jsonl), (acledPath, acledLines, .acled)] {
        if regenerate || (fileSize(path) ?? 0) == 0 {
            printErr("generating \(path) …")
            let start = monoNanos()
            let bytes = try generateFile(lines: lines, path: path, format: format, seed: 2023)
            printErr("  \(grouped(Int(bytes))) bytes in \(fixed(seconds(since: start), 1)) s")
        } else {
            printErr("using existing \(path) (pass --regenerate to rewrite it)")
        }
    }
    let jsonlBytes = fileSize(jsonlPath) ?? 0
    let acledBytes = fileSize(acledPath) ?? 0

    // Warm the page cache the same way for every reader below.
    _ = try? spawn(["cat", jsonlPath], discardOutput: true)
    _ = try? spawn(["cat", acledPath], discardOutput: true)

    printErr("wc -l …")
    var wcRuns: [Double] = []
    for _ in 0..<3 { wcRuns.append(try spawn(["wc", "-l", jsonlPath], discardOutput: true).seconds) }
    let wc = median(wcRuns)

    var jqSeconds: Double?
    if !options.flag("no-jq"), (try? spawn(["jq", "--version"], discardOutput: true).status) == 0 {
        printErr("jq filter …")
        jqSeconds = try spawn(["jq", "-c", "select(.fatalities > 10)", jsonlPath], discardOutput: true).seconds
    }

    printErr("parse JSONL (3 runs each) …")
    let jsonl = measureParse(path: jsonlPath, pick: .choice(.jsonl))
    printErr("parse ACLED through FormatChoice (3 runs each) …")
    let acled = measureParse(path: acledPath, pick: .choice(.acled))
    // While FormatChoice did not route ACLED to its decoder yet, measure the decoder directly too.
    var acledDirect: ParseFigures?
    if acled.incidents == 0 {
        printErr("parse ACLED with ACLEDDecoder directly (3 runs each) …")
        acledDirect = measureParse(path: acledPath, pick: .acledDirect)
    }

    printErr("first frame, \(frames) fresh processes …")
    var frameSeconds: [Double] = []
    var frameWall: [Double] = []
    var frameRSS: [Double] = []
    var frameCPU: [Double] = []
    var frameCount = 0
    for run in 1...max(1, frames) {
        let result = try spawn([me, "first-frame", "--file", jsonlPath])
        guard result.status == 0 else { throw UsageError("first-frame exited with \(result.status)") }
        let fields = resultFields(result.output)
        guard let s = fields["seconds"].flatMap(Double.init), let rss = fields["peak_rss_mib"].flatMap(Double.init)
        else { throw UsageError("first-frame printed no result:\n\(result.output)") }
        frameSeconds.append(s)
        frameWall.append(result.seconds)
        frameRSS.append(rss)
        frameCPU.append(fields["cpu_s"].flatMap(Double.init) ?? .nan)
        frameCount = fields["store_count"].flatMap { Int($0) } ?? 0
        printErr("  run \(run): \(fixed(s, 3)) s in main, \(fixed(result.seconds, 3)) s spawn→exit, \(fixed(rss, 1)) MiB")
    }

    printErr("append latency, \(samples) samples …")
    let latency = try measureAppendLatency(samples: samples, intervalMs: 20)

    let loadAfter = loadAverage()
    let mib = Double(jsonlBytes) / 1_048_576
    let ff = median(frameSeconds)
    let rss = frameRSS.max() ?? 0
    func yes(_ met: Bool) -> String { met ? "**met**" : "**not met**" }

    print("")
    print("Files: `\(jsonlPath)` — \(grouped(jsonlLines)) JSONL lines, \(grouped(Int(jsonlBytes))) bytes "
          + "(\(fixed(mib, 1)) MiB, \(fixed(Double(jsonlBytes) / Double(max(1, jsonlLines)), 1)) bytes/line); "
          + "`\(acledPath)` — \(grouped(acledLines)) ACLED rows, \(grouped(Int(acledBytes))) bytes. "
          + "Load average (1/5/15 min) before: \(loadBefore); after: \(loadAfter).")
    print("")
    print("| Measure | Result | Target / reference | Status |")
    print("| --- | --- | --- | --- |")
    print("| JSONL parse only (SourceReader.poll), median of 3 | \(grouped(Int(jsonl.parseRate))) lines/s "
          + "(\(fixed(jsonl.parseSeconds, 2)) s, CPU \(fixed(jsonl.parseCPU, 2)) s, \(fixed(mib / jsonl.parseSeconds, 0)) MiB/s) | — | — |")
    print("| JSONL into the store (+ Reducer ingest), median of 3 | \(grouped(Int(jsonl.storeRate))) lines/s "
          + "(\(fixed(jsonl.storeSeconds, 2)) s, CPU \(fixed(jsonl.storeCPU, 2)) s, of which Reducer ingest "
          + "\(fixed(jsonl.reduceSeconds, 2)) s; \(grouped(jsonl.storeCount)) incidents stored) | ≥ 1,000,000 lines/s | "
          + "\(yes(jsonl.storeRate >= 1_000_000)) |")
    print("| First full frame, 1M lines, fresh process, median of \(frameSeconds.count) | \(fixed(ff, 2)) s from main "
          + "(CPU \(fixed(median(frameCPU), 2)) s; \(fixed(median(frameWall), 2)) s spawn→exit; \(grouped(frameCount)) incidents) | < 1.5 s "
          + "(lnav 0.11 indexes it in 3.6 s) | \(yes(ff < 1.5)) |")
    print("| Peak memory for that frame (ru_maxrss, max of runs) | \(fixed(rss, 0)) MiB | < 334 MB (lnav 0.11) | "
          + "\(yes(rss * 1.048576 < 334)) |")
    print("| Append → store delay, \(latency.samples.count) lines at 20 ms | median \(fixed(latency.median, 2)) ms, "
          + "p90 \(fixed(latency.p90, 2)) ms, max \(fixed(latency.max, 2)) ms"
          + "\(latency.missing > 0 ? ", \(latency.missing) lost" : "") | median < 20 ms | "
          + "\(yes(latency.median < 20 && latency.missing == 0)) |")
    print("| ACLED CSV (\(grouped(acledLines)) rows) via FormatChoice(acled): parse only / into the store | "
          + "\(grouped(Int(acled.parseRate))) / \(grouped(Int(acled.storeRate))) lines/s; \(grouped(acled.incidents)) incidents, "
          + "\(grouped(acled.badLines)) bad of \(grouped(acled.lines)) lines | — | "
          + "\(acled.incidents == 0 ? "not routed to the ACLED decoder yet" : "—") |")
    if let acledDirect {
        print("| ACLED CSV via ACLEDDecoder() directly: parse only / into the store | "
              + "\(grouped(Int(acledDirect.parseRate))) / \(grouped(Int(acledDirect.storeRate))) lines/s; "
              + "\(grouped(acledDirect.incidents)) incidents, \(grouped(acledDirect.badLines)) bad | — | — |")
    }
    print("| `wc -l` on the 1M-line file, median of 3 (this machine) | \(fixed(wc, 3)) s | 0.07 s (issue's machine) | "
          + "reference |")
    if let jqSeconds {
        print("| `jq -c 'select(.fatalities > 10)'` on it (this machine) | \(fixed(jqSeconds, 2)) s | 11 s (issue's machine) | "
              + "reference |")
    }
    print("")
    print("RESULT all store_lps=\(Int(jsonl.storeRate)) parse_lps=\(Int(jsonl.parseRate)) first_frame_s=\(ff) "
          + "peak_rss_mib=\(rss) latency_median_ms=\(latency.median) latency_p90_ms=\(latency.p90) "
          + "latency_max_ms=\(latency.max) wc_s=\(wc)")
}
