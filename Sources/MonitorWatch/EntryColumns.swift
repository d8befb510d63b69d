import Foundation
import GRDB
import MonitorCore

/// A `WatchEntry` as a row of the `entry` table (`WatchSchema` v1) and back.
enum EntryColumns {
    static let insert = """
        INSERT INTO entry (uid, kind, officer, at, source, incident, rule, flag_on, text, place,
                           incident_at, zone_name, zone_shape, zone_km, zone_points)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        """
    static let select = """
        SELECT seq, uid, kind, officer, at, source, incident, rule, flag_on, text, place,
               incident_at, zone_name, zone_shape, zone_km, zone_points
        FROM entry
        """

    static func arguments(_ entry: WatchEntry) -> StatementArguments {
        var source: String?, incident: String?, rule: String?, flagOn: Bool?, text: String?
        var place: String?, incidentAt: Int64?, zoneName: String?, zoneShape: String?, zoneKm: Double?
        var zonePoints: String?
        let kind: String
        switch entry.kind {
        case .alert(let alert):
            kind = "alert"
            (rule, source, incident) = (alert.key.rule, alert.key.incident.source, alert.key.incident.id)
            (place, text, incidentAt) = (alert.place, alert.summary, alert.incidentTime)
        case .acknowledge(let key, let note):
            kind = "acknowledge"
            (rule, source, incident, text) = (key.rule, key.incident.source, key.incident.id, note)
        case .flag(let ref, let on):
            kind = "flag"
            (source, incident, flagOn) = (ref.source, ref.id, on)
        case .note(let ref, let note):
            kind = "note"
            (source, incident, text) = (ref.source, ref.id, note)
        case .zone(let zone):
            kind = "zone"
            zoneName = zone.name
            switch zone.shape {
            case .circle(let center, let radiusKm):
                (zoneShape, zoneKm, zonePoints) = ("circle", radiusKm, points([center]))
            case .corridor(let path, let widthKm):
                (zoneShape, zoneKm, zonePoints) = ("corridor", widthKm, points(path))
            }
        case .handover(let note):
            kind = "handover"
            text = note
        case .view(let name, let json):
            // The name in `rule`, the view in `text` (NULL: deleted): no new column, so an older
            // sitmon on the same log only skips the kind it does not know.
            kind = "view"
            (rule, text) = (name, json)
        }
        let values: [(any DatabaseValueConvertible)?] = [
            entry.uid, kind, entry.stamp.officer, entry.stamp.at, source, incident, rule, flagOn, text, place,
            incidentAt, zoneName, zoneShape, zoneKm, zonePoints,
        ]
        return StatementArguments(values)
    }

    /// The entry a row holds; nil for a kind this build does not know (written by a newer sitmon)
    /// or a row missing what its kind needs. Never traps on what is in the file.
    static func entry(_ row: Row) -> WatchEntry? {
        guard let uid = text(row, "uid"), let kindName = text(row, "kind"), let officer = text(row, "officer"),
              let at = integer(row, "at") else { return nil }
        let ref = text(row, "source").flatMap { source in text(row, "incident").map { IncidentRef(source: source, id: $0) } }
        let key = ref.flatMap { ref in text(row, "rule").map { AlertKey(rule: $0, incident: ref) } }
        let kind: WatchEntry.Kind
        switch kindName {
        case "alert":
            guard let key else { return nil }
            kind = .alert(AlertRaised(key: key, place: text(row, "place") ?? "", summary: text(row, "text") ?? "",
                                      incidentTime: integer(row, "incident_at") ?? at))
        case "acknowledge":
            guard let key else { return nil }
            kind = .acknowledge(key, note: text(row, "text"))
        case "flag":
            guard let ref, let on = integer(row, "flag_on") else { return nil }
            kind = .flag(ref, on: on != 0)
        case "note":
            guard let ref, let note = text(row, "text") else { return nil }
            kind = .note(ref, text: note)
        case "zone":
            guard let name = text(row, "zone_name"), let km = Double.fromDatabaseValue(row["zone_km"]),
                  let path = text(row, "zone_points").flatMap(points) else { return nil }
            switch text(row, "zone_shape") {
            case "circle":
                guard path.count == 1 else { return nil }
                kind = .zone(Zone(name: name, shape: .circle(center: path[0], radiusKm: km)))
            case "corridor":
                kind = .zone(Zone(name: name, shape: .corridor(path: path, widthKm: km)))
            default:
                return nil
            }
        case "handover":
            guard let note = text(row, "text") else { return nil }
            kind = .handover(text: note)
        case "view":
            guard let name = text(row, "rule") else { return nil }
            kind = .view(name: name, json: text(row, "text"))
        default:
            return nil
        }
        return WatchEntry(uid: uid, stamp: WatchStamp(officer: officer, at: at), kind: kind)
    }

    static func text(_ row: Row, _ column: String) -> String? {
        String.fromDatabaseValue(row[column])
    }

    static func integer(_ row: Row, _ column: String) -> Int64? {
        Int64.fromDatabaseValue(row[column])
    }

    /// A path as "lon,lat;lon,lat" (GeoJSON's order). Swift prints a Double so that it reads back
    /// to the same value, so a zone comes back exactly.
    static func points(_ path: [GeoPoint]) -> String {
        path.map { "\($0.lon),\($0.lat)" }.joined(separator: ";")
    }

    static func points(_ text: String) -> [GeoPoint]? {
        var path: [GeoPoint] = []
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]) else { return nil }
            path.append(GeoPoint(lat: lat, lon: lon))
        }
        return path.isEmpty ? nil : path
    }
}
