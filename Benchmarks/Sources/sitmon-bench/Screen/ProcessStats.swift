#if canImport(Glibc)
import Glibc
#endif

/// CPU of one thread of another process, from /proc/PID/task/TID/stat.
struct ThreadCPU {
    var tid: Int
    var name: String
    var seconds: Double
}

enum ProcessStats {
    /// Every thread's user + system CPU so far; threads that already ended are not listed (their
    /// time shows only in the process total, `processCPU`).
    static func threads(of pid: pid_t) -> [ThreadCPU] {
        let dir = "/proc/\(pid)/task"
        guard let handle = opendir(dir) else { return [] }
        defer { closedir(handle) }
        var result: [ThreadCPU] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let tid = Int(name), let stat = readText("\(dir)/\(name)/stat"), let cpu = cpuFields(stat) else { continue }
            result.append(ThreadCPU(tid: tid, name: cpu.name, seconds: cpu.seconds))
        }
        return result.sorted { $0.tid < $1.tid }
    }

    /// The whole process's user + system CPU, ended threads included.
    static func processCPU(of pid: pid_t) -> Double? {
        readText("/proc/\(pid)/stat").flatMap(cpuFields)?.seconds
    }

    /// Peak resident memory (VmHWM) in MiB.
    static func peakRSSMiB(of pid: pid_t) -> Double? { statusMiB(pid, "VmHWM:") }

    /// Resident memory now (VmRSS) in MiB: what the peak held beyond it was transient.
    static func rssMiB(of pid: pid_t) -> Double? { statusMiB(pid, "VmRSS:") }

    private static func statusMiB(_ pid: pid_t, _ field: String) -> Double? {
        guard let status = readText("/proc/\(pid)/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let kib = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return kib.map { $0 / 1024 }
        }
        return nil
    }

    /// The name in parentheses and utime + stime (fields 14 and 15) of a stat line. The name may
    /// hold spaces and parentheses, so fields are counted from the last ')'.
    private static func cpuFields(_ stat: String) -> (name: String, seconds: Double)? {
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
        let name = String(stat[stat.index(after: open)..<close])
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (name, (user + system) / Double(sysconf(Int32(_SC_CLK_TCK))))
    }

    static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
