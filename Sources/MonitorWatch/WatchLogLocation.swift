import Foundation

/// Where the watch log lives, and whether the officer chose the place (config `watch_log` or
/// `--watch-log`), which decides the modes a new file gets (`WatchLogFiles`).
public struct WatchLogLocation: Hashable, Sendable {
    /// Absolute path of the database file.
    public var path: String
    /// Given by the officer; a group-shared folder then gets a group-writable file (0660).
    public var isExplicit: Bool

    public init(path: String, isExplicit: Bool) {
        self.path = path
        self.isExplicit = isExplicit
    }

    public var folder: String { (path as NSString).deletingLastPathComponent }
    public var fileName: String { (path as NSString).lastPathComponent }

    /// The explicit path if given (`~/` is the home folder, a relative path is taken from the
    /// working folder), else `$XDG_STATE_HOME/sitmon/watch.sqlite`, `$XDG_STATE_HOME` defaulting
    /// to `~/.local/state` (the XDG spec ignores a relative one).
    public static func resolve(explicit: String?, environment: [String: String],
                               workingFolder: String = FileManager.default.currentDirectoryPath) -> WatchLogLocation {
        let home = homeFolder(environment)
        if let given = explicit, !given.isEmpty {
            var path = given
            if path == "~" {
                path = home
            } else if path.hasPrefix("~/") {
                path = home + path.dropFirst(1)
            } else if !path.hasPrefix("/") {
                path = workingFolder + "/" + path
            }
            return WatchLogLocation(path: (path as NSString).standardizingPath, isExplicit: true)
        }
        var state = environment["XDG_STATE_HOME"] ?? ""
        if !state.hasPrefix("/") { state = home + "/.local/state" }
        return WatchLogLocation(path: (state as NSString).standardizingPath + "/sitmon/watch.sqlite", isExplicit: false)
    }

    static func homeFolder(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        if let home = UserDatabase.entry(uid: getuid())?.home, home.hasPrefix("/") { return home }
        return NSTemporaryDirectory()
    }
}
