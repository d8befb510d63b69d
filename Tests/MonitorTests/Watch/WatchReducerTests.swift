import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// The watch's actions, each compared on the whole input state after it (`assertReduce`): entries
/// from the log, and the keys and commands that record new ones (ARCHITECTURE.md §9).
@Suite struct WatchReducerTests {
    func loaded() -> AppState { Fixtures.state(Fixtures.tenDays, width: 100, height: 30) }
    let ana = WatchStamp(officer: "ana", at: 1_700_000_000)
    let ref5 = IncidentRef(source: "fixture", id: "e5")

    func alert(_ uid: String, _ rule: String = "JNIM near Timbuktu", ref: IncidentRef) -> WatchEntry {
        WatchEntry(uid: uid, stamp: ana, kind: .alert(AlertRaised(key: AlertKey(rule: rule, incident: ref), place: "Timbuktu",
                                                                  summary: "event 5", incidentTime: 0)))
    }

    @Test func anAlertFromTheLogIsListedOnceAndCountedUnacknowledged() {
        var state = loaded()
        let entry = alert("u1", ref: ref5)
        assertReduce(&state, .watch(.entries([entry]))) {
            $0.watch.applied = ["u1"]
            $0.watch.alertKeys = [AlertKey(rule: "JNIM near Timbuktu", incident: ref5)]
            $0.watch.alerts = [AlertItem(uid: "u1", raised: AlertRaised(key: AlertKey(rule: "JNIM near Timbuktu", incident: ref5),
                                                                        place: "Timbuktu", summary: "event 5", incidentTime: 0),
                                         stamp: ana, ack: nil)]
            $0.watch.recount()
        }
        #expect(state.watch.unacknowledged == 1)
        #expect(state.watch.alerted[ref5] == 1)
        // The same entry again (a fetch overlapping the last), or another officer's alert of the same key: nothing changes.
        assertReduce(&state, .watch(.entries([entry])))
        assertReduce(&state, .watch(.entries([alert("u2", ref: ref5)]))) {
            $0.watch.applied.insert("u2")
        }
        #expect(state.watch.alerts.count == 1)
    }

    @Test func anAcknowledgementFromAnotherOfficerMarksTheAlertAndClearsTheBanner() {
        var state = loaded()
        _ = Reducer().reduce(&state, .watch(.entries([alert("u1", ref: ref5)])))
        let key = AlertKey(rule: "JNIM near Timbuktu", incident: ref5)
        state.watch.banner = AlertBanner(key: key, text: "ALERT: …", until: 10)
        let ben = WatchStamp(officer: "ben", at: 1_700_000_100)
        let ack = WatchEntry(uid: "u9", stamp: ben, kind: .acknowledge(key, note: "seen, calling Gao"))
        assertReduce(&state, .watch(.entries([ack]))) {
            $0.watch.applied.insert("u9")
            $0.watch.alerts[0].ack = AckItem(stamp: ben, note: "seen, calling Gao")
            $0.watch.banner = nil
            $0.watch.recount()
        }
        #expect(state.watch.unacknowledged == 0)
        #expect(state.watch.alerted[ref5] == 0)
    }

    @Test func mFlagsTheSelectedIncidentThroughTheLog() {
        var state = loaded()
        let ref10 = IncidentRef(source: "fixture", id: "e10")
        assertReduce(&state, .key(.char("m")), effects: [.record(.flag(ref10, on: true))]) { $0.flash = "flagged" }
        // The log hands the entry back: the flag is on the record and in the state.
        let back = WatchEntry(uid: "f1", stamp: ana, kind: .flag(ref10, on: true))
        assertReduce(&state, .watch(.entries([back]))) {
            $0.watch.applied = ["f1"]
            $0.watch.flagged = [ref10: ana]
        }
        #expect(state.store[state.feedSlot(0)].flags.contains(.flagged))
        assertReduce(&state, .key(.char("m")), effects: [.record(.flag(ref10, on: false))]) { $0.flash = "flag removed" }
    }

    @Test func theFlaggedOnlyFilterShowsFlaggedIncidentsOnly() {
        var state = loaded()
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "f1", stamp: ana, kind: .flag(ref5, on: true))])))
        assertReduce(&state, .key(.char("*"))) {
            $0.filter.flaggedOnly = true
            $0.flash = "flagged incidents only"
        }
        #expect(state.feed.count == 1)
        #expect(state.store[state.feed[0]].id == "e5")
        // Another officer flags a second incident: the feed follows.
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "f2", stamp: ana, kind: .flag(IncidentRef(source: "fixture", id: "e7"), on: true))])))
        #expect(state.feed.map { state.store[$0].id } == ["e5", "e7"])
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "f3", stamp: ana, kind: .flag(ref5, on: false))])))
        #expect(state.feed.map { state.store[$0].id } == ["e7"])
    }

    @Test func aFlagWaitsForItsIncidentToArrive() {
        var state = loaded()
        let later = IncidentRef(source: "fixture", id: "e11")
        assertReduce(&state, .watch(.entries([WatchEntry(uid: "f1", stamp: ana, kind: .flag(later, on: true))]))) {
            $0.watch.applied = ["f1"]
            $0.watch.flagged = [later: ana]
            $0.watch.flagsWaiting = [later]
        }
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("event 11", actors: [0], day: 11, id: "e11")]
        batch.linesRead = 1
        _ = Reducer().reduce(&state, .ingest(batch))
        #expect(state.watch.flagsWaiting.isEmpty)
        #expect(state.store[state.feedSlot(0)].flags.contains(.flagged))
    }

    @Test func aCommandLineNoteIsRecordedForTheSelectedIncident() {
        var state = loaded()
        let ref10 = IncidentRef(source: "fixture", id: "e10")
        assertReduce(&state, .key(.char(":"))) { $0.linePrompt = LinePrompt(.command) }
        for c in "note convoy seen" { _ = Reducer().reduce(&state, .key(.char(c))) }
        assertReduce(&state, .key(.enter), effects: [.record(.note(ref10, text: "convoy seen"))]) {
            $0.linePrompt = nil
            $0.flash = "note added"
        }
        // Without text the line stays open and says why.
        _ = Reducer().reduce(&state, .key(.char(":")))
        for c in "note" { _ = Reducer().reduce(&state, .key(.char(c))) }
        assertReduce(&state, .key(.enter)) { $0.linePrompt?.message = "a note needs text: :note TEXT" }
    }

    @Test func tabCompletesACommandNameAndListsTheCandidates() {
        var state = loaded()
        _ = Reducer().reduce(&state, .key(.char(":")))
        _ = Reducer().reduce(&state, .key(.char("h")))
        _ = Reducer().reduce(&state, .key(.char("a")))
        assertReduce(&state, .key(.tab)) { $0.linePrompt?.text = "handover " }
        _ = Reducer().reduce(&state, .key(.ctrl("u")))
        _ = Reducer().reduce(&state, .key(.char("f")))
        assertReduce(&state, .key(.tab)) {
            $0.linePrompt?.text = "flag"
            $0.linePrompt?.message = "flag flagged"
        }
    }

    @Test func aNamedKeyRunsFromTheCommandLine() {
        var state = loaded()
        var batch = IngestBatch(source: 0, status: .following)
        batch.reachedEnd = true
        _ = Reducer().reduce(&state, .ingest(batch))
        batch.incidents = [Fixtures.incident("news", actors: [0], day: 11, id: "e11")]
        _ = Reducer().reduce(&state, .ingest(batch))
        #expect(state.store.unseenCount == 1)
        _ = Reducer().reduce(&state, .key(.char(":")))
        for c in "seen" { _ = Reducer().reduce(&state, .key(.char(c))) }
        _ = Reducer().reduce(&state, .key(.enter))
        #expect(state.store.unseenCount == 0)
        #expect(state.flash == "1 marked seen")
        // An unknown name is refused aloud.
        _ = Reducer().reduce(&state, .key(.char(":")))
        for c in "bogus" { _ = Reducer().reduce(&state, .key(.char(c))) }
        _ = Reducer().reduce(&state, .key(.enter))
        #expect(state.linePrompt?.message == "unknown command \"bogus\" (Tab lists them; ? shows help)")
    }

    @Test func aAsksForANoteThenAcknowledgesTheSelectedIncidentsAlerts() {
        var state = loaded()
        let ref10 = IncidentRef(source: "fixture", id: "e10")
        _ = Reducer().reduce(&state, .watch(.entries([alert("u1", ref: ref10), alert("u2", "Mass casualty", ref: ref10)])))
        let keys = [AlertKey(rule: "JNIM near Timbuktu", incident: ref10), AlertKey(rule: "Mass casualty", incident: ref10)]
        assertReduce(&state, .key(.char("a"))) { $0.linePrompt = LinePrompt(.acknowledge(keys)) }
        for c in "on it" { _ = Reducer().reduce(&state, .key(.char(c))) }
        assertReduce(&state, .key(.enter), effects: keys.map { .record(.acknowledge($0, note: "on it")) }) {
            $0.linePrompt = nil
            $0.flash = "2 alerts acknowledged"
        }
        // Nothing to acknowledge on another incident.
        _ = Reducer().reduce(&state, .key(.char("j")))
        assertReduce(&state, .key(.char("a"))) { $0.flash = "no unacknowledged alert here" }
    }

    @Test func theAlertListAcknowledgesTheHighlightedAlertAndOpensItsIncident() {
        var state = loaded()
        _ = Reducer().reduce(&state, .watch(.entries([alert("u1", ref: ref5), alert("u2", "Mass casualty", ref: IncidentRef(source: "fixture", id: "e7"))])))
        assertReduce(&state, .key(.char("A"))) { $0.overlay = .alerts(cursor: 0) }
        assertReduce(&state, .key(.char("j"))) { $0.overlay = .alerts(cursor: 1) }
        // Newest first: row 1 is the first alert (e5).
        assertReduce(&state, .key(.char("a"))) { $0.linePrompt = LinePrompt(.acknowledge([AlertKey(rule: "JNIM near Timbuktu", incident: ref5)])) }
        _ = Reducer().reduce(&state, .key(.escape))
        #expect(state.linePrompt == nil)
        _ = Reducer().reduce(&state, .key(.enter))
        guard case .detail(let seq, _, _) = state.overlay else {
            Issue.record("Enter should open the alert's incident")
            return
        }
        #expect(state.store[IncidentStore.Slot(seq)].id == "e5")
        #expect(state.store[state.selectedSlot ?? 0].id == "e5")
    }

    @Test func nAddsAZoneAtTheMapCursorWithTheRadiusTyped() throws {
        var state = loaded()
        state.focus = .map
        let center = try #require(WatchReducer.cursorPoint(state))
        assertReduce(&state, .key(.char("n"))) { $0.linePrompt = LinePrompt(.zone(center)) }
        for c in "Ber camp 30" { _ = Reducer().reduce(&state, .key(.char(c))) }
        assertReduce(&state, .key(.enter), effects: [.record(.zone(Zone(name: "Ber camp", shape: .circle(center: center, radiusKm: 30))))]) {
            $0.linePrompt = nil
            $0.flash = "zone \"Ber camp\" added (30 km)"
        }
        // From the command line, without a radius: the default.
        _ = Reducer().reduce(&state, .key(.char(":")))
        for c in "zone Goundam road" { _ = Reducer().reduce(&state, .key(.char(c))) }
        let effects = Reducer().reduce(&state, .key(.enter))
        #expect(effects == [.record(.zone(Zone(name: "Goundam road", shape: .circle(center: center, radiusKm: WatchReducer.defaultRadiusKm))))])
        // A zone from the log is kept by name: the same name again replaces it.
        let zone = Zone(name: "Ber camp", shape: .circle(center: center, radiusKm: 30))
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "z1", stamp: ana, kind: .zone(zone))])))
        var wider = zone
        wider.shape = .circle(center: center, radiusKm: 40)
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "z2", stamp: ana, kind: .zone(wider))])))
        #expect(state.watch.liveZones == [wider])
    }

    @Test func handoverTextIsRecordedAndWithoutTextOpensTheView() {
        var state = loaded()
        _ = Reducer().reduce(&state, .key(.char(":")))
        for c in "handover quiet night, Ber convoy due 06:00" { _ = Reducer().reduce(&state, .key(.char(c))) }
        assertReduce(&state, .key(.enter), effects: [.record(.handover(text: "quiet night, Ber convoy due 06:00"))]) {
            $0.linePrompt = nil
            $0.flash = "handover note recorded"
        }
        _ = Reducer().reduce(&state, .key(.char("W")))
        #expect(state.overlay == .handover(scroll: 0))
        #expect(state.watch.handoverSummary?.newIncidents == 0)
    }

    @Test func textOfficersWriteIsSanitised() {
        var state = loaded()
        let hostile = WatchEntry(uid: "n1", stamp: WatchStamp(officer: "x\u{1B}[2J", at: 1), kind: .note(ref5, text: "a\u{1B}[31mred\u{202E}"))
        _ = Reducer().reduce(&state, .watch(.entries([hostile])))
        let note = try? #require(state.watch.notes[ref5]?.first)
        #expect(note?.text == "a␛[31mred")
        #expect(note?.stamp.officer == "x␛[2J")
    }

    @Test func theLogsTroubleIsAnInputTheStatusLineShows() {
        var state = loaded()
        assertReduce(&state, .watch(.problem("watch.sqlite is read-only (mode 0400) (2 unsaved)"))) {
            $0.watch.logProblem = "watch.sqlite is read-only (mode 0400) (2 unsaved)"
        }
        assertReduce(&state, .watch(.problem(nil))) { $0.watch.logProblem = nil }
    }

    @Test func zHidesAndShowsTheZones() {
        var state = loaded()
        assertReduce(&state, .key(.char("Z"))) {
            $0.watch.zonesShown = false
            $0.flash = "zones hidden (rules still alert)"
        }
        assertReduce(&state, .key(.char("Z"))) {
            $0.watch.zonesShown = true
            $0.flash = "zones shown"
        }
    }

    @Test func startingWithAHandoverNoteSinceTheLastSessionOpensTheHandoverView() {
        var state = loaded()
        let session = WatchSession(officer: "ana", savedAt: 1_700_000_000, sources: [])
        _ = Reducer().reduce(&state, .watch(.entries([
            WatchEntry(uid: "h1", stamp: WatchStamp(officer: "ben", at: 1_700_000_500), kind: .handover(text: "Ber quiet; convoy at 06:00")),
        ])))
        assertReduce(&state, .watch(.started(officer: "ana", session: session, resumeFrom: [420]))) {
            $0.watch.officer = "ana"
            $0.watch.lastSession = session
            $0.sources[0].resumeFrom = 420
            $0.overlay = .handover(scroll: 0)
            $0.watch.handoverSummary = HandoverSummary(since: 1_700_000_000, byActor: [], byType: [], newIncidents: 0, staleSources: [])
        }
    }

    @Test func aFirstStartOrNoNewNoteOpensNothing() {
        var state = loaded()
        _ = Reducer().reduce(&state, .watch(.entries([
            WatchEntry(uid: "h1", stamp: WatchStamp(officer: "ben", at: 1_600_000_000), kind: .handover(text: "old note")),
        ])))
        assertReduce(&state, .watch(.started(officer: "ana", session: nil, resumeFrom: [nil]))) { $0.watch.officer = "ana" }
        let earlier = WatchSession(officer: "ana", savedAt: 1_700_000_000, sources: [])
        assertReduce(&state, .watch(.started(officer: "ana", session: earlier, resumeFrom: [nil]))) { $0.watch.lastSession = earlier }
    }
}

/// Named views and the view a session restores (issue 15's sessions): saved as JSON in the log,
/// the officer's own, put in force whole.
@Suite struct SavedViewTests {
    func loaded() -> AppState {
        var state = Fixtures.state(Fixtures.tenDays, width: 100, height: 30)
        state.watch.officer = "ana"
        return state
    }
    let ana = WatchStamp(officer: "ana", at: 1_700_000_000)

    @Test func aViewSavedAndShownAgainPutsFiltersOrderAndMapBack() throws {
        var state = loaded()
        for key: Key in [.char("1"), .char("r"), .char("f")] { _ = Reducer().reduce(&state, .key(key)) }
        let saved = SavedView(state)
        #expect(saved.hiddenActors == ["FAMA"])
        #expect(saved.order == "arrival")
        #expect(saved.minFatalities == 1)
        let effects = Reducer().reduce(&state, .command(.view("save night")))
        #expect(effects == [.record(.view(name: "night", json: saved.json))])
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "v1", stamp: ana, kind: .view(name: "night", json: saved.json))])))
        // Back to defaults, then the view again.
        for key: Key in [.char("x"), .char("0"), .char("r")] { _ = Reducer().reduce(&state, .key(key)) }
        #expect(state.filter.hiddenActors.isEmpty)
        var expectedFilter = state.filter
        expectedFilter.hiddenActors = [0]
        expectedFilter.minFatalities = 1
        assertReduce(&state, .command(.view("night"))) {
            $0.filter = expectedFilter
            $0.order = .arrival
            $0.flash = "view \"night\""
        }
    }

    @Test func anotherOfficersViewIsNotOffered() {
        var state = loaded()
        let json = SavedView(state).json
        _ = Reducer().reduce(&state, .watch(.entries([
            WatchEntry(uid: "v1", stamp: WatchStamp(officer: "ben", at: 1), kind: .view(name: "bens", json: json)),
            WatchEntry(uid: "v2", stamp: ana, kind: .view(name: "mine", json: json)),
        ])))
        #expect(state.watch.views.keys.sorted() == ["mine"])
        _ = Reducer().reduce(&state, .command(.view("list")))
        #expect(state.flash == "views: mine")
        #expect(Reducer().reduce(&state, .command(.view("delete mine"))) == [.record(.view(name: "mine", json: nil))])
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "v3", stamp: ana, kind: .view(name: "mine", json: nil))])))
        #expect(state.watch.views.isEmpty)
    }

    @Test func tabCompletesViewNames() {
        var state = loaded()
        let json = SavedView(state).json
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "v1", stamp: ana, kind: .view(name: "night shift", json: json))])))
        _ = Reducer().reduce(&state, .key(.char(":")))
        for c in "view ni" { _ = Reducer().reduce(&state, .key(.char(c))) }
        _ = Reducer().reduce(&state, .key(.tab))
        #expect(state.linePrompt?.text == "view night shift ")
    }

    @Test func theSessionsViewIsRestoredAtStartWithItsTheme() {
        var state = loaded()
        var view = SavedView(state)
        view.hiddenActors = ["JNIM"]
        view.theme = "light"
        let session = WatchSession(officer: "ana", savedAt: 1, sources: [], view: view.json)
        let effects = Reducer().reduce(&state, .watch(.started(officer: "ana", session: session, resumeFrom: [nil])))
        #expect(effects == [.setTheme("light")])
        #expect(state.filter.hiddenActors == [3])
        // A damaged view in the log is ignored, not a crash.
        var other = loaded()
        let broken = WatchSession(officer: "ana", savedAt: 1, sources: [], view: "{not json")
        #expect(Reducer().reduce(&other, .watch(.started(officer: "ana", session: broken, resumeFrom: [nil]))) == [])
        #expect(other.filter == FeedFilter())
    }
}
