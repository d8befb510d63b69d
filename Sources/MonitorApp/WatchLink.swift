import Foundation
import Glibc
import Monitor

/// The run loop's side of the watch log (ARCHITECTURE.md §9): stamps what the reducer asks to
/// record with the officer and the time, writes it through `WatchLogClient` (which keeps it in
/// memory while the log is unavailable), hands back the entries to apply, and looks for what
/// other officers recorded on the loop's once-a-second wake.
final class WatchLink {
    let officer: String
    let location: WatchLogLocation
    private let client: WatchLogClient

    init(location: WatchLogLocation, officer: String = OfficerName.current()) {
        self.officer = officer
        self.location = location
        client = WatchLogClient(location: location)
    }

    /// Why the log cannot be used now (with what is held in memory), nil when it is fine.
    var problem: String? { client.status }

    /// Stamps and records one entry; returns it for the state to apply at once, written or not.
    func record(_ kind: WatchEntry.Kind, at now: Int64) -> [WatchEntry] {
        let entry = WatchEntry(uid: UUID().uuidString, stamp: WatchStamp(officer: officer, at: now), kind: kind)
        client.record([entry])
        return [entry]
    }

    /// Writes what waits, then returns what was recorded since the last look (the whole log the
    /// first time). Cheap when nothing changed: one `PRAGMA data_version`.
    func poll() -> [WatchEntry] {
        client.flush()
        return client.newEntries()
    }

    func lastSession() -> WatchSession? { client.lastSession(officer: officer) }

    /// Keeps how far each file has been read, for the next start (on quit, and once a minute).
    func saveSession(_ state: AppState, paths: [String?], at now: Int64) {
        var marks: [SourceMark] = []
        for (i, path) in paths.enumerated() {
            guard let path, i < state.sources.count, let offset = state.sources[i].lastIncidentOffset,
                  let id = Self.identity(path) else { continue }
            // Lines starting after the last incident's line are news next time.
            marks.append(SourceMark(path: Self.absolute(path), device: id.device, inode: id.inode, offset: offset + 1))
        }
        client.saveSession(WatchSession(officer: officer, savedAt: now, sources: marks, view: SavedView(state).json))
    }

    /// For each source, where its news begins: the session's mark when the path is still the same
    /// file (same device and inode, not shorter than the mark); nil otherwise (read as history).
    static func resumeOffsets(_ session: WatchSession?, paths: [String?]) -> [Int64?] {
        paths.map { path in
            guard let session, let path, let id = identity(path) else { return nil }
            let absolute = absolute(path)
            guard let mark = session.sources.first(where: { $0.path == absolute }),
                  mark.device == id.device, mark.inode == id.inode, id.size >= mark.offset else { return nil }
            return mark.offset
        }
    }

    static func identity(_ path: String) -> (device: UInt64, inode: UInt64, size: Int64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino), Int64(st.st_size))
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}

/// The watch's part of config.toml, as the app hands it to the state at start.
struct WatchSetup {
    var zones: [Zone] = []
    var rules: [AlertRule] = []
    var bell = true
}
