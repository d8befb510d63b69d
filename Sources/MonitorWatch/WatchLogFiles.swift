import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log's folder and files before SQLite opens them, and their modes after: the log holds
/// officers' notes, so it is never world-readable, and a file others can write is refused, since
/// anyone could then put words in an officer's mouth (ARCHITECTURE.md §9).
package enum WatchLogFiles {
    /// A folder sitmon creates: for the officer alone.
    static let folderMode: mode_t = 0o700
    /// A new log file: the officer's alone, or the group's when the officer chose a folder the
    /// group shares (group-writable or setgid), so a watch floor can share one log.
    static let privateFileMode: mode_t = 0o600
    static let sharedFileMode: mode_t = 0o660

    /// Makes the folder if missing, creates the file with its mode if missing, and refuses an
    /// existing file (or its `-wal`/`-shm`) that others can write, or that we cannot.
    package static func prepare(_ location: WatchLogLocation) throws(WatchLogProblem) {
        let folder = location.folder
        try makeFolder(folder)
        guard let folderStat = status(folder) else {
            throw WatchLogProblem(.folder, "cannot read folder \(folder) (\(errnoText()))")
        }
        guard folderStat.st_mode & S_IFMT == S_IFDIR else {
            throw WatchLogProblem(.folder, "\(folder) is not a folder")
        }
        // SQLite makes the -wal and -shm files beside the log, so the folder must be writable too.
        guard writable(folder, folderStat) else {
            throw WatchLogProblem(.readOnly, "folder \(folder) is read-only")
        }
        let shared = location.isExplicit && folderStat.st_mode & (S_IWGRP | S_ISGID) != 0
        if status(location.path) == nil, errno == ENOENT {
            try create(location.path, mode: shared ? sharedFileMode : privateFileMode, name: location.fileName)
        }
        try checkExisting(location)
    }

    /// After SQLite opened the log: its `-wal` and `-shm` files no wider than the log itself.
    /// (SQLite gives them the log's mode when it creates them; this covers files left by others.)
    package static func narrowCompanions(_ location: WatchLogLocation) {
        guard let db = status(location.path) else { return }
        let allowed = db.st_mode & 0o777
        for suffix in ["-wal", "-shm"] {
            let path = location.path + suffix
            guard let companion = status(path) else { continue }
            let mode = companion.st_mode & 0o777
            if mode & ~allowed != 0 { _ = chmod(path, mode & allowed) }
        }
    }

    static func makeFolder(_ folder: String) throws(WatchLogProblem) {
        if status(folder) != nil { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if parent != folder, !parent.isEmpty { try makeFolder(parent) }
        if mkdir(folder, folderMode) != 0, errno != EEXIST {
            throw WatchLogProblem(.folder, "cannot create folder \(folder) (\(errnoText()))")
        }
    }

    static func create(_ path: String, mode: mode_t, name: String) throws(WatchLogProblem) {
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, mode)
        if fd < 0 {
            if errno == EEXIST { return }  // another sitmon made it just now: checked as existing
            throw WatchLogProblem(errno == EACCES || errno == EROFS ? .readOnly : .folder,
                                  "cannot create \(name) (\(errnoText()))")
        }
        // The umask may have narrowed the mode; a shared log must be group-writable all the same.
        _ = fchmod(fd, mode)
        close(fd)
    }

    static func checkExisting(_ location: WatchLogLocation) throws(WatchLogProblem) {
        let name = location.fileName
        guard let file = status(location.path) else {
            throw WatchLogProblem(.folder, "cannot read \(name) (\(errnoText()))")
        }
        guard file.st_mode & S_IFMT == S_IFREG else {
            throw WatchLogProblem(.notAWatchLog, "\(name) is not a regular file")
        }
        for (path, shown) in [(location.path, name), (location.path + "-wal", name + "-wal"), (location.path + "-shm", name + "-shm")] {
            guard let st = status(path) else { continue }
            if st.st_mode & S_IWOTH != 0 {
                throw WatchLogProblem(.unsafePermissions,
                                      "\(shown) is writable by others (mode \(modeText(st.st_mode))); chmod o-w it")
            }
        }
        guard writable(location.path, file) else {
            throw WatchLogProblem(.readOnly, "\(name) is read-only (mode \(modeText(file.st_mode)))")
        }
    }

    /// Whether we may write `path`. For root the kernel ignores the modes, but an officer who made
    /// the log read-only meant it: root too needs a write bit.
    static func writable(_ path: String, _ st: stat) -> Bool {
        guard faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 else { return false }
        return geteuid() != 0 || st.st_mode & 0o222 != 0
    }

    static func status(_ path: String) -> stat? {
        var st = stat()
        return stat(path, &st) == 0 ? st : nil
    }

    static func modeText(_ mode: mode_t) -> String {
        let octal = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - octal.count)) + octal
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
