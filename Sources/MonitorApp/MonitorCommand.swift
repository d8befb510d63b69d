import ArgumentParser
import Foundation
import Monitor

/// `sitmon [FILE…]`: the monitor itself, the default subcommand (ARCHITECTURE.md §2).
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Follow event files on a map, an actor legend and a live feed (the default)."
    )

    @Option(name: .long, help: ArgumentHelp("Theme name (from themes/) or path to a theme file.", valueName: "NAME|PATH"))
    var theme: String?

    @Flag(name: .long, help: "Draw with ASCII characters only.")
    var ascii = false

    @Flag(name: .long, help: "Use the mouse: a click selects an incident or a map cell, the wheel scrolls the feed.")
    var mouse = false

    // ArgumentParser lists the values itself ("values: jsonl, acled, ucdp, geojson").
    @Option(name: .long, help: ArgumentHelp("Read every FILE as this format instead of detecting it.", valueName: "FORMAT"))
    var format: EventFormat?

    @Option(name: .long, help: ArgumentHelp("Keep at most N incidents (default 2000000); beyond it the oldest are dropped and counted in the status line.", valueName: "N"))
    var maxIncidents: Int?

    @Option(name: .long, help: ArgumentHelp("The watch log (alerts, acknowledgements, notes, flags, zones, handovers) to use instead of $XDG_STATE_HOME/sitmon/watch.sqlite; officers of one watch may share one through their Unix group.", valueName: "PATH"))
    var watchLog: String?

    @Flag(name: .long, help: "Start with the default view, not the one you left (filters, order, map, theme).")
    var fresh = false

    @Argument(help: ArgumentHelp("Event files to follow (JSON Lines, ACLED CSV, UCDP GED CSV, GeoJSON); - reads standard input.", valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if let maxIncidents, maxIncidents < 1 { throw ValidationError("--max-incidents must be at least 1") }
        guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("- (standard input) can be named once") }
        // A mistyped theme stops here, naming the themes there are; a theme file that exists but is
        // broken is reported in the status line instead (sitmon then starts with its defaults).
        if let theme {
            if ThemeLoader.isPath(theme) {
                guard FileManager.default.fileExists(atPath: theme) else { throw ValidationError("--theme: no such file \(theme)") }
            } else {
                let folder = UserConfig.folder(environment: ProcessInfo.processInfo.environment)
                let names = Sitmon.catalog(configFolder: folder).names
                // A binary copied away from its themes finds none: say where it looked.
                guard !names.isEmpty else {
                    throw ValidationError("--theme: no theme named \"\(theme)\": no themes folder found (looked in "
                        + Sitmon.themeFolders(configFolder: folder).joined(separator: ", ")
                        + "); start sitmon from the folder that holds themes/, or set SITMON_THEMES to it")
                }
                guard names.contains(theme) else {
                    throw ValidationError("--theme: no theme named \"\(theme)\"; the themes are \(names.joined(separator: ", "))")
                }
            }
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let configFolder = UserConfig.folder(environment: environment)
        var notices: [String] = []
        var config = UserConfig()
        do {
            config = try UserConfig.load(path: configFolder + "/config.toml")
        } catch {
            notices.append("\(error.description); ignored")
        }
        // A bad [[zone]] or [[alert]] is left out alone; the officer is told which and why.
        notices += config.problems.map { "\($0.description); left out" }
        // User themes first, so one named like a bundled theme replaces it.
        let catalog = Sitmon.catalog(configFolder: configFolder)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let themeName = noColor ? "mono" : (theme ?? config.theme ?? "default")
        let (chosenTheme, themeNotice) = catalog.resolve(themeName)
        if let themeNotice { notices.append(themeNotice) }
        // The same file named twice is read once (one source per file), and the officer is told.
        let (distinct, repeated) = DistinctFiles.filter(files.filter { $0 != "-" })
        notices += repeated
        var remaining = distinct[...]
        var sources: [SourceSpec] = files.compactMap { file in
            if file == "-" { return .standardInput }
            guard remaining.first == file else { return nil }
            remaining.removeFirst()
            return .file(path: file, name: file)
        }
        if sources.isEmpty {
            guard let scenario = BundledScenario.path else {
                printError("the bundled scenario is missing from this build; name an event file instead")
                throw ExitCode(2)
            }
            sources = [.file(path: scenario, name: BundledScenario.displayName)]
        }
        // Freed buffers are kept for the next batch while files load, and given back when a load
        // is done (`App.readSources`) and with each session save.
        HeapTuning.keepFreedMemoryWhileLoading()
        let forced = format
        let choose: SourceReader.DecoderChoice = { path, firstLine in
            FormatChoice.decoder(forced: forced, path: path, firstLine: firstLine)
        }
        let app = App(sources: sources, theme: chosenTheme, catalog: catalog,
                      ascii: ascii || config.ascii == true || !Locale.isUTF8,
                      capacity: maxIncidents ?? config.maxIncidents ?? IncidentStore.defaultCapacity,
                      choose: choose, notice: notices.isEmpty ? nil : notices.joined(separator: "\n"), mouse: mouse,
                      staleAfter: config.staleAfter.map { $0 > 0 ? $0 : nil } ?? AppState.defaultStaleAfter,
                      watch: WatchLink(location: WatchLogLocation.resolve(explicit: watchLog ?? config.watchLog, environment: environment)),
                      watchConfig: WatchSetup(zones: config.zones, rules: config.alertRules, bell: config.bell ?? true),
                      fresh: fresh, themeFixed: theme != nil || noColor, briefingDir: config.briefingDir)
        let code = app.run()
        if code != 0 { throw ExitCode(code) }
    }
}

extension Locale {
    /// Whether the C library's locale (from LANG/LC_ALL) is UTF-8; sitmon uses ASCII otherwise.
    static var isUTF8: Bool {
        setlocale(LC_ALL, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

extension EventFormat: ExpressibleByArgument {}
