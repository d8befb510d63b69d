#if canImport(Glibc)
import Glibc
#endif

/// `screen`: the built sitmon binary in a pseudo-terminal, from exec until its status line counts
/// every incident of the file, in fresh processes; lnav on the same file in the same run.
func runScreen(_ options: Options) throws {
    let path = try options.required("file")
    guard fileExists(path) else { throw UsageError("no such file: \(path)") }
    let binary = options.string("binary") ?? "../.build/release/sitmon"
    guard access(binary, X_OK) == 0 else {
        throw UsageError("no sitmon binary at \(binary): build it with `scripts/build-release` in the main package, or pass --binary")
    }
    let runs = try options.int("runs", default: 5)
    let width = try options.int("width", default: 200)
    let height = try options.int("height", default: 60)
    let extra = (options.string("args") ?? "").split(separator: " ").map(String.init)
    let expected = try options.string("expect").map { _ in try options.int("expect") } ?? countLines(path)
    let timeout = Double(try options.int("timeout", default: 120))
    let withLnav = !options.flag("no-lnav") && lnavPath() != nil
    setlocale(LC_CTYPE, "C.UTF-8")  // wcwidth, for the emulated screen's column widths

    print("screen: \(binary) \((extra + [path]).joined(separator: " ")) in a \(width)x\(height) pty, TERM=xterm-256color, "
          + "\(runs) fresh processes, waiting for \(grouped(expected)) incidents; load \(loadAverage())")
    var results: [ScreenRun] = []
    // --baseline: another build run in the same rounds, just before each run of the binary, so a
    // noisy machine touches both alike and the per-round ratios can be compared.
    let baseline = options.string("baseline")
    var baseRuns: [ScreenRun] = []
    var lnavRuns: [LnavRun] = []
    var inProcess: [(seconds: Double, cpu: Double, rss: Double)] = []
    // sitmon and lnav take turns, so a change in the machine's load touches both alike.
    for i in 1...runs {
        if options.flag("first-frame") {
            // The in-process figure (no terminal, no run loop) in the same rounds, for the ratios.
            let result = try spawn([selfExecutable(), "first-frame", "--file", path])
            let fields = resultFields(result.output)
            guard result.status == 0, let s = fields["seconds"].flatMap(Double.init), let cpu = fields["cpu_s"].flatMap(Double.init),
                  let rss = fields["peak_rss_mib"].flatMap(Double.init)
            else { throw UsageError("first-frame failed:\n\(result.output)") }
            inProcess.append((s, cpu, rss))
            print("  first-frame run \(i): \(fixed(s, 3)) s (CPU \(fixed(cpu, 3)) s, peak RSS \(fixed(rss, 1)) MiB)")
        }
        if let baseline {
            let base = try watchSitmon(binary: baseline, file: path, extra: extra, expected: expected, width: width,
                                       height: height, probeKeys: options.flag("keys"), timeout: timeout)
            baseRuns.append(base)
            report(base, index: i, label: "baseline")
        }
        let run = try watchSitmon(binary: binary, file: path, extra: extra, expected: expected, width: width,
                                  height: height, probeKeys: options.flag("keys"), timeout: timeout)
        results.append(run)
        report(run, index: i)
        if withLnav {
            let lnav = try timeLnav(file: path, expected: expected)
            lnavRuns.append(lnav)
            print("  lnav run \(i): \(fixed(lnav.seconds, 3)) s (CPU \(fixed(lnav.cpu, 3)) s, peak RSS \(fixed(lnav.peakRSSMiB, 1)) MiB, "
                  + "\(grouped(lnav.lines)) lines indexed)")
        }
    }
    let counted = median(results.map { $0.allCounted! })
    let cpu = median(results.map(\.processCPU))
    let rss = results.map(\.peakRSSMiB).max()!
    print("median exec → all counted \(fixed(counted, 3)) s, first screen \(fixed(median(results.compactMap(\.firstScreen)), 3)) s, "
          + "CPU \(fixed(cpu, 3)) s, peak RSS (max) \(fixed(rss, 1)) MiB; load \(loadAverage())")
    var line = "RESULT screen all_counted_s=\(counted) cpu_s=\(cpu) peak_rss_mib=\(rss) runs=\(runs) expected=\(expected)"
    if !lnavRuns.isEmpty {
        let lnav = median(lnavRuns.map(\.seconds))
        print("lnav -n median \(fixed(lnav, 3)) s (CPU \(fixed(median(lnavRuns.map(\.cpu)), 3)) s): sitmon is \(fixed(lnav / counted, 2))x faster")
        line += " lnav_s=\(lnav)"
    } else if !options.flag("no-lnav") {
        print("lnav is not installed: no side-by-side figure")
    }
    if !inProcess.isEmpty {
        let s = median(inProcess.map(\.seconds))
        let c = median(inProcess.map(\.cpu))
        print("in-process first-frame median \(fixed(s, 3)) s, CPU \(fixed(c, 3)) s: the binary takes \(fixed(counted / s, 2))x the time "
              + "and \(fixed(cpu / c, 2))x the CPU")
        line += " first_frame_s=\(s) first_frame_cpu_s=\(c)"
    }
    if !baseRuns.isEmpty {
        let time = zip(results, baseRuns).map { $0.allCounted! / $1.allCounted! }
        let work = zip(results, baseRuns).map { $0.processCPU / $1.processCPU }
        let bytes = zip(results, baseRuns).map { Double($0.terminalBytes) / Double(max(1, $1.terminalBytes)) }
        print("against the baseline (\(baseline!)), median of per-round ratios: all counted \(fixed(median(time), 3)), "
              + "CPU \(fixed(median(work), 3)), bytes to the terminal \(fixed(median(bytes), 3)); baseline median "
              + "\(fixed(median(baseRuns.map { $0.allCounted! }), 3)) s, CPU \(fixed(median(baseRuns.map(\.processCPU)), 3)) s, "
              + "peak RSS (max) \(fixed(baseRuns.map(\.peakRSSMiB).max()!, 1)) MiB")
        line += " baseline_ratio_time=\(median(time)) baseline_ratio_cpu=\(median(work))"
    }
    let answers = results.flatMap(\.keyAnswers).sorted()
    if !answers.isEmpty {
        print("keys during the load: \(answers.count) answers, median \(fixed(percentile(answers, 50), 1)) ms, "
              + "p90 \(fixed(percentile(answers, 90), 1)) ms, worst \(fixed(answers.last!, 1)) ms")
        line += " key_median_ms=\(percentile(answers, 50)) key_worst_ms=\(answers.last!)"
    }
    print(line)
}

private func report(_ run: ScreenRun, index: Int, label: String = "sitmon") {
    let threads = run.threads.filter { $0.seconds >= 0.005 }
        .map { "\($0.name)[\($0.tid)] \(fixed($0.seconds, 2))" }.joined(separator: ", ")
    let listed = run.threads.reduce(0) { $0 + $1.seconds }
    print("  \(label) run \(index): all counted \(fixed(run.allCounted!, 3)) s (first screen \(fixed(run.firstScreen ?? .nan, 3)) s), "
          + "CPU \(fixed(run.processCPU, 3)) s (live threads \(fixed(listed, 2)): \(threads)), peak RSS \(fixed(run.peakRSSMiB, 1)) MiB (\(fixed(run.rssMiB, 1)) at the end), "
          + "\(run.countChanges) counts shown, \(grouped(run.terminalBytes)) bytes to the terminal")
    if !run.slowKeys.isEmpty {
        print("    keys slower than 100 ms: " + run.slowKeys.map { "\(fixed($0.ms, 0)) ms sent at \(fixed($0.at, 2)) s" }.joined(separator: ", "))
    }
}

/// Lines in the file (newlines, plus a last line without one): what the status line must reach.
func countLines(_ path: String) throws -> Int {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw UsageError("cannot open \(path)") }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var lines = 0
    var last: UInt8 = 10
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        for b in buffer[0..<n] where b == 10 { lines += 1 }
        last = buffer[n - 1]
    }
    return last == 10 ? lines : lines + 1
}
