import MonitorCore
import MonitorState
import Foundation
import TOMLKit

/// Defaults an officer keeps in `$XDG_CONFIG_HOME/sitmon/config.toml` (else `~/.config/sitmon/config.toml`).
/// Command-line options override every one of them.
public struct UserConfig: Sendable, Equatable {
    public var theme: String?
    public var ascii: Bool?
    public var maxIncidents: Int?
    /// `stale_after`: seconds of silence after which a followed source looks dead; 0 turns it off.
    public var staleAfter: Int64?
    /// `[[zone]]`: the watch's zones (ARCHITECTURE.md §9).
    public var zones: [Zone] = []
    /// `[[alert]]` rules, then one for each zone no rule names.
    public var alertRules: [AlertRule] = []
    /// Zones and rules left out, each with file, line and what is wrong: they do not stop the
    /// rest of the file from applying.
    public var problems: [ThemeError] = []
    /// `watch_log`: where the watch log is (ARCHITECTURE.md §9); nil: the default place.
    public var watchLog: String?
    /// `bell`: ring the terminal bell on a new alert (default true).
    public var bell: Bool?
    /// `briefing_dir`: where `:write` puts briefings (ARCHITECTURE.md §10); nil: the current directory.
    public var briefingDir: String?

    public init(theme: String? = nil, ascii: Bool? = nil, maxIncidents: Int? = nil, staleAfter: Int64? = nil) {
        self.theme = theme
        self.ascii = ascii
        self.maxIncidents = maxIncidents
        self.staleAfter = staleAfter
    }

    /// The sitmon folder under the XDG config home.
    public static func folder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/sitmon" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/sitmon"
    }

    /// Reads the file; a missing file is an empty config, a broken one an error naming file, line and problem.
    public static func load(path: String) throws(ThemeError) -> UserConfig {
        guard FileManager.default.fileExists(atPath: path) else { return UserConfig() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, problem: "cannot read the file as UTF-8 text", kind: "config")
        }
        return try parse(text, file: path)
    }

    /// Throws for a broken file or a bad plain key; a bad zone or alert rule is only left out
    /// and listed in `problems`. Places resolve through `gazetteer`, actor names through `registry`.
    public static func parse(_ text: String, file: String, gazetteer: Gazetteer = .mali,
                             registry: ActorRegistry = .northernMali) throws(ThemeError) -> UserConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, problem: error.description, kind: "config")
        } catch {
            throw ThemeError(file: file, problem: "\(error)", kind: "config")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func lineOf(_ key: String) -> Int? {
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) }.map { $0 + 1 }
        }
        var config = UserConfig()
        for key in table.keys {
            switch key {
            case "theme":
                guard let s = table[key]?.string else { throw configError(file, lineOf(key), "theme must be a string") }
                config.theme = s
            case "ascii":
                guard let b = table[key]?.bool else { throw configError(file, lineOf(key), "ascii must be true or false") }
                config.ascii = b
            case "max_incidents":
                guard let n = table[key]?.int, n > 0 else {
                    throw configError(file, lineOf(key), "max_incidents must be a whole number above 0")
                }
                config.maxIncidents = n
            case "stale_after":
                guard let text = table[key]?.string, let seconds = DurationText.seconds(text) else {
                    throw configError(file, lineOf(key), "stale_after must be a duration such as \"90s\", \"30m\", \"2h\" or \"0\" (off)")
                }
                config.staleAfter = seconds
            case "watch_log":
                guard let s = table[key]?.string, !s.isEmpty else { throw configError(file, lineOf(key), "watch_log must be a path in quotes") }
                config.watchLog = s
            case "briefing_dir":
                guard let s = table[key]?.string, !s.isEmpty else { throw configError(file, lineOf(key), "briefing_dir must be a path in quotes") }
                config.briefingDir = s
            case "bell":
                guard let b = table[key]?.bool else { throw configError(file, lineOf(key), "bell must be true or false") }
                config.bell = b
            case "zone", "alert":
                continue  // below, each table on its own
            default:
                throw configError(file, lineOf(key), "unknown key \"\(key)\" (expected theme, ascii, max_incidents, stale_after, watch_log, briefing_dir, bell, [[zone]], [[alert]])")
            }
        }
        let watch = WatchConfig.parse(zones: table["zone"], alerts: table["alert"], lines: ConfigLines(text), file: file,
                                      gazetteer: gazetteer, registry: registry)
        config.zones = watch.zones
        config.alertRules = watch.rules
        config.problems = watch.problems
        return config
    }

    package static func configError(_ file: String, _ line: Int?, _ problem: String) -> ThemeError {
        ThemeError(file: file, line: line, problem: problem, kind: "config")
    }
}
