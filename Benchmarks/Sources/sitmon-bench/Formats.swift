import Foundation
import Monitor

// MARK: formats

/// Issue 13's table in one run: the same incidents as ACLED CSV, JSON Lines with the same notes,
/// UCDP GED, GeoJSONSeq and plain JSON Lines, each into the store (median of `--runs`), and
/// Python's `csv.DictReader` over the ACLED file (median of `--runs` too), round after round, so
/// that every figure of a round was taken at the same moment of this shared machine. Prints a markdown row per round
/// and the ratios' range and median.
func runFormats(_ options: Options) throws {
    let runs = try options.int("runs", default: 3)
    let rounds = try options.int("rounds", default: 3)
    guard runs > 0, rounds > 0 else { throw UsageError("--runs and --rounds must be at least 1") }
    let acled = try options.required("acled")
    let files: [(name: String, path: String?, pick: DecoderPick)] = [
        ("ACLED CSV", acled, .choice(.acled)),
        ("JSON Lines, same notes", options.string("jsonl-notes"), .choice(nil)),
        ("UCDP GED CSV", options.string("ucdp"), .choice(.ucdp)),
        ("GeoJSONSeq", options.string("geojsonseq"), .choice(.geojson)),
        ("JSON Lines, same incidents", options.string("jsonl"), .choice(nil)),
    ]
    for file in files { if let path = file.path, !fileExists(path) { throw UsageError("no such file: \(path)") } }
    let python = """
        import csv, sys, time
        t = time.perf_counter()
        n = sum(1 for _ in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
        print(time.perf_counter() - t)
        """
    let present = files.filter { $0.path != nil }
    print("formats, median of \(runs) runs into the store per figure; load average before: \(loadAverage())")
    print("| Round | " + present.map(\.name).joined(separator: " | ") + " | Python `csv.DictReader`, ACLED file | ACLED ÷ Python |")
    print("| --- |" + String(repeating: " --- |", count: present.count + 2))
    var ratios: [Double] = []
    for round in 1...rounds {
        var cells: [String] = []
        var acledSeconds = 0.0
        var py = 0.0
        for file in present {
            guard let path = file.path else { continue }
            let f = measureParse(path: path, pick: file.pick, runs: runs, log: false)
            cells.append("\(fixed(f.storeSeconds, 3)) s")
            guard path == acled else { continue }
            acledSeconds = f.storeSeconds
            // Python next, so that both sides of the ratio are taken at the same moment, and a
            // median of as many runs as each of sitmon's: on this shared host one run of it moved
            // from 1.8 to 2.8 s back to back.
            py = median(try (1...runs).map { _ in try pythonSeconds(python, acled) })
        }
        let ratio = py / acledSeconds
        ratios.append(ratio)
        print("| \(round) | " + cells.joined(separator: " | ") + " | \(fixed(py, 3)) s | \(fixed(ratio, 1))× |")
    }
    let sorted = ratios.sorted()
    print("ACLED against Python: \(fixed(sorted[0], 1))–\(fixed(sorted[sorted.count - 1], 1))×, median \(fixed(median(ratios), 1))×; "
          + "load average after: \(loadAverage())")
    print("RESULT formats ratio_min=\(sorted[0]) ratio_median=\(median(ratios)) ratio_max=\(sorted[sorted.count - 1])")
}

/// Seconds Python's script says it took over `path` (it times itself, without its start-up).
private func pythonSeconds(_ script: String, _ path: String) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
          let seconds = Double(text) else { throw UsageError("python3 failed on \(path)") }
    return seconds
}
