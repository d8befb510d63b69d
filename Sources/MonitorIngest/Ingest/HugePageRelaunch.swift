import Foundation
#if os(Linux)
import CMalloc
#endif

/// Transparent huge pages for the C heap when a big file is about to be read, through glibc's own
/// switch (ARCHITECTURE.md §4).
///
/// A load's memory is faulted in fresh 4 KiB page by page (the summaries kept, the store's arrays,
/// the read blocks): about 20,000 faults for a 200,000-row ACLED file, at 2.3–2.9 µs each on the
/// VMs sitmon is measured on, against 0.45–0.55 µs per 4 KiB with huge pages. glibc asks the
/// kernel for huge pages on its heaps when started with `glibc.malloc.hugetlb=1` (glibc 2.35 and
/// later) but reads its tunables from the environment only as the process starts. So when sitmon
/// is about to read at least `worthFrom` bytes and the kernel gives huge pages to those who ask
/// (its `madvise` mode), it starts itself again once with the tunable added. A start costs about
/// 10 ms, which a big load repays; a small one goes on as it is.
public enum HugePageRelaunch {
    /// Files of fewer bytes than this in all are read without starting again.
    public static let worthFrom: Int64 = 64 << 20
    static let tunable = "glibc.malloc.hugetlb"
    static let kernelSetting = "/sys/kernel/mm/transparent_hugepage/enabled"

    /// The value of GLIBC_TUNABLES to start again with, or nil to go on as is: the files are
    /// small, the kernel gives huge pages to everyone or no one, glibc is too old to know the
    /// tunable, or GLIBC_TUNABLES already names it (this is the second start, or the user chose).
    public static func tunables(reading bytes: Int64, current: String?, kernelMode: String?,
                                glibc: (major: Int, minor: Int)?) -> String? {
        guard bytes >= worthFrom, let kernelMode, kernelMode.contains("[madvise]"),
              let glibc, glibc.major > 2 || (glibc.major == 2 && glibc.minor >= 35) else { return nil }
        let current = current ?? ""
        if current.contains(tunable) { return nil }
        return (current.isEmpty ? "" : current + ":") + tunable + "=1"
    }

    /// Bytes in the regular files among `paths` (others count nothing: a pipe, a file not there yet).
    public static func bytes(of paths: [String]) -> Int64 {
        paths.reduce(0) { sum, path in
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return sum }
            return sum + Int64(info.st_size)
        }
    }

    /// Starts this program again, with the same arguments, when `tunables` says so; returns when
    /// it does not, or when the start fails (sitmon then reads with ordinary pages).
    public static func relaunchIfWorthIt(reading paths: [String]) {
        #if os(Linux)
        let mode = try? String(contentsOfFile: kernelSetting, encoding: .utf8)
        let current = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"]
        guard let value = tunables(reading: bytes(of: paths), current: current, kernelMode: mode,
                                   glibc: glibcVersion()) else { return }
        // The program's own path, not /proc/self/exe: the process takes its name from the path,
        // and `ps` or `pgrep sitmon` should still find sitmon.
        guard let program = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return }
        setenv("GLIBC_TUNABLES", value, 1)
        execv(program, CommandLine.unsafeArgv)
        // Still here: the start failed. Go on as before.
        if let current { setenv("GLIBC_TUNABLES", current, 1) } else { unsetenv("GLIBC_TUNABLES") }
        #endif
    }

    #if os(Linux)
    static func glibcVersion() -> (major: Int, minor: Int)? {
        guard let text = gnu_get_libc_version() else { return nil }
        let parts = String(cString: text).split(separator: ".").compactMap { Int($0) }
        return parts.count >= 2 ? (parts[0], parts[1]) : nil
    }
    #endif
}
