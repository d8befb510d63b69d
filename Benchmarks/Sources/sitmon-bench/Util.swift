#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic clock in nanoseconds (CLOCK_MONOTONIC, the clock the latency writer stamps lines with).
@inline(__always)
func monoNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

func seconds(since start: UInt64) -> Double { Double(monoNanos() &- start) / 1e9 }

/// Peak resident set size of this process in MiB (getrusage ru_maxrss, which Linux gives in KiB).
func peakRSSMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / (1024 * 1024)
    #endif
}

/// What the process has used so far (all threads).
private func selfUsage() -> rusage {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage
}

/// Minor page faults of the process so far (fresh memory touched for the first time).
func pageFaults() -> Int { Int(selfUsage().ru_minflt) }

/// User + system CPU seconds this process has used so far (all threads).
func cpuSeconds() -> Double {
    let usage = selfUsage()
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The 1, 5 and 15 minute load averages (other work on the machine skews wall-clock figures).
func loadAverage() -> String {
    let fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return "?" }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard n > 0 else { return "?" }
    return String(decoding: buffer[0..<n], as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ")
}

func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty)
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Nearest-rank percentile (p in 0...100) of already sorted values.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty)
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

func fileSize(_ path: String) -> Int64? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int64(st.st_size)
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

/// Fixed-point text without Foundation: 1234.5678 with `decimals` digits.
func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let negative = value < 0
    let scaled = (abs(value) * scale).rounded()
    let whole = Int64(scaled / scale)
    var frac = Int64(scaled - Double(whole) * scale)
    if frac < 0 { frac = 0 }
    var out = negative && scaled != 0 ? "-" : ""
    out += String(whole)
    if decimals > 0 {
        var digits = String(frac)
        while digits.count < decimals { digits = "0" + digits }
        out += "." + digits
    }
    return out
}

/// 1234567 → "1,234,567".
func grouped(_ value: Int) -> String {
    let digits = String(abs(value))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return value < 0 ? "-" + out : out
}

func printErr(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--key value` pairs and bare flags after the subcommand.
struct Options {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ args: ArraySlice<String>, flags known: Set<String> = []) throws {
        var i = args.startIndex
        while i < args.endIndex {
            let arg = args[i]
            guard arg.hasPrefix("--") else { throw UsageError("unexpected argument '\(arg)'") }
            let key = String(arg.dropFirst(2))
            if known.contains(key) {
                flags.insert(key)
                i += 1
                continue
            }
            guard i + 1 < args.endIndex else { throw UsageError("\(arg) needs a value") }
            values[key] = args[i + 1]
            i += 2
        }
    }

    func string(_ key: String) -> String? { values[key] }
    func flag(_ key: String) -> Bool { flags.contains(key) }

    func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        guard let raw = values[key] else {
            if let fallback { return fallback }
            throw UsageError("--\(key) is required")
        }
        guard let value = Int(raw.replacingUnderscores()), value >= 0 else {
            throw UsageError("--\(key) wants a whole number, not '\(raw)'")
        }
        return value
    }

    func required(_ key: String) throws -> String {
        guard let value = values[key] else { throw UsageError("--\(key) is required") }
        return value
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" && $0 != "," }) }
}

/// Resident memory now (not the peak), from /proc/self/statm, after handing freed heap back.
func currentRSSBytes() -> Int {
    #if os(Linux)
    _ = glibcMallocTrim(0)
    #endif
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

#if os(Linux)
/// glibc's malloc_trim, which the Glibc module does not export.
@_silgen_name("malloc_trim")
func glibcMallocTrim(_ pad: Int) -> Int32
#endif
