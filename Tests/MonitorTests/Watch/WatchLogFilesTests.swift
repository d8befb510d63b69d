import Foundation
import Testing
@testable import MonitorWatch

/// Where the log goes and with which modes: never world-readable, never used when others can
/// write it (ARCHITECTURE.md §9).
@Suite struct WatchLogFilesTests {
    @Test func theDefaultPlaceIsUnderXDGStateHome() {
        let env = ["HOME": "/home/amadou", "XDG_STATE_HOME": "/srv/state/"]
        #expect(WatchLogLocation.resolve(explicit: nil, environment: env)
            == WatchLogLocation(path: "/srv/state/sitmon/watch.sqlite", isExplicit: false))
        // Unset, empty or relative (the XDG spec ignores it): ~/.local/state.
        for state in [nil, "", "state"] {
            var env = ["HOME": "/home/amadou"]
            env["XDG_STATE_HOME"] = state
            #expect(WatchLogLocation.resolve(explicit: nil, environment: env).path == "/home/amadou/.local/state/sitmon/watch.sqlite")
        }
        #expect(WatchLogLocation.resolve(explicit: "", environment: env).isExplicit == false)
    }

    @Test func anExplicitPathIsTakenAsGivenFromHomeOrTheWorkingFolder() {
        let env = ["HOME": "/home/amadou"]
        #expect(WatchLogLocation.resolve(explicit: "/srv/watch/log.sqlite", environment: env)
            == WatchLogLocation(path: "/srv/watch/log.sqlite", isExplicit: true))
        #expect(WatchLogLocation.resolve(explicit: "~/watch.sqlite", environment: env).path == "/home/amadou/watch.sqlite")
        #expect(WatchLogLocation.resolve(explicit: "shared/../w.sqlite", environment: env, workingFolder: "/srv").path == "/srv/w.sqlite")
    }

    @Test func theDefaultLogIsTheOfficersAlone() throws {
        let folder = try WatchFolder("default")
        defer { folder.remove() }
        let location = WatchLogLocation.resolve(explicit: nil, environment: ["HOME": "/nonexistent", "XDG_STATE_HOME": folder.path + "/state"])
        let log = try SQLiteWatchLog(location: location)
        try log.record([WatchFixtures.note(1)])
        #expect(WatchFixtures.mode(folder.path + "/state") == 0o700)
        #expect(WatchFixtures.mode(location.folder) == 0o700)
        #expect(WatchFixtures.mode(location.path) == 0o600)
        // The WAL and shared-memory files exist while open, no wider than the log.
        #expect(WatchFixtures.mode(location.path + "-wal") == 0o600)
        #expect(WatchFixtures.mode(location.path + "-shm") == 0o600)
    }

    @Test func aLogInAFolderTheGroupSharesIsTheGroups() throws {
        let folder = try WatchFolder("shared")
        defer { folder.remove() }
        for (name, mode) in [("setgid", 0o2750), ("groupwritable", 0o770)] as [(String, mode_t)] {
            let shared = folder.path + "/" + name
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
            chmod(shared, mode)
            let location = WatchLogLocation(path: shared + "/watch.sqlite", isExplicit: true)
            let log = try SQLiteWatchLog(location: location)
            try log.record([WatchFixtures.note(1)])
            #expect(WatchFixtures.mode(location.path) == 0o660, "\(name)")
            #expect(WatchFixtures.mode(location.path + "-wal") == 0o660, "\(name)")
            #expect(WatchFixtures.mode(location.path + "-shm") == 0o660, "\(name)")
            // The same folder as the default place (not chosen by the officer): private.
            let implicit = WatchLogLocation(path: shared + "/default.sqlite", isExplicit: false)
            _ = try SQLiteWatchLog(location: implicit)
            #expect(WatchFixtures.mode(implicit.path) == 0o600, "\(name)")
        }
        // A folder the group does not share: private, even when named explicitly.
        let location = folder.location("private.sqlite")
        chmod(folder.path, 0o755)
        _ = try SQLiteWatchLog(location: location)
        #expect(WatchFixtures.mode(location.path) == 0o600)
    }

    @Test func aLogOthersCanWriteIsRefused() throws {
        let folder = try WatchFolder("world")
        defer { folder.remove() }
        let location = folder.location()
        do { _ = try SQLiteWatchLog(location: location) }
        chmod(location.path, 0o666)
        let before = WatchFixtures.bytes(location.path)
        #expect(throws: WatchLogProblem(.unsafePermissions, "watch.sqlite is writable by others (mode 0666); chmod o-w it")) {
            _ = try SQLiteWatchLog(location: location)
        }
        #expect(WatchFixtures.bytes(location.path) == before)
        // Its WAL file too: whoever writes it writes the log.
        chmod(location.path, 0o600)
        #expect(FileManager.default.createFile(atPath: location.path + "-wal", contents: Data(), attributes: [.posixPermissions: 0o602]))
        #expect(throws: WatchLogProblem(.unsafePermissions, "watch.sqlite-wal is writable by others (mode 0602); chmod o-w it")) {
            _ = try SQLiteWatchLog(location: location)
        }
        chmod(location.path + "-wal", 0o600)
        _ = try SQLiteWatchLog(location: location)
    }

    @Test func wideCompanionFilesAreNarrowedToTheLogsMode() throws {
        let folder = try WatchFolder("narrow")
        defer { folder.remove() }
        let location = folder.location()
        do { _ = try SQLiteWatchLog(location: location) }
        // Left by someone else with a wider (but not world-writable) mode, and not empty (SQLite
        // itself narrows an empty one it opens).
        #expect(FileManager.default.createFile(atPath: location.path + "-wal", contents: Data(count: 64),
                                               attributes: [.posixPermissions: 0o644]))
        let log = try SQLiteWatchLog(location: location)
        #expect(WatchFixtures.mode(location.path + "-wal") == 0o600)
        try log.record([WatchFixtures.note(1)])
        #expect(try log.entries(after: .start).entries == [WatchFixtures.note(1)])
    }

    @Test func aFolderThatCannotBeMadeOrWrittenIsAProblemNotACrash() throws {
        let folder = try WatchFolder("nofolder")
        defer { folder.remove() }
        // A file where a folder should be: fails for root too.
        #expect(FileManager.default.createFile(atPath: folder.path + "/file", contents: Data("x".utf8)))
        let inside = WatchLogLocation(path: folder.path + "/file/sub/watch.sqlite", isExplicit: true)
        #expect(throws: WatchLogProblem(.folder, "cannot create folder \(folder.path)/file/sub (Not a directory)")) {
            _ = try SQLiteWatchLog(location: inside)
        }
        // A read-only folder: SQLite could not make the -wal file there.
        let readOnly = folder.path + "/ro"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false)
        chmod(readOnly, 0o500)
        #expect(throws: WatchLogProblem(.readOnly, "folder \(readOnly) is read-only")) {
            _ = try SQLiteWatchLog(location: WatchLogLocation(path: readOnly + "/watch.sqlite", isExplicit: true))
        }
        #expect(!FileManager.default.fileExists(atPath: readOnly + "/watch.sqlite"))
    }

    @Test func theOfficerIsTheLoginOfTheUserDatabase() {
        let name = OfficerName.current()
        #expect(!name.isEmpty)
        if let entry = getpwuid(getuid()), let login = entry.pointee.pw_name {
            #expect(name == String(cString: login))
        } else {
            #expect(name == String(getuid()))
        }
    }
}
