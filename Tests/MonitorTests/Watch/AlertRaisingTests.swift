import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Alerts raised by arrivals (ARCHITECTURE.md §9): news inside a zone alerts once, with the bell
/// and the banner; history is only counted; what arrived while sitmon was not running is news.
@Suite struct AlertRaisingTests {
    let timbuktu = Zone(name: "Timbuktu 50 km", shape: .circle(center: GeoPoint(lat: 16.7735, lon: -3.0074), radiusKm: 50))

    /// A state whose one source has been read (caught up), with the Timbuktu zone.
    func watching(bell: Bool = true) -> AppState {
        var state = Fixtures.state(Fixtures.tenDays, width: 100, height: 30)
        state.setWatchConfig(zones: [timbuktu], rules: [], bell: bell)
        var end = IngestBatch(source: 0, status: .following)
        end.reachedEnd = true
        _ = Reducer().reduce(&state, .ingest(end))
        return state
    }

    func batch(_ incidents: [Incident], at: Int64 = 5000) -> IngestBatch {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        batch.linesRead = incidents.count
        batch.reachedEnd = true
        batch.arrivedAt = at
        return batch
    }

    @Test func aLiveIncidentInsideAZoneAlertsOnceAndOneOutsideDoesNot() {
        var state = watching()
        let inside = Fixtures.incident("convoy ambushed", actors: [3], day: 11, town: "Timbuktu", id: "in1")
        let outside = Fixtures.incident("patrol", actors: [0], day: 11, town: "Kidal", id: "out1")
        let key = AlertKey(rule: "Timbuktu 50 km", incident: IncidentRef(source: "fixture", id: "in1"))
        let raised = AlertRaised(key: key, place: "Timbuktu", summary: "convoy ambushed", incidentTime: inside.time)
        assertReduce(&state, .ingest(batch([inside, outside])), effects: [.record(.alert(raised)), .bell]) {
            $0.now = 5000
            $0.sources[0].linesRead += 2
            $0.sources[0].incidents += 2
            $0.sources[0].lastDataAt = 5000
            $0.store.count += 2
            $0.store.unseen += 2
            $0.store.newestTime = inside.time
            $0.watch.alertKeys = [key]
            $0.watch.banner = AlertBanner(key: key, text: "ALERT: Timbuktu 50 km — Timbuktu — convoy ambushed", until: 5010)
        }
        // A correction of the same incident does not alert again.
        var corrected = inside
        corrected.summary = "convoy ambushed, 3 trucks burnt"
        #expect(Reducer().reduce(&state, .ingest(batch([corrected], at: 5001))) == [])
        // The banner goes after 10 seconds.
        _ = Reducer().reduce(&state, .tick(5011))
        #expect(state.watch.banner == nil)
    }

    @Test func bellOffStillAlerts() {
        var state = watching(bell: false)
        let inside = Fixtures.incident("x", actors: [3], day: 11, town: "Timbuktu", id: "in1")
        let effects = Reducer().reduce(&state, .ingest(batch([inside])))
        #expect(effects.count == 1)
        #expect(!effects.contains(.bell))
    }

    @Test func aFirstReadOfHistoryIsCountedNotAlerted() {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        state.setWatchConfig(zones: [timbuktu], rules: [AlertRule(name: "Mass casualty", minFatalities: 10)], bell: true)
        var old = (1...5).map { Fixtures.incident("old \($0)", actors: [3], day: $0, town: "Timbuktu", id: "h\($0)") }
        old[0].fatalities = 12
        var first = IngestBatch(source: 0, status: .following)
        first.incidents = old
        first.linesRead = old.count
        let effects = Reducer().reduce(&state, .ingest(first))
        #expect(effects == [])
        #expect(state.watch.historicalMatches == 5)
        #expect(state.watch.alertKeys.isEmpty)
        #expect(state.watch.banner == nil)
    }

    @Test func linesBeyondTheLastSessionAreNewsUnseenAndAlerted() {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        state.setWatchConfig(zones: [timbuktu], rules: [], bell: true)
        state.sources[0].resumeFrom = 300
        var before = Fixtures.incident("seen last shift", actors: [3], day: 3, town: "Timbuktu", id: "a")
        before.origin.offset = 100
        var away = Fixtures.incident("while you were away", actors: [3], day: 4, town: "Timbuktu", id: "b")
        away.origin.offset = 300
        var first = IngestBatch(source: 0, status: .following)
        first.incidents = [before, away]
        first.linesRead = 2
        first.reachedEnd = true
        let effects = Reducer().reduce(&state, .ingest(first))
        let key = AlertKey(rule: "Timbuktu 50 km", incident: IncidentRef(source: "fixture", id: "b"))
        #expect(effects == [.record(.alert(AlertRaised(key: key, place: "Timbuktu", summary: "while you were away", incidentTime: away.time))), .bell])
        #expect(state.store.unseenCount == 1)
        #expect(state.watch.historicalMatches == 1)
    }

    @Test func anAlertAlreadyInTheLogIsNotRaisedAgain() {
        var state = watching()
        let key = AlertKey(rule: "Timbuktu 50 km", incident: IncidentRef(source: "fixture", id: "in1"))
        let logged = WatchEntry(uid: "u1", stamp: WatchStamp(officer: "ben", at: 1),
                                kind: .alert(AlertRaised(key: key, place: "Timbuktu", summary: "x", incidentTime: 0)))
        _ = Reducer().reduce(&state, .watch(.entries([logged])))
        let inside = Fixtures.incident("x", actors: [3], day: 11, town: "Timbuktu", id: "in1")
        #expect(Reducer().reduce(&state, .ingest(batch([inside]))) == [])
    }

    @Test func aZoneAddedLiveAlertsFromThenOn() {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        var end = IngestBatch(source: 0, status: .following)
        end.reachedEnd = true
        _ = Reducer().reduce(&state, .ingest(end))
        let camp = Gazetteer.mali.lookup("Ber")?.point ?? GeoPoint(lat: 0, lon: 0)
        let ber = Zone(name: "Ber camp", shape: .circle(center: camp, radiusKm: 20))
        let ref = Fixtures.incident("camp shelled", actors: [3], day: 11, town: "Ber", id: "c1")
        _ = Reducer().reduce(&state, .watch(.entries([WatchEntry(uid: "z1", stamp: WatchStamp(officer: "ana", at: 1), kind: .zone(ber))])))
        let effects = Reducer().reduce(&state, .ingest(batch([ref])))
        #expect(effects.first == .record(.alert(AlertRaised(key: AlertKey(rule: "Ber camp", incident: IncidentRef(source: "fixture", id: "c1")),
                                                            place: "Ber", summary: "camp shelled", incidentTime: ref.time))))
    }

    @Test func aSurgeInAZoneAndItsRegionAlertsWhenTheWeekDoublesTheMean() {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        // A rule that no incident meets, so the zone's only alerts are surges.
        state.setWatchConfig(zones: [timbuktu], rules: [AlertRule(name: "quiet", zone: timbuktu, minFatalities: 1000)], bell: true)
        // History: 2 a week for 4 weeks (days -27 … 0 counted from 1 Jul 2023).
        let start = Int64(TimeParser.daysFromCivil(year: 2023, month: 7, day: 1))
        func at(_ day: Int64, _ id: String) -> Incident {
            var i = Fixtures.incident(id, actors: [3], day: 1, town: "Timbuktu", id: id)
            i.time = (start + day) * 86_400 + 43_200
            return i
        }
        var history = IngestBatch(source: 0, status: .following)
        history.incidents = (0..<8).map { at(Int64($0) * 3 + 1, "h\($0)") }
        history.reachedEnd = true
        _ = Reducer().reduce(&state, .ingest(history))
        // Live: a week with 3 stays quiet, the 4th tips it.
        var effects: [Effect] = []
        for n in 0..<4 { effects += Reducer().reduce(&state, .ingest(batch([at(29 + Int64(n), "w\(n)")]))) }
        let surges = effects.compactMap { effect -> AlertKey? in
            if case .record(.alert(let raised)) = effect { return raised.key } else { return nil }
        }
        // The zone surges, and so does its region of Mali (Timbuktu lies in Tombouctou).
        let w3 = IncidentRef(source: "fixture", id: "w3")
        #expect(surges == [AlertKey(rule: "Surge: Timbuktu 50 km", incident: w3), AlertKey(rule: "Surge: Tombouctou region", incident: w3)])
    }
}

/// The per-arrival form of the surge areas (numbers, no text) agrees with the named one.
@Suite struct SurgeAreaNumberTests {
    @Test func numberedAreasNameWhatTheNamedFormSays() {
        let zones = [
            Zone(name: "Timbuktu 50 km", shape: .circle(center: GeoPoint(lat: 16.7735, lon: -3.0074), radiusKm: 50)),
            Zone(name: "Route", shape: .corridor(path: [GeoPoint(lat: 16.77, lon: -3.0), GeoPoint(lat: 16.41, lon: -3.67)], widthKm: 10)),
        ]
        let areas = SurgeAreas(zones: zones)
        var random = SplitMix64(seed: 14)
        for _ in 0..<2000 {
            let point = GeoPoint(lat: 9 + Double(random.next() % 17_000) / 1000, lon: -13 + Double(random.next() % 19_000) / 1000)
            var named: [String] = []
            areas.forEachArea(of: point) { named.append(areas.name($0)) }
            #expect(named == areas.areas(of: point), "at \(point)")
        }
    }
}
