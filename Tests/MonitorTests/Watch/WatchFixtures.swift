import Foundation
@testable import MonitorCore
@testable import MonitorWatch

/// A folder of its own per test (the tests run in parallel), removed by `remove()`.
struct WatchFolder {
    let path: String

    init(_ name: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sitmon-watch-\(name)-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// An explicit location in this folder (`watch_log = "…"`).
    func location(_ file: String = "watch.sqlite") -> WatchLogLocation {
        WatchLogLocation(path: path + "/" + file, isExplicit: true)
    }

    func remove() {
        _ = chmodTree(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Gives writes back everywhere below, so a test that made something read-only still cleans up.
    private func chmodTree(_ folder: String) -> Bool {
        chmod(folder, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let child = folder + "/" + name
            var st = stat()
            if stat(child, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { _ = chmodTree(child) } else { chmod(child, 0o600) }
        }
        return true
    }
}

enum WatchFixtures {
    static let gao = IncidentRef(source: "acled.csv", id: "MLI12345")

    /// A note numbered `n`, unique by officer and number.
    static func note(_ n: Int, officer: String = "amadou", at: Int64 = 1_700_000_000) -> WatchEntry {
        WatchEntry(uid: "\(officer)-\(n)", stamp: WatchStamp(officer: officer, at: at + Int64(n)),
                   kind: .note(IncidentRef(source: "events.jsonl", id: "e\(n)"), text: "note \(n)"))
    }

    static func alert(uid: String, officer: String, rule: String = "fatalities>=5", incident: IncidentRef = gao) -> WatchEntry {
        WatchEntry(uid: uid, stamp: WatchStamp(officer: officer, at: 1_700_000_100),
                   kind: .alert(AlertRaised(key: AlertKey(rule: rule, incident: incident), place: "Gao",
                                            summary: "raised by \(officer)", incidentTime: 1_699_990_000)))
    }

    /// One entry of every kind, with the awkward values (quotes, accents, empty and nil notes,
    /// negative coordinates, a path of several points).
    static let everyKind: [WatchEntry] = {
        let key = AlertKey(rule: "surge", incident: gao)
        let stamp = WatchStamp(officer: "fatoumata", at: 1_700_000_000)
        return [
            WatchEntry(uid: "k1", stamp: stamp, kind: .alert(AlertRaised(key: key, place: "Tombouctou",
                                                                       summary: "Attaque \"JNIM\" près de l'aéroport",
                                                                       incidentTime: -5))),
            WatchEntry(uid: "k2", stamp: stamp, kind: .acknowledge(key, note: "vu")),
            WatchEntry(uid: "k3", stamp: stamp, kind: .acknowledge(key, note: nil)),
            WatchEntry(uid: "k4", stamp: stamp, kind: .acknowledge(key, note: "")),
            WatchEntry(uid: "k5", stamp: stamp, kind: .flag(gao, on: true)),
            WatchEntry(uid: "k6", stamp: stamp, kind: .flag(gao, on: false)),
            WatchEntry(uid: "k7", stamp: stamp, kind: .note(gao, text: "'; DROP TABLE entry; --")),
            WatchEntry(uid: "k8", stamp: stamp, kind: .zone(Zone(name: "Ménaka", shape: .circle(center: GeoPoint(lat: 15.918, lon: 2.4014), radiusKm: 25.5)))),
            WatchEntry(uid: "k9", stamp: stamp, kind: .zone(Zone(name: "RN16", shape: .corridor(
                path: [GeoPoint(lat: 16.27, lon: -0.04), GeoPoint(lat: 15.3, lon: -1.9), GeoPoint(lat: 14.49, lon: -4.19)],
                widthKm: 0.1 + 0.2)))),
            WatchEntry(uid: "k10", stamp: WatchStamp(officer: "ibrahim", at: 1_700_003_600), kind: .handover(text: "Calme à Kidal.\nSurveiller Anéfis.")),
            WatchEntry(uid: "k11", stamp: stamp, kind: .view(name: "nuit", json: #"{"hiddenActors":["FAMA"],"window":"week"}"#)),
            WatchEntry(uid: "k12", stamp: stamp, kind: .view(name: "nuit", json: nil)),
        ]
    }()

    static func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }
}
