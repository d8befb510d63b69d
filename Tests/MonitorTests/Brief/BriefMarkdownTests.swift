import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// A briefing's Markdown and its files' names (ARCHITECTURE.md §10).
@Suite struct BriefMarkdownTests {
    @Test("brief.md of a watched state matches its reviewed snapshot")
    func markdownSnapshot() throws {
        let brief = Briefing(state: BriefFixtures.watchedState(), writtenAt: BriefFixtures.writtenAt)
        let text = BriefMarkdown.render(brief)
        let url = Snapshot.folder.appendingPathComponent("brief.md")
        if Snapshot.recording {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "brief.md differs from Snapshots/brief.md (SITMON_RECORD=1 rewrites it):\n\(text)")
    }

    @Test("the watch's alert, its acknowledgement, the flag and the note are in the briefing")
    func watchInBriefing() {
        let text = BriefMarkdown.render(Briefing(state: BriefFixtures.watchedState(), writtenAt: BriefFixtures.writtenAt))
        #expect(text.contains("1 alert, 1 acknowledged"))
        #expect(text.contains("by capitaine 2023-08-14 08:00Z: seen, FAMA informed"))
        #expect(text.contains("flagged by adjudant"))
        #expect(text.contains("second attack \\| this week"))
        #expect(text.contains("](map.svg)") && text.contains("](timeline.svg)"))
    }

    @Test("a window that holds no incident says so, in the Markdown and both pictures")
    func emptyWindow() throws {
        let state = Fixtures.state(Fixtures.tenDays)
        let brief = Briefing(state: state, scope: BriefScope(from: BriefFixtures.writtenAt), writtenAt: BriefFixtures.writtenAt)
        #expect(brief.incidents.isEmpty)
        #expect(BriefMarkdown.render(brief).contains("No incident in this window."))
        #expect(BriefTimelineSVG.render(brief).contains("No incident in this window"))
        #expect(BriefMapSVG.render(brief, theme: try BriefFixtures.theme()).contains("No incident in this window"))
        #expect(BriefRecords.jsonLines(brief.incidents, registry: brief.registry).isEmpty)
    }

    @Test("the view's filters decide what is briefed: hidden actors and the replay moment")
    func followsTheView() {
        var state = Fixtures.state(Fixtures.tenDays)
        state.filter.hiddenActors = [3]  // JNIM
        state.replayAt = Fixtures.tenDays[6].time
        // Inputs set by hand, as `sitmon brief` sets them before reading; the pass the reducer
        // would run after a key.
        state.rebuildFeed()
        let brief = Briefing(state: state, writtenAt: BriefFixtures.writtenAt)
        #expect(!brief.incidents.isEmpty)
        #expect(brief.incidents.allSatisfy { $0.time <= Fixtures.tenDays[6].time && $0.actors != [3] },
                "\(brief.incidents.map { ($0.summary, $0.actors) })")
        #expect(brief.replaying)
        #expect(BriefMarkdown.render(brief).contains("to the replay moment 2023-08-07 12:00Z"))
    }

    @Test("the folder is named by the UTC minute of writing")
    func folderName() {
        let brief = Briefing(state: Fixtures.state([]), writtenAt: BriefFixtures.writtenAt)
        #expect(brief.folderName == "sitmon-brief-20230814-0830Z")
    }
}

/// The briefed incidents as JSON Lines and CSV.
@Suite struct BriefRecordsTests {
    @Test("incidents.jsonl reads back through sitmon's reader to the same incidents")
    func jsonLinesRoundTrip() throws {
        let dir = Fixtures.TempDir()
        let source = dir.file("events.jsonl")
        try [
            #"{"id":"a1","time":"2023-08-13T08:30:05Z","place":"Ber","actors":["FAMA","Wagner"],"type":"strategic","fatalities":0,"summary":"quote \" backslash \\ tab\t é 🇲🇱","source":"Malian General Staff"}"#,
            #"{"id":"a2","time":"2023-08-14","place":"a well, not in the gazetteer","lat":15.5,"lon":-1.25,"actors":["Military Forces of Mali (2021-)","Katiba Nobody"],"type":"road block","summary":"no count","source":"ACLED"}"#,
            #"{"time":"2023-08-15T23:59:59+01:00","place":"Tombouctou","actors":["jnim"],"type":"Explosions/Remote violence","fatalities":3}"#,
            #"{"id":"a4","time":"2023-08-16T00:00:00Z","actors":["CMA"],"fatalities":null}"#,
        ].joined(separator: "\n").appending("\n").write(toFile: source, atomically: true, encoding: .utf8)
        let (original, bad) = Fixtures.readAll(source, name: "events.jsonl")
        #expect(bad.isEmpty && original.count == 4)
        let brief = Briefing(state: Fixtures.state(original), writtenAt: BriefFixtures.writtenAt)
        let path = dir.file("incidents.jsonl")
        try BriefRecords.jsonLines(brief.incidents, registry: brief.registry).write(toFile: path, atomically: true, encoding: .utf8)
        let (read, badAgain) = Fixtures.readAll(path, name: "brief")
        #expect(badAgain.isEmpty)
        // Reopened: the store keeps coordinates as Float, as it kept the briefed ones.
        let reopened = Briefing(state: Fixtures.state(read), writtenAt: BriefFixtures.writtenAt).incidents
        #expect(reopened.count == brief.incidents.count)
        for (a, b) in zip(reopened, brief.incidents) {
            #expect(a.id == b.id && a.time == b.time && a.hasClockTime == b.hasClockTime && a.place == b.place)
            #expect(a.location == b.location && a.locatedByGazetteer == b.locatedByGazetteer)
            #expect(a.actors == b.actors && a.unknownActorNames == b.unknownActorNames && a.writtenActors == b.writtenActors)
            #expect(a.type == b.type && a.fatalities == b.fatalities && a.summary == b.summary && a.source == b.source)
        }
    }

    @Test("CSV quotes what needs quoting, one record per incident")
    func csvQuoting() {
        var incident = Fixtures.incident("a, \"quoted\"\nline", actors: [0, 1], day: 3)
        incident.fatalities = nil
        let text = BriefRecords.csv([incident], registry: .northernMali)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,time,place,lat,lon,actors,type,fatalities,summary,source")
        #expect(text.contains(",FAMA; Wagner,battle,,\"a, \"\"quoted\"\"\nline\",fixture\r\n"))
    }
}

/// The control layer in a briefing (issue 15): the changes of hands of the period, in the Markdown.
@Suite struct BriefControlTests {
    @Test func theScenariosChangesOfHandsAreListedAndTheLayerFollowsC() throws {
        var state = try MapFixtures.scenario(width: 120, height: 40)
        let brief = Briefing(state: state, writtenAt: 1_700_000_000)
        let ber = try #require(brief.controlChanges.first { $0.place == "Ber" && $0.holder == "FAMA" })
        #expect(ber.previous == "MINUSMA")
        #expect(TimeFormat.date(ber.time) == "2023-08-13")
        let markdown = BriefMarkdown.render(brief)
        #expect(markdown.contains("Control changes in the period"))
        #expect(markdown.contains("| 2023-08-13 | Ber | MINUSMA | FAMA |"))
        #expect(!brief.controlLayerOn)
        _ = Reducer().reduce(&state, .key(.char("C")))
        #expect(Briefing(state: state, writtenAt: 1_700_000_000).controlLayerOn)
    }
}
