import Foundation
import Monitor
import Testing

/// `sitmon brief` from the command line (ARCHITECTURE.md §10): no terminal, no tmux.
@Suite("EndToEnd: brief") struct BriefEndToEndTests {
    /// Runs sitmon with its own config and state folders, so the user's config and watch log stay out.
    func sitmon(_ arguments: [String], in dir: E2ETempDir) throws -> E2ECommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = dir.path("config")
        environment["XDG_STATE_HOME"] = dir.path("state")
        return E2EShell.run([try SitmonBinary.path()] + arguments, environment: environment)
    }

    static let names = ["brief.md", "map.svg", "timeline.svg", "incidents.csv", "incidents.jsonl"]

    /// Every incident a file holds, read to its end through sitmon's own reader.
    static func readAll(_ path: String) -> [Incident] {
        let reader = SourceReader(index: 0, path: path, displayName: "read")
        var incidents: [Incident] = []
        while true {
            let (batch, more) = reader.poll()
            incidents += batch.incidents
            if !more { break }
        }
        return incidents
    }

    @Test("brief of the bundled scenario writes the five files, 0600, and its JSON Lines read back to the same incidents")
    func bundledScenario() throws {
        let dir = try E2ETempDir()
        let run = try sitmon(["brief", "--out", dir.url.path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(folder.hasPrefix(dir.url.path + "/sitmon-brief-") && folder.hasSuffix("Z"), "\(folder)")
        for name in Self.names {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        let scenario = try #require(BundledScenario.path)
        let original = Self.readAll(scenario).sorted { ($0.time, $0.id ?? "") > ($1.time, $1.id ?? "") }
        let briefed = Self.readAll(folder + "/incidents.jsonl").sorted { ($0.time, $0.id ?? "") > ($1.time, $1.id ?? "") }
        #expect(briefed.count == original.count && !briefed.isEmpty)
        for (a, b) in zip(briefed, original) {
            #expect(a.id == b.id && a.time == b.time && a.place == b.place && a.actors == b.actors && a.type == b.type)
            #expect(a.fatalities == b.fatalities && a.summary == b.summary && a.source == b.source)
            #expect(a.location.map { (Float($0.lat), Float($0.lon)) } ?? (0, 0) == b.location.map { (Float($0.lat), Float($0.lon)) } ?? (0, 0))
        }
        let markdown = try String(contentsOfFile: folder + "/brief.md", encoding: .utf8)
        #expect(markdown.contains("All \(original.count) incidents, newest first."))
    }

    @Test("filters: --from/--to, --actors and --types narrow the briefing; an empty window says so")
    func filters() throws {
        let dir = try E2ETempDir()
        let run = try sitmon(["brief", "--from", "2023-11-01", "--to", "2023-11-30", "--actors", "FAMA", "--types", "battle",
                              "--out", dir.url.path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let briefed = Self.readAll(folder + "/incidents.jsonl")
        #expect(!briefed.isEmpty)
        #expect(briefed.allSatisfy { $0.actors.contains(0) && $0.type == .battle })
        let markdown = try String(contentsOfFile: folder + "/brief.md", encoding: .utf8)
        #expect(markdown.contains("actors: FAMA") && markdown.contains("types: battle"), "\(markdown.prefix(400))")

        let empty = try sitmon(["brief", "--since", "1d", "--out", dir.path("none")], in: dir)
        #expect(empty.status == 2, "no such folder yet")
        try FileManager.default.createDirectory(atPath: dir.path("none"), withIntermediateDirectories: false)
        let again = try sitmon(["brief", "--since", "1d", "--out", dir.path("none")], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        let text = try String(contentsOfFile: again.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/brief.md", encoding: .utf8)
        #expect(text.contains("No incident in this window."))
    }

    @Test("--zone names a zone of config.toml: only incidents inside it, drawn on the map")
    func zone() throws {
        let dir = try E2ETempDir()
        try FileManager.default.createDirectory(atPath: dir.path("config/sitmon"), withIntermediateDirectories: true)
        _ = try dir.write("config/sitmon/config.toml", lines: ["[[zone]]", "name = \"Timbuktu 50 km\"", "around = \"Timbuktu\"", "radius_km = 50"])
        let run = try sitmon(["brief", "--zone", "timbuktu 50 KM", "--out", dir.url.path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let briefed = Self.readAll(folder + "/incidents.jsonl")
        #expect(!briefed.isEmpty)
        let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
        let zone = Zone(name: "t", shape: .circle(center: timbuktu, radiusKm: 50))
        #expect(briefed.allSatisfy { $0.location.map(zone.contains) ?? false })
        let map = try String(contentsOfFile: folder + "/map.svg", encoding: .utf8)
        #expect(map.contains("class=\"zone\"") && map.contains("Timbuktu 50 km"))
    }

    @Test("the watch log's flags and notes are in the briefing; brief leaves the log as it was")
    func watchLog() throws {
        let dir = try E2ETempDir()
        let path = dir.path("watch.sqlite")
        let ref = IncidentRef(source: "AFP", id: "timbuktu-2023-08-08")
        do {
            let log = try SQLiteWatchLog(location: WatchLogLocation(path: path, isExplicit: true))
            let stamp = WatchStamp(officer: "adjudant", at: 1_692_000_000)
            try log.record([WatchEntry(uid: "f1", stamp: stamp, kind: .flag(ref, on: true)),
                            WatchEntry(uid: "n1", stamp: stamp, kind: .note(ref, text: "blockade: check the Niger boats"))])
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try sitmon(["brief", "--watch-log", path, "--out", dir.url.path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let markdown = try String(contentsOfFile: folder + "/brief.md", encoding: .utf8)
        #expect(markdown.contains("flagged by adjudant") && markdown.contains("note by adjudant"), "\(markdown)")
        #expect(markdown.contains("blockade: check the Niger boats"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // No log there: none is created.
        let none = try sitmon(["brief", "--watch-log", dir.path("absent.sqlite"), "--out", dir.url.path], in: dir)
        #expect(none.status == 0 && !FileManager.default.fileExists(atPath: dir.path("absent.sqlite")))
    }

    @Test("a briefing never overwrites: a name taken gets -2, and what was there stays")
    func noOverwrite() throws {
        let dir = try E2ETempDir()
        // Take the names of this minute and the next (the run may cross a minute).
        let now = Int64(Date().timeIntervalSince1970)
        var taken: [String] = []
        for t in [now, now + 60] {
            let c = TimeParser.civil(t)
            func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
            let name = "sitmon-brief-\(pad(c.year, 4))\(pad(c.month, 2))\(pad(c.day, 2))-\(pad(c.hour, 2))\(pad(c.minute, 2))Z"
            try FileManager.default.createDirectory(atPath: dir.path(name), withIntermediateDirectories: false)
            _ = try dir.write(name + "/brief.md", lines: ["an earlier briefing"])
            taken.append(name)
        }
        let run = try sitmon(["brief", "--out", dir.url.path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(folder.hasSuffix("Z-2"), "\(folder)")
        for name in taken {
            #expect(try String(contentsOfFile: dir.path(name + "/brief.md"), encoding: .utf8) == "an earlier briefing\n")
        }
    }

    @Test("an unwritable or missing folder, a bad option, an unreadable file: status 2, a message, nothing left behind")
    func mistakes() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("events.jsonl", lines: [])
        let notFolder = try sitmon(["brief", "--out", file], in: dir)
        #expect(notFolder.status == 2 && notFolder.stderr.contains("is not a folder"), "\(notFolder.stderr)")
        let missing = try sitmon(["brief", "--out", dir.path("nowhere")], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("briefing not written"), "\(missing.stderr)")
        if getuid() != 0 {  // root writes anywhere
            try FileManager.default.createDirectory(atPath: dir.path("locked"), withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o500])
            let locked = try sitmon(["brief", "--out", dir.path("locked")], in: dir)
            #expect(locked.status == 2 && locked.stderr.contains("briefing not written"), "\(locked.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("locked")).isEmpty)
        }
        let unreadable = try sitmon(["brief", dir.path("no-such.jsonl")], in: dir)
        #expect(unreadable.status == 2 && unreadable.stderr.contains("cannot read"), "\(unreadable.stderr)")
        for bad in [["--since", "7x"], ["--from", "yesterday"], ["--since", "7d", "--from", "2023-08-01"], ["--actors", "Nobody"],
                    ["--zone", "Nowhere"], ["--text", "re:("], ["--nosuch"]] {
            let run = try sitmon(["brief"] + bad + ["--out", dir.url.path], in: dir)
            #expect(run.status == 2 && !run.stderr.isEmpty, "\(bad): \(run.status) \(run.stderr)")
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("sitmon-brief") || $0.hasPrefix(".") }
        #expect(written.isEmpty, "\(written)")
    }
}

/// `:write` in the running monitor, in tmux.
@Suite("EndToEnd: :write") struct WriteEndToEndTests {
    @Test(":write DIR writes the briefing of the view and says where in the status line")
    func writeFromTheMonitor() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("events.jsonl", lines: [
            e2eIncidentLine(id: "w1", time: "2023-08-13T08:30:00Z", place: "Ber", actors: ["FAMA"], summary: "Army patrol reaches Ber"),
            e2eIncidentLine(id: "w2", time: "2023-08-14T09:00:00Z", place: "Timbuktu", actors: ["JNIM"], summary: "Shelling of Timbuktu"),
        ])
        let tmux = try TmuxSession(sitmon: [file], width: 160, height: 40)
        #expect(tmux.waitFor("Shelling of Timbuktu"))
        tmux.type(":write " + dir.path("out"))
        tmux.send("Enter")
        #expect(tmux.waitFor("briefing not written"), "a missing folder is reported")
        try FileManager.default.createDirectory(atPath: dir.path("out"), withIntermediateDirectories: false)
        tmux.type(":write " + dir.path("out"))
        tmux.send("Enter")
        #expect(tmux.waitFor("briefing written to"))
        let made = try FileManager.default.contentsOfDirectory(atPath: dir.path("out"))
        #expect(made.count == 1 && made[0].hasPrefix("sitmon-brief-"), "\(made)")
        let jsonl = try String(contentsOfFile: dir.path("out/\(made.first ?? "")/incidents.jsonl"), encoding: .utf8)
        #expect(jsonl.contains("\"id\":\"w2\"") && jsonl.contains("\"id\":\"w1\""))
    }
}
