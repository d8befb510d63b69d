import ArgumentParser
import Foundation
import Monitor

/// `sitmon brief`: the briefing `:write` writes, without a terminal, for cron (ARCHITECTURE.md
/// §11). The files are read to their end through the monitor's own readers into an `AppState`
/// by the `Reducer`, with the filters set as inputs first; 0 when written, 2 on a mistake.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write a briefing (Markdown, map and timeline SVG, CSV, JSON Lines) of event files and exit.",
        discussion: """
            With no FILE, briefs the bundled scenario. The briefing is a new folder
            sitmon-brief-YYYYMMDD-HHMMZ (the UTC time of writing; -2, -3, ... when taken) in --out,
            else briefing_dir from config.toml, else the current directory. Exits 0 when written,
            2 on a bad option, an unreadable file or a folder that cannot be written.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Only incidents of the last N days, hours or minutes before now (7d, 24h, 90m).", valueName: "DURATION"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only incidents from this date or time (2023-08-01, 2023-08-01T06:00:00Z).", valueName: "DATE"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Only incidents up to this date (its whole day) or time: the briefing's moment.", valueName: "DATE"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only these actors, by key or alias, comma-separated (FAMA,Wagner).", valueName: "LIST"))
    var actors: String?

    @Option(name: .long, help: ArgumentHelp("Only these event types, comma-separated (battle,explosion).", valueName: "LIST"))
    var types: String?

    @Option(name: .long, help: ArgumentHelp("Only incidents inside this zone of config.toml.", valueName: "NAME"))
    var zone: String?

    @Option(name: .long, help: ArgumentHelp("Only incidents matching this text query, as / does (re: for a regular expression).", valueName: "QUERY"))
    var text: String?

    @Option(name: .long, help: ArgumentHelp("The folder to write the briefing into.", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Read every FILE as this format instead of detecting it.", valueName: "FORMAT"))
    var format: EventFormat?

    @Option(name: .long, help: ArgumentHelp("The watch log to read alerts, flags and notes from.", valueName: "PATH"))
    var watchLog: String?

    @Argument(help: ArgumentHelp("Event files (JSON Lines, ACLED CSV, UCDP GED CSV, GeoJSON).", valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if since != nil, from != nil { throw ValidationError("--since and --from cannot be given together") }
        if let since, Self.duration(since) == nil { throw ValidationError("--since: \"\(since)\" is not a duration such as 7d, 24h or 90m") }
        if let from, TimeParser.parse(from) == nil { throw ValidationError("--from: \"\(from)\" is not a date (2023-08-01) or time (2023-08-01T06:00:00Z)") }
        if let to, TimeParser.parse(to) == nil { throw ValidationError("--to: \"\(to)\" is not a date (2023-08-01) or time (2023-08-01T06:00:00Z)") }
        if let low = from.flatMap(TimeParser.parse), let high = to.flatMap(Self.end), low.epochSeconds > high {
            throw ValidationError("--from is after --to")
        }
        if files.contains("-") { throw ValidationError("brief reads files, not standard input") }
        for file in files where access(file, R_OK) != 0 {
            throw ValidationError("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        if let actors {
            for name in Self.list(actors) where ActorRegistry.northernMali.lookup(name) == nil {
                let keys = ActorRegistry.northernMali.actors.map(\.key).joined(separator: ", ")
                throw ValidationError("--actors: no actor named \"\(name)\"; the actors are \(keys)")
            }
        }
        if let text {
            do { _ = try TextQuery(text) } catch { throw ValidationError("--text: \(error.message)") }
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let configFolder = UserConfig.folder(environment: environment)
        var config = UserConfig()
        do {
            config = try UserConfig.load(path: configFolder + "/config.toml")
        } catch {
            printError("\(error.description); ignored")
        }
        for problem in config.problems { printError("\(problem.description); left out") }
        var scope = BriefScope()
        if let zone {
            guard let found = config.zones.first(where: { $0.name.lowercased() == zone.lowercased() }) else {
                let names = config.zones.map(\.name)
                printError("--zone: no zone named \"\(zone)\" in config.toml" + (names.isEmpty ? " (it has none)" : "; the zones are \(names.joined(separator: ", "))"))
                throw ExitCode(2)
            }
            scope.zone = found
        }
        let now = Int64(Date().timeIntervalSince1970)
        if let since, let seconds = Self.duration(since) { scope.from = now - seconds }
        if let from, let parsed = TimeParser.parse(from) { scope.from = parsed.epochSeconds }

        var paths = files
        var names = files
        if paths.isEmpty {
            guard let scenario = BundledScenario.path else {
                printError("the bundled scenario is missing from this build; name an event file instead")
                throw ExitCode(2)
            }
            paths = [scenario]
            names = [BundledScenario.displayName]
        }
        var state = AppState(sources: names.map { SourceInfo(name: $0) })
        state.setWatchConfig(zones: config.zones, rules: config.alertRules, bell: false)
        try applyFilters(to: &state)
        let reducer = Reducer()
        // A screen-sized state, so the briefing's map shows what a terminal's map would.
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        readWatchLog(explicit: watchLog ?? config.watchLog, environment: environment, reducer, &state)
        let forced = format
        for (index, path) in paths.enumerated() {
            let reader = SourceReader(index: index, path: path, displayName: names[index], choose: { path, firstLine in
                FormatChoice.decoder(forced: forced, path: path, firstLine: firstLine)
            })
            // Read to the end; the effects (alerts to record) are left: a brief only reads the log.
            while true {
                let (batch, more) = reader.poll()
                _ = reducer.reduce(&state, .ingest(batch))
                if !more { break }
            }
            if case .unreadable(let reason) = state.sources[index].status {
                printError("cannot read \(path): \(reason)")
                throw ExitCode(2)
            }
        }
        var brief = Briefing(state: state, scope: scope, writtenAt: now)
        // No screen: the map shows the default view whole, not a guessed terminal's crop of it.
        brief.mapView = nil
        let catalog = Sitmon.catalog(configFolder: configFolder)
        let theme = catalog.resolve(config.theme ?? "default").theme
        switch BriefWriter.write(BriefFiles.build(brief, theme: theme), into: out ?? config.briefingDir ?? ".", folderName: brief.folderName) {
        case .written(let path):
            print(path)
        case .failed(let problem):
            printError("briefing not written: \(problem)")
            throw ExitCode(2)
        }
    }

    /// The filters as the state's inputs, set before the first incident arrives so the first
    /// pass applies them (ARCHITECTURE.md §7).
    private func applyFilters(to state: inout AppState) throws {
        if let actors {
            let wanted = Set(Self.list(actors).compactMap { state.registry.lookup($0) })
            state.filter.hiddenActors = Set(state.registry.actors.indices.map { ActorID($0) }.filter { !wanted.contains($0) })
        }
        if let types { state.filter.types = Set(Self.list(types).map { EventType(parsing: $0).label }) }
        if let text { state.filter.text = try TextQuery(text) }
        if let to, let end = Self.end(to) { state.replayAt = end }
    }

    /// The watch log's alerts, flags and notes, when it exists (a brief never creates one).
    private func readWatchLog(explicit: String?, environment: [String: String], _ reducer: Reducer, _ state: inout AppState) {
        let location = WatchLogLocation.resolve(explicit: explicit, environment: environment)
        guard FileManager.default.fileExists(atPath: location.path) else { return }
        let client = WatchLogClient(location: location)
        _ = reducer.reduce(&state, .watch(.entries(client.newEntries())))
        if let problem = client.status { printError("watch log: \(problem)") }
    }

    /// The last second a `--to` covers: a date's whole day, a time itself.
    static func end(_ text: String) -> Int64? {
        guard let parsed = TimeParser.parse(text) else { return nil }
        return parsed.hasClockTime ? parsed.epochSeconds : parsed.epochSeconds + 86_399
    }

    /// `7d`, `24h`, `90m` in seconds.
    static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n > 0, n < 100_000 else { return nil }
        switch unit {
        case "d": return n * 86_400
        case "h": return n * 3_600
        case "m": return n * 60
        default: return nil
        }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
