import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Who holds what: the history the store keeps from incidents that report a change of hands.
@Suite struct ControlHistoryTests {
    let registry = ActorRegistry.northernMali
    let fama = ActorRegistry.northernMali.lookup("FAMA")!
    let minusma = ActorRegistry.northernMali.lookup("MINUSMA")!
    let cma = ActorRegistry.northernMali.lookup("CMA")!

    func change(_ id: String, day: Int, town: String = "Ber", to holder: ActorID?) -> Incident {
        var incident = Fixtures.incident(id, actors: [holder ?? 0], day: day, town: town, id: id)
        incident.control = holder.map(ControlHolder.actor)
        return incident
    }

    func ingest(_ incidents: [Incident], retract: [String] = [], into state: inout AppState) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        batch.retractions = retract
        _ = Reducer().reduce(&state, .ingest(batch))
    }

    static func day(_ month: Int, _ day: Int) -> Int64 {
        Int64(TimeParser.daysFromCivil(year: 2023, month: month, day: day)) * 86400 + 86399
    }

    /// Slots far apart, undone, let go and moved: each slot still finds its own change.
    @Test func eachSlotFindsItsChangeWhereverItLies() {
        var history = ControlHistory()
        func record(_ place: String, _ time: Int64, _ holder: ActorID, _ slot: IncidentStore.Slot) {
            history.record(.actor(holder), place: place, time: time, location: nil, source: "s", id: "i\(slot)", slot: slot)
        }
        record("Ber", 10, minusma, 3)
        record("Kidal", 20, cma, 3_000)
        record("Ber", 30, fama, 70_000)
        #expect(history.change(of: 3)?.holder == .actor(minusma))
        #expect(history.change(of: 3_000)?.place == "Kidal")
        #expect(history.change(of: 70_000)?.time == 30)
        #expect(history.change(of: 4) == nil && history.change(of: 100_000) == nil && history.change(of: -1) == nil)

        history.remove(3)
        #expect(history.change(of: 3) == nil)
        #expect(history.holding("Ber")?.now.holder == .actor(fama) && history.holding("Ber")?.before == nil)
        history.remove(3)
        #expect(history.count == 2)

        history.forget(3_000)
        #expect(history.change(of: 3_000) == nil)
        #expect(history.holding("Kidal")?.now.slot == nil)

        // The store reclaimed slots: 70,000 is now 1.
        var map = [IncidentStore.Slot](repeating: -1, count: 70_001)
        map[70_000] = 1
        history.follow(SlotRemap(map))
        #expect(history.change(of: 1)?.holder == .actor(fama))
        #expect(history.change(of: 70_000) == nil)

        // The same history built directly compares equal.
        var direct = ControlHistory()
        direct.record(.actor(minusma), place: "Ber", time: 10, location: nil, source: "s", id: "i3", slot: 3)
        direct.record(.actor(cma), place: "Kidal", time: 20, location: nil, source: "s", id: "i3000", slot: 3_000)
        direct.record(.actor(fama), place: "Ber", time: 30, location: nil, source: "s", id: "i70000", slot: 1)
        direct.remove(3)
        direct.forget(3_000)
        #expect(direct == history)
        direct.remove(1)
        #expect(direct != history)
    }

    @Test func aSeriesAsOfSeveralMoments() throws {
        let state = Fixtures.state([
            change("a", day: 2, to: minusma), change("x", day: 3, to: nil), change("b", day: 13, to: fama),
            change("k", day: 20, town: "Kidal", to: cma),
        ])
        let control = state.store.control
        #expect(control.count == 3)
        #expect(control.holding("Ber", at: Self.day(8, 1)) == nil)
        #expect(control.holding("Ber", at: Self.day(8, 5))?.now.holder == .actor(minusma))
        let after = try #require(control.holding("ber", at: Self.day(8, 14)))
        #expect(after.now.holder == .actor(fama))
        #expect(after.before?.holder == .actor(minusma))
        #expect(control.holding("Kidal", at: Self.day(8, 14)) == nil)
        #expect(control.holders().map(\.place) == ["Ber", "Kidal"])
        #expect(control.changesNewestFirst().map(\.change.id) == ["k", "b", "a"])
        #expect(control.changesNewestFirst().map(\.before) == [nil, .actor(minusma), nil])
    }

    @Test func aCorrectionMovesTheChangeAndARetractionUndoesIt() throws {
        var state = Fixtures.state([change("a", day: 2, to: minusma), change("b", day: 13, to: fama)])
        // The correction moves the takeover to the 16th and names CMA.
        ingest([change("b", day: 16, to: cma)], into: &state)
        var control = state.store.control
        #expect(control.count == 2)
        #expect(control.holding("Ber", at: Self.day(8, 14))?.now.holder == .actor(minusma))
        #expect(control.holding("Ber")?.now.holder == .actor(cma))
        #expect(control.holding("Ber")?.now.slot == state.store.slot(forID: "b"))
        // A correction that no longer reports a change of hands removes it.
        ingest([change("b", day: 16, to: nil)], into: &state)
        #expect(state.store.control.holding("Ber")?.now.holder == .actor(minusma))
        // A retraction removes the change it reported.
        ingest([], retract: ["a"], into: &state)
        control = state.store.control
        #expect(control.isEmpty)
        #expect(control.holding("Ber") == nil)
    }

    @Test func theDetailOfAStoredIncidentKeepsItsHolder() throws {
        let state = Fixtures.state([change("a", day: 2, to: minusma), change("x", day: 3, to: nil)])
        let a = try #require(state.store.slot(forID: "a"))
        let x = try #require(state.store.slot(forID: "x"))
        #expect(state.store.incident(a).control == .actor(minusma))
        #expect(state.store.incident(x).control == nil)
    }

    @Test func aControlNamingNoKnownActorIsKeptVerbatim() throws {
        let parser = JSONLineParser()
        let line = #"{"id":"t1","time":"2023-10-21","place":"Tessalit","actors":["FAMA"],"control":" Groupe d'autodéfense Imghad ","source":"x"}"#
        let incident = try parser.parse(line: Array(line.utf8), origin: Origin(file: "f", line: 1)).get()
        #expect(incident.control == .named("Groupe d'autodéfense Imghad"))
        let alias = #"{"time":"2023-10-21","place":"Tessalit","actors":["FAMA"],"control":"Military Forces of Mali (2021-)"}"#
        #expect(try parser.parse(line: Array(alias.utf8), origin: Origin(file: "f", line: 2)).get().control == .actor(fama))
    }

    @Test func theFastPathSendsAControlLineToTheGeneralParser() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("c.jsonl")
        let text = """
            {"id":"p1","time":"2023-08-13","place":"Ber","lat":16.8,"lon":-2.5,"actors":["FAMA"],"summary":"s","source":"x"}
            {"id":"p2","time":"2023-08-14","place":"Ber","lat":16.8,"lon":-2.5,"actors":["FAMA"],"summary":"s","source":"x","control":"FAMA"}

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (batch, _) = SourceReader(index: 0, path: path).poll()
        var state = AppState(sources: [SourceInfo(name: "c.jsonl")])
        _ = Reducer().reduce(&state, .ingest(batch))
        #expect(state.store.count == 2)
        #expect(state.store.control.count == 1)
        #expect(state.store.control.holding("Ber")?.now.id == "p2")
    }

    @Test func anACLEDSubEventTypeNamesTheFirstActorAsHolder() throws {
        #expect(ControlHolder.isControlSubEvent(" government REGAINS territory\t"))
        #expect(!ControlHolder.isControlSubEvent("Armed clash"))
        let bytes = Array("  Non-state actor overtakes territory ".utf8)
        #expect(bytes.withUnsafeBytes { ControlSubEvent.matches($0) })
        #expect(!Array("Attack".utf8).withUnsafeBytes { ControlSubEvent.matches($0) })
        // The length bits name exactly the four's lengths.
        let lengths = ControlHolder.lowered.reduce(UInt64(0)) { $0 | 1 << UInt64($1.count) }
        #expect(ControlSubEvent.lengthBits == lengths)
        for name in ControlHolder.acledSubEventTypes {
            #expect(Array(name.uppercased().utf8).withUnsafeBytes { ControlSubEvent.matches($0) })
        }
        let header = ["event_id_cnty", "event_date", "actor1", "actor2", "event_type", "sub_event_type", "location", "latitude", "longitude", "fatalities", "notes", "source"]
        let format = ACLEDFormat(header: header)
        let row = ["MLI1", "2023-11-14", "Military Forces of Mali (2021-)", "CSP-PSD", "Strategic developments",
                   "Government regains territory", "Kidal", "18.44", "1.41", "0", "", "AFP"]
        let fields = try format.fields(row).get()
        let incident = try IncidentBuilder().build(fields, origin: Origin(file: "a.csv", line: 2)).get()
        #expect(incident.control == .actor(fama))
    }

    @Test func theBundledScenarioSaysWhoHeldBerAndKidal() throws {
        let state = try MapFixtures.scenario(width: 80, height: 24)
        let control = state.store.control
        #expect(control.holding("Ber", at: Self.day(8, 1))?.now.holder == .actor(minusma))
        let ber = try #require(control.holding("Ber", at: Self.day(8, 20)))
        #expect(ber.now.holder == .actor(fama))
        #expect(ber.now.id == "ber-2023-08-13")
        #expect(ber.now.source == "Malian General Staff")
        #expect(control.holding("Kidal", at: Self.day(11, 1))?.now.holder == .actor(cma))
        #expect(control.holding("Kidal", at: Self.day(11, 20))?.now.holder == .actor(fama))
        #expect(control.changesNewestFirst().allSatisfy { !$0.change.source.isEmpty })
    }
}
