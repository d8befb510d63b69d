import ArgumentParser
import Foundation
import Monitor

/// The command line's root: `sitmon [FILE…]` is the monitor (the default subcommand), `sitmon
/// brief …` writes a briefing (ARCHITECTURE.md §10).
@main
struct Sitmon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitmon",
        abstract: "A terminal situation monitor: map, actor legend and live incident feed for northern Mali.",
        discussion: """
            With no FILE, opens the bundled scenario (northern Mali, August-December 2023).
            Defaults (theme, ascii, max_incidents) may be set in $XDG_CONFIG_HOME/sitmon/config.toml
            (~/.config/sitmon/config.toml); options given here win. NO_COLOR selects the mono theme.
            Each FILE is followed like `tail -F`; a FILE that does not exist yet is waited for.
            Press ? inside sitmon for the keys. `sitmon brief --help`: briefings without a terminal.
            """,
        version: "sitmon 0.1.0",
        // `sitmon brief …` writes a briefing; any other first word is a FILE for the monitor.
        subcommands: [MonitorCommand.self, BriefCommand.self],
        defaultSubcommand: MonitorCommand.self
    )

    /// A mistake on the command line exits with status 2, as a missing terminal does (and as most
    /// Unix tools do); ArgumentParser alone would use 64. Help and version still exit 0.
    static func main() {
        CrashReports.prepareRuntime()
        // `sitmon --help` is the monitor's help (its options are what most officers need), with
        // the subcommands after it; ArgumentParser alone would list only the subcommands.
        if let first = CommandLine.arguments.dropFirst().first, first == "--help" || first == "-h" {
            print(helpMessage() + "\n\n" + helpMessage(for: MonitorCommand.self))
            Foundation.exit(0)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// Where the themes `--theme` can name are looked for: the user's folder first, then the
    /// bundled ones.
    static func themeFolders(configFolder: String) -> [String] {
        [configFolder + "/themes"] + ThemeLocator.searchPaths()
    }

    static func catalog(configFolder: String) -> ThemeCatalog {
        ThemeCatalog(searchPaths: themeFolders(configFolder: configFolder))
    }
}
