#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Monitor

// MARK: generate

func runGenerate(_ options: Options) throws {
    let lines = try options.int("lines")
    let path = try options.required("out")
    let format = try outputFormat(options.string("format"))
    let seed = UInt64(try options.int("seed", default: 2023))
    let late = try options.string("late").map { raw -> Double in
        guard let share = Double(raw), share >= 0, share <= 1 else { throw UsageError("--late wants a share in 0...1") }
        return share
    } ?? IncidentGenerator.defaultLateShare
    let start = monoNanos()
    let bytes = try generateFile(lines: lines, path: path, format: format, seed: seed, lateShare: late,
                                 notesAsSummaries: options.flag("notes"))
    let took = seconds(since: start)
    let average = lines > 0 ? Double(bytes) / Double(lines) : 0
    print("generated \(grouped(lines)) \(format.rawValue) records into \(path): \(grouped(Int(bytes))) bytes "
          + "(\(fixed(Double(bytes) / 1_048_576, 1)) MiB, \(fixed(average, 1)) bytes per record) in \(fixed(took, 2)) s")
}

func outputFormat(_ raw: String?) throws -> OutputFormat {
    guard let raw else { return .jsonl }
    guard let format = OutputFormat(rawValue: raw) else {
        throw UsageError("--format is one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
    }
    return format
}

func decoderPick(_ options: Options) throws -> DecoderPick {
    if options.flag("acled-direct") { return .acledDirect }
    guard let raw = options.string("format") else { return .choice(nil) }
    guard let format = EventFormat(rawValue: raw) else {
        throw UsageError("--format is one of \(EventFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
    }
    return .choice(format)
}

// MARK: parse

struct ParseFigures {
    var lines: Int
    var incidents: Int
    var badLines: Int
    var bytes: Int64
    var parseSeconds: Double
    var storeSeconds: Double
    var storeCount: Int
    /// Median time spent inside Reducer.reduce(.ingest) during the store runs.
    var reduceSeconds: Double
    /// Median CPU seconds of the parse-only and store runs.
    var parseCPU: Double
    var storeCPU: Double
    var parseRuns: [Double]
    var storeRuns: [Double]

    var parseRate: Double { Double(lines) / parseSeconds }
    var storeRate: Double { Double(lines) / storeSeconds }
}

/// Median of `runs` parse-only passes and of `runs` passes into the store.
func measureParse(path: String, pick: DecoderPick, runs: Int = 3, budget: Int? = nil, log: Bool = true) -> ParseFigures {
    let bytes = fileSize(path) ?? 0
    var parseRuns: [Double] = []
    var storeRuns: [Double] = []
    var reduceRuns: [Double] = []
    var parseCPU: [Double] = []
    var storeCPU: [Double] = []
    var counts = ReadCounts()
    var storeCount = 0
    // Built before the first run, as sitmon has them by the time its first file is read
    // (`main.swift`); each run starts with the heap's free memory given back, as a fresh
    // process would have it.
    _ = MaliRegions.standard
    for run in 1...runs {
        HeapTuning.giveBack()
        let faults = pageFaults()
        defer { if log { printErr("    page faults: \(grouped(pageFaults() - faults))") } }
        let (c, s) = parseOnly(path: path, pick: pick)
        counts = c
        parseRuns.append(s)
        parseCPU.append(c.cpuSeconds)
        if log {
            printErr("  parse run \(run): \(grouped(c.lines)) lines, \(grouped(c.incidents)) incidents, "
                     + "\(grouped(c.badLines)) bad, \(fixed(s, 3)) s (CPU \(fixed(c.cpuSeconds, 3)) s), "
                     + "\(grouped(Int(Double(c.lines) / s))) lines/s")
        }
    }
    for run in 1...runs {
        HeapTuning.giveBack()
        let faults = pageFaults()
        defer { if log { printErr("    page faults: \(grouped(pageFaults() - faults))") } }
        let (c, s, state) = intoStore(path: path, pick: pick, budget: budget)
        storeRuns.append(s)
        reduceRuns.append(c.reduceSeconds)
        storeCPU.append(c.cpuSeconds)
        storeCount = state.store.count
        if log {
            printErr("  store run \(run): \(grouped(c.lines)) lines, \(grouped(state.store.count)) in store, "
                     + "\(fixed(s, 3)) s (CPU \(fixed(c.cpuSeconds, 3)) s; \(fixed(c.reduceSeconds, 3)) s in Reducer ingest), "
                     + "\(grouped(Int(Double(c.lines) / s))) lines/s")
        }
    }
    return ParseFigures(lines: counts.lines, incidents: counts.incidents, badLines: counts.badLines, bytes: bytes,
                        parseSeconds: median(parseRuns), storeSeconds: median(storeRuns), storeCount: storeCount,
                        reduceSeconds: median(reduceRuns), parseCPU: median(parseCPU), storeCPU: median(storeCPU),
                        parseRuns: parseRuns, storeRuns: storeRuns)
}

func runParse(_ options: Options) throws {
    let path = try options.required("file")
    guard fileExists(path) else { throw UsageError("no such file: \(path)") }
    let pick = try decoderPick(options)
    let runs = try options.int("runs", default: 3)
    guard runs > 0 else { throw UsageError("--runs must be at least 1") }
    print("parse \(path) with \(pick.label), median of \(runs) runs; load average before: \(loadAverage())")
    let budget = options.string("budget") == nil ? nil : try options.int("budget")
    let f = measureParse(path: path, pick: pick, runs: runs, budget: budget)
    let mib = Double(f.bytes) / 1_048_576
    print("lines: \(grouped(f.lines)) (\(grouped(f.incidents)) incidents, \(grouped(f.badLines)) bad lines), "
          + "\(fixed(mib, 1)) MiB")
    print("parse only (SourceReader.poll): \(fixed(f.parseSeconds, 3)) s (CPU \(fixed(f.parseCPU, 3)) s), \(grouped(Int(f.parseRate))) lines/s, "
          + "\(fixed(mib / f.parseSeconds, 1)) MiB/s")
    print("into the store (+ Reducer ingest): \(fixed(f.storeSeconds, 3)) s (CPU \(fixed(f.storeCPU, 3)) s), \(grouped(Int(f.storeRate))) lines/s, "
          + "\(grouped(f.storeCount)) incidents in the store; \(fixed(f.reduceSeconds, 3)) s inside Reducer ingest")
    var alone: [(seconds: Double, cpu: Double, count: Int)] = []
    for _ in 1...runs { alone.append(reduceAlone(path: path, pick: pick)) }
    let aloneSeconds = median(alone.map(\.seconds)), aloneCPU = median(alone.map(\.cpu))
    print("store alone (batches decoded first, then reduced): \(fixed(aloneSeconds, 3)) s (CPU \(fixed(aloneCPU, 3)) s)")
    print("RESULT parse lines=\(f.lines) incidents=\(f.incidents) bad=\(f.badLines) parse_s=\(f.parseSeconds) "
          + "parse_lps=\(Int(f.parseRate)) store_s=\(f.storeSeconds) store_lps=\(Int(f.storeRate)) store_count=\(f.storeCount) reduce_s=\(f.reduceSeconds) alone_s=\(aloneSeconds)")
}

// MARK: first-frame

/// One run per process: from the top of main to the first full 200×60 frame of the whole file.
func runFirstFrame(_ options: Options, startedAt t0: UInt64) throws {
    let path = try options.required("file")
    guard fileExists(path) else { throw UsageError("no such file: \(path)") }
    let pick = try decoderPick(options)
    // The app's read budget per poll (App.readBudget), so the frame comes the way sitmon gets there.
    // `--max-incidents` as sitmon's: a ten-million-line file held whole.
    let capacity = try options.int("max-incidents", default: IncidentStore.defaultCapacity)
    let (counts, _, state) = intoStore(path: path, pick: pick, budget: 1 << 20, capacity: capacity)
    let inked = renderFrame(state)
    let total = seconds(since: t0)
    let cpu = cpuSeconds()
    let rss = peakRSSMiB()
    print("first full frame of \(path): \(fixed(total, 3)) s from the start of main (CPU \(fixed(cpu, 3)) s), peak RSS \(fixed(rss, 1)) MiB "
          + "(\(grouped(counts.lines)) lines, \(grouped(state.store.count)) incidents in the store, "
          + "\(grouped(inked)) non-blank cells of 200x60)")
    print("RESULT first_frame seconds=\(total) cpu_s=\(cpu) peak_rss_mib=\(rss) lines=\(counts.lines) store_count=\(state.store.count) inked=\(inked)")
}

// MARK: append-latency

struct LatencyFigures {
    var samples: [Double]  // milliseconds, sorted
    var missing: Int

    var median: Double { percentile(samples, 50) }
    var p90: Double { percentile(samples, 90) }
    var p99: Double { percentile(samples, 99) }
    var max: Double { samples.last ?? .nan }
}

/// A writer thread appends one JSONL record every `intervalMs` to a new file in a temp folder,
/// with its CLOCK_MONOTONIC send time in the id. This thread runs sitmon's loop: poll() on an
/// inotify watch of the folder (1000 ms timeout, 0 while a read was cut short), then
/// SourceReader.poll and Reducer ingest; each incident's delay is taken once the reducer returns.
func measureAppendLatency(samples: Int, intervalMs: Int) throws -> LatencyFigures {
    var template = Array("/tmp/sitmon-latency-XXXXXX".utf8CString)
    guard let dirPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        throw UsageError("mkdtemp failed: \(String(cString: strerror(errno)))")
    }
    let dir = String(cString: dirPointer)
    let path = dir + "/live.jsonl"
    let created = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard created >= 0 else { throw UsageError("cannot create \(path)") }
    close(created)
    defer {
        unlink(path)
        rmdir(dir)
    }

    let inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard inotify >= 0 else { throw UsageError("inotify_init1 failed: \(String(cString: strerror(errno)))") }
    defer { close(inotify) }
    let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_CLOSE_WRITE)
    guard inotify_add_watch(inotify, dir, mask) >= 0 else { throw UsageError("inotify_add_watch failed") }
    var eventBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    let reader = makeReader(path: path, pick: .choice(.jsonl))
    let reducer = Reducer()
    var state = AppState(sources: [SourceInfo(name: path)])
    _ = reducer.reduce(&state, .resize(width: 200, height: 60))
    var more = false

    func readSources() -> [Double] {
        let (batch, cut) = reader.poll()
        more = cut
        guard !batch.isEmpty || state.sources[batch.source].status != batch.status else { return [] }
        _ = reducer.reduce(&state, .ingest(batch))
        let now = monoNanos()
        var delays: [Double] = []
        for incident in batch.incidents {
            guard let id = incident.id, let sent = sentStamp(id) else { continue }
            delays.append(Double(now &- sent) / 1e6)
        }
        return delays
    }

    _ = readSources()  // opens the (empty) file, as sitmon does before its first frame
    let writer = LatencyWriter(path: path, count: samples, intervalMs: intervalMs)
    writer.start()

    var delays: [Double] = []
    delays.reserveCapacity(samples)
    let deadline = monoNanos() + UInt64(samples * intervalMs * 3 + 10_000) * 1_000_000
    while delays.count < samples, monoNanos() < deadline {
        var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 1, more ? 0 : 1000)
        if ready < 0 && errno != EINTR { throw UsageError("poll failed: \(String(cString: strerror(errno)))") }
        if fds[0].revents & Int16(POLLIN) != 0 {
            while eventBuffer.withUnsafeMutableBytes({ read(inotify, $0.baseAddress, $0.count) }) > 0 {}
        }
        delays.append(contentsOf: readSources())
    }
    writer.join()
    return LatencyFigures(samples: delays.sorted(), missing: max(0, samples - delays.count))
}

/// "lat-<sequence>-<send ns>" → send ns.
func sentStamp(_ id: String) -> UInt64? {
    guard id.hasPrefix("lat-"), let dash = id.lastIndex(of: "-") else { return nil }
    return UInt64(id[id.index(after: dash)...])
}

/// Appends one line at a time from its own thread.
final class LatencyWriter: @unchecked Sendable {
    let path: String
    let count: Int
    let intervalMs: Int
    private var thread = pthread_t()

    init(path: String, count: Int, intervalMs: Int) {
        self.path = path
        self.count = count
        self.intervalMs = intervalMs
    }

    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Glibc)
        let rc = pthread_create(&thread, nil, { raw in
            let writer = Unmanaged<LatencyWriter>.fromOpaque(raw!).takeRetainedValue()
            writer.run()
            return nil
        }, box)
        #else
        let rc = pthread_create(&thread, nil, { raw in
            let writer = Unmanaged<LatencyWriter>.fromOpaque(raw).takeRetainedValue()
            writer.run()
            return nil
        }, box)
        #endif
        precondition(rc == 0, "pthread_create failed")
    }

    func join() { pthread_join(thread, nil) }

    private func run() {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var generator = IncidentGenerator(count: 1, seed: 7)
        // Times after everything else, so each line lands as the newest incident (follow mode).
        let base: Int64 = 1_767_225_600  // 2026-01-01
        for i in 0..<count {
            var event = generator.event(0)
            event.time = base + Int64(i) * 60
            event.hasClock = true
            // Build everything first, stamp last, then write: the stamp is the moment of write().
            let prefix = "lat-\(i)-"
            let sent = monoNanos()
            let line = Array((jsonLine(event, idOverride: prefix + String(sent)) + "\n").utf8)
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            var pause = timespec(tv_sec: intervalMs / 1000, tv_nsec: (intervalMs % 1000) * 1_000_000)
            var left = timespec()
            while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
        }
    }
}

func runAppendLatency(_ options: Options) throws {
    let samples = try options.int("samples", default: 500)
    let interval = try options.int("interval-ms", default: 20)
    guard samples > 0 else { throw UsageError("--samples must be at least 1") }
    print("append latency: \(samples) lines, one every \(interval) ms, inotify + poll(1000 ms) + SourceReader + Reducer")
    let f = try measureAppendLatency(samples: samples, intervalMs: interval)
    guard !f.samples.isEmpty else { throw UsageError("no line arrived") }
    print("samples: \(f.samples.count)\(f.missing > 0 ? " (\(f.missing) never arrived)" : "")")
    print("median \(fixed(f.median, 3)) ms, p90 \(fixed(f.p90, 3)) ms, p99 \(fixed(f.p99, 3)) ms, max \(fixed(f.max, 3)) ms")
    print("RESULT append_latency samples=\(f.samples.count) median_ms=\(f.median) p90_ms=\(f.p90) max_ms=\(f.max) missing=\(f.missing)")
}
