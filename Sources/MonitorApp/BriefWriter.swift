import Glibc
import Monitor

/// Writes a briefing's files into a new folder (ARCHITECTURE.md §10). Nothing is half-written:
/// the files go into a hidden temporary folder beside the target, each created new (`O_EXCL`,
/// mode 0600) and synced, and the folder is renamed into place only when all are whole. The
/// target's name is first claimed with `mkdir` (atomic), so nothing is ever replaced: a name
/// taken gets `-2`, `-3`, … So no
/// existing file, event files included, is ever opened for writing.
enum BriefWriter {
    /// The most suffixes tried before giving up (a folder full of briefings of one minute).
    static let maxAttempts = 1000

    /// Writes `files` into `directory/folderName` (or `-2`, `-3`, …); the folder's path, or why not.
    static func write(_ files: [(name: String, text: String)], into directory: String, folderName: String) -> BriefingOutcome {
        let directory = expandHome(directory)
        var info = stat()
        guard stat(directory, &info) == 0 else { return .failed("\(directory): \(errorText())") }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .failed("\(directory) is not a folder") }
        let temporary = directory + "/.\(folderName).part-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(temporary, 0o700) == 0 else { return .failed("\(directory): \(errorText())") }
        for file in files {
            if let problem = create(temporary + "/" + file.name, file.text) {
                removeAll(temporary, files)
                return .failed(problem)
            }
        }
        syncPath(temporary)
        for attempt in 1...maxAttempts {
            let target = directory + "/" + folderName + (attempt == 1 ? "" : "-\(attempt)")
            // mkdir claims the name atomically (EEXIST when taken, whatever is there); the
            // finished folder then replaces that empty one in a single rename.
            guard mkdir(target, 0o700) == 0 else {
                if errno == EEXIST { continue }
                let problem = "\(target): \(errorText())"
                removeAll(temporary, files)
                return .failed(problem)
            }
            guard rename(temporary, target) == 0 else {
                let problem = "\(target): \(errorText())"
                rmdir(target)
                removeAll(temporary, files)
                return .failed(problem)
            }
            syncPath(directory)
            return .written(target)
        }
        removeAll(temporary, files)
        return .failed("\(directory): \(maxAttempts) briefings of this minute are there already")
    }

    /// Creates one file new, mode 0600, writes it whole and syncs it; nil, or what went wrong.
    private static func create(_ path: String, _ text: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "\(path): \(errorText())" }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + done }, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return "\(path): \(errorText())"
            }
            done += n
        }
        guard fsync(fd) == 0 else { return "\(path): \(errorText())" }
        return nil
    }

    private static func syncPath(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Takes away what a failed write began: its files, then its folder.
    private static func removeAll(_ temporary: String, _ files: [(name: String, text: String)]) {
        for file in files { unlink(temporary + "/" + file.name) }
        rmdir(temporary)
    }

    /// `~/briefs` as the shell would read it.
    static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
