import Foundation
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// A watched state to brief: ten days of incidents, one flagged with a note, one alert raised
/// and acknowledged, and a zone round Timbuktu.
enum BriefFixtures {
    /// 2023-08-14 08:30Z: the wall clock of writing, fixed so snapshots stay put.
    static let writtenAt = Int64(TimeParser.daysFromCivil(year: 2023, month: 8, day: 14)) * 86_400 + 8 * 3600 + 30 * 60

    static func watchedState() -> AppState {
        var state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        let reducer = Reducer()
        let officer = WatchStamp(officer: "adjudant", at: writtenAt - 3600)
        let ref = IncidentRef(source: "fixture", id: "e6")
        let alert = AlertRaised(key: AlertKey(rule: "Timbuktu zone", incident: ref), place: "Timbuktu",
                                summary: "event 6", incidentTime: Fixtures.tenDays[5].time)
        let zone = Zone(name: "Timbuktu", shape: .circle(center: GeoPoint(lat: 16.7735, lon: -3.0074), radiusKm: 30))
        _ = reducer.reduce(&state, .watch(.entries([
            WatchEntry(uid: "z1", stamp: officer, kind: .zone(zone)),
            WatchEntry(uid: "a1", stamp: officer, kind: .alert(alert)),
            WatchEntry(uid: "k1", stamp: WatchStamp(officer: "capitaine", at: writtenAt - 1800), kind: .acknowledge(alert.key, note: "seen, FAMA informed")),
            WatchEntry(uid: "f1", stamp: officer, kind: .flag(ref, on: true)),
            WatchEntry(uid: "n1", stamp: officer, kind: .note(ref, text: "second attack | this week")),
        ])))
        return state
    }

    /// The bundled default theme, as the screen loads it.
    static func theme() throws -> Theme {
        try ThemeLoader(searchPaths: [DocsTests.root.appendingPathComponent("themes").path]).load("default")
    }
}
