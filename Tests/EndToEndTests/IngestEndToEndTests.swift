import Foundation
import Testing

/// End-to-end: sources and formats on the real binary in tmux (issue 3).
@Suite(
    "EndToEnd: ingest",
    .serialized,
    .enabled(if: TmuxSession.isInstalled, "tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
)
struct IngestEndToEndTests {
    static func status(_ screen: String, height: Int) -> String {
        let rows = screen.components(separatedBy: "\n")
        return rows.count >= height ? rows[height - 1] : ""
    }

    @Test("a writer at 50,000 lines a second for 10 s: every line arrives and keys stay responsive")
    func floodKeepsEveryLineAndTheKeyboard() throws {
        let dir = try E2ETempDir()
        let path = dir.path("flood.jsonl")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let tmux = try TmuxSession(sitmon: [path], width: 120, height: 30)
        #expect(tmux.waitFor("flood.jsonl: following"))
        let total = 500_000
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            defer { done.signal() }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            let start = Date()
            var written = 0
            while written < total {
                let due = min(total, Int(Date().timeIntervalSince(start) * 50_000) + 1000)
                var chunk = ""
                while written < due {
                    written += 1
                    chunk += #"{"id":"f\#(written)","time":"2023-08-13T08:30:00Z","lat":16.2717,"lon":-0.0447,"actors":["JNIM","FAMA"],"summary":"flood line \#(written)"}"# + "\n"
                }
                handle.write(Data(chunk.utf8))
                Thread.sleep(forTimeInterval: 0.01)
            }
            try? handle.close()
        }
        writer.start()
        // Mid-flood, the help overlay must open and close promptly.
        Thread.sleep(forTimeInterval: 3)
        tmux.send("?")
        let opened = Date()
        #expect(tmux.waitFor("Help · keys", timeout: 1.5))
        let openDelay = Date().timeIntervalSince(opened)
        tmux.send("Escape")
        #expect(tmux.waitForAbsence("Help · keys", timeout: 1.5))
        #expect(openDelay < 1.0, "help took \(openDelay) s to open during the flood")
        done.wait()
        let arrived = tmux.waitUntil("all \(total) lines", timeout: 60) { screen in
            TmuxSession.showsCounts(Self.status(screen, height: 30), total, shown: total)
        }
        #expect(arrived.matched)
    }

    @Test("events piped on standard input (-) are read, and keys come from the terminal")
    func standardInput() throws {
        let dir = try E2ETempDir()
        let file = try dir.write("piped.jsonl", lines: [
            e2eIncidentLine(id: "p1", time: "2023-09-01T10:00:00Z", place: "Gao", actors: ["JNIM"], summary: "Piped first"),
            e2eIncidentLine(id: "p2", time: "2023-09-02T10:00:00Z", place: "Kidal", actors: ["CMA"], summary: "Piped second"),
        ])
        let binary = try SitmonBinary.path()
        let tmux = try TmuxSession(script: "(cat \(E2EShell.quote(file)); sleep 1; echo '{\"time\":\"2023-09-03\",\"actors\":[\"FAMA\"],\"summary\":\"Piped late\"}') | env LANG=C.UTF-8 \(E2EShell.quote(binary)) -; echo EXITED:$?; sleep 30")
        #expect(tmux.waitForAll(["Piped first", "Piped second", "stdin"]))
        #expect(tmux.waitFor("Piped late"))
        #expect(tmux.waitFor("stdin: ended"))
        tmux.send("q")
        #expect(tmux.waitFor("EXITED:0"))
    }

    @Test("an ACLED CSV export is detected and read, quoted commas and newlines included")
    func acledFile() throws {
        let dir = try E2ETempDir()
        let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
        let row1 = "MLI30001,2023-09-07,2023,1,Political violence,Violence against civilians,Attack,JNIM: Group for Support of Islam and Muslims,,Rebel group,Civilians (Mali),,Civilians,27,Civilian targeting,466,Western Africa,Mali,Tombouctou,Gourma-Rharous,,Banikane,16.75,-2.55,1,AFP,International,\"Boat attack near Banikane, many killed\",49,,1694100000"
        let row2 = "MLI30002,13 September 2023,2023,1,Political violence,Battles,Armed clash,Military Forces of Mali (2021-),Wagner Group,State forces,CMA: Coordination of Movements of the Azawad,,Rebel group,12,,466,Western Africa,Mali,Gao,Bourem,,Bourem,16.955,-0.3486,1,ISW,Other,\"CSP raid on the camp;\nthen withdraws\",0,,1694600000"
        let path = try dir.write("export.csv", lines: [header, row1, row2])
        let tmux = try TmuxSession(sitmon: [path], width: 160, height: 40)
        #expect(tmux.waitForCounts(2, shown: 2, and: ["Boat attack near", "CSP raid on th", "0 bad"]))
        tmux.send("s")
        // The header, one row, and one row spanning two lines: four physical lines.
        #expect(tmux.waitFor("4 lines read · 2 incidents · 0 bad"))
    }

    /// UCDP GED's columns (version 23.1 and later) and one row of them from a few values.
    static let ucdpColumns = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
        + "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,"
        + "side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,"
        + "source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,"
        + "priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
        + "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob").split(separator: ",").map(String.init)

    static func ucdpRow(_ values: [String: String]) -> String {
        ucdpColumns.map { name in
            let value = values[name] ?? ""
            return value.contains(",") ? "\"" + value + "\"" : value
        }.joined(separator: ",")
    }

    @Test("a UCDP GED file is read: sides as legend actors, rows in the feed, a region's centre said in the detail view")
    func ucdpFile() throws {
        let dir = try E2ETempDir()
        let rows = [
            Self.ucdpRow(["id": "444001", "relid": "MLI-2023-1-444001", "type_of_violence": "1", "side_a": "Government of Mali",
                          "side_b": "JNIM", "source_headline": "Army post attacked near Bamba, heavy losses", "where_prec": "1",
                          "where_coordinates": "Bamba town", "latitude": "17.0333", "longitude": "-1.4", "date_prec": "1",
                          "date_start": "2023-09-08 00:00:00.000", "best": "64", "country": "Mali"]),
            Self.ucdpRow(["id": "444002", "relid": "MLI-2023-3-444002", "type_of_violence": "3", "side_a": "IS",
                          "side_b": "Civilians", "source_headline": "Villagers killed in Menaka region", "where_prec": "4",
                          "where_coordinates": "Menaka region", "adm_1": "Menaka region", "latitude": "15.9", "longitude": "2.4",
                          "date_prec": "3", "date_start": "2023-09-10", "best": "12", "country": "Mali"]),
        ]
        let path = try dir.write("ged231.csv", lines: [Self.ucdpColumns.joined(separator: ","),] + rows)
        let tmux = try TmuxSession(sitmon: [path], width: 160, height: 40)
        // Government of Mali and IS count under the legend's FAMA and IS Sahel.
        #expect(tmux.waitForCounts(2, shown: 2, and: ["Army post attacked near Bamba", "Villagers killed in Menaka", "FAMA",
                                                    "IS Sahel", "0 bad"]))
        // The newest row is selected: its detail says its point is only the region's centre.
        tmux.send("Enter")
        #expect(tmux.waitForAll(["Incident detail", "approximate (UCDP where_prec 4: centre of the region)",
                                 "approximate (UCDP date_prec 3: known to the week)"]))
        tmux.send("Escape")
        tmux.send("j")
        tmux.send("Enter")
        #expect(tmux.waitFor("exact (UCDP where_prec 1: exact place)"))
    }

    @Test("a gzipped ACLED export and a gzipped one-line FeatureCollection are read whole, and the sources view says so")
    func gzippedFiles() throws {
        let dir = try E2ETempDir()
        let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
        let row = "MLI30001,2023-09-07,2023,1,Political violence,Violence against civilians,Attack,JNIM: Group for Support of Islam and Muslims,,Rebel group,Civilians (Mali),,Civilians,27,Civilian targeting,466,Western Africa,Mali,Tombouctou,Gourma-Rharous,,Banikane,16.75,-2.55,1,AFP,International,\"Boat attack near Banikane, many killed\",49,,1694100000"
        let csv = try dir.write("export.csv", lines: [header, row])
        let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-0.0447,16.2717]},"properties":{"id":"g1","time":"2023-09-08T10:00:00Z","actors":["FAMA"],"summary":"Convoy reaches Gao"}}"#
        let collection = dir.path("events.geojson")
        try Data((#"{"type": "FeatureCollection", "features": ["# + feature + "]}").utf8).write(to: URL(fileURLWithPath: collection))
        for path in [csv, collection] { #expect(E2EShell.run(["gzip", "-n", path]).status == 0) }
        let tmux = try TmuxSession(sitmon: [csv + ".gz", collection + ".gz"], width: 160, height: 40)
        #expect(tmux.waitForCounts(2, shown: 2, and: ["Boat attack near", "Convoy reaches Gao", "0 bad"]))
        #expect(tmux.waitFor("2 files: 2 read whole"))
        tmux.send("s")
        #expect(tmux.waitForAll(["export.csv.gz", "events.geojson.gz", "compressed, read whole (not followed)"]))
    }

    @Test("e lists a skipped line with its file, line and reason; the file is never written")
    func errorsViewAndReadOnly() throws {
        let dir = try E2ETempDir()
        let path = try dir.write("mixed.jsonl", lines: [
            e2eIncidentLine(id: "g1", time: "2023-08-13T08:30:00Z", place: "Ber", actors: ["FAMA"], summary: "Good line"),
            #"{"time":"2023-08-13","actors":["FAMA"],"lat":123.4,"lon":0}"#,
        ])
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let tmux = try TmuxSession(sitmon: [path], width: 120, height: 30)
        #expect(tmux.waitFor("1 bad"))
        tmux.send("e")
        #expect(tmux.waitForAll(["Skipped lines · 1", "mixed.jsonl:2", "latitude 123.4 out of range"]))
        // In a list q closes the list; the second q quits.
        tmux.send("q")
        tmux.send("q")
        #expect(tmux.waitFor("EXITED:0"))
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }
}
