import Foundation
import MonitorCore

/// The briefed incidents as files other tools and sitmon itself read: JSON Lines in sitmon's own
/// format (README, "The event file"), so `sitmon incidents.jsonl` reopens exactly what was briefed,
/// and CSV (RFC 4180) for a spreadsheet. Pure: incidents in, text out.
public enum BriefRecords {
    /// One object a line, newest first. Coordinates are written only when the event file gave
    /// them: one the gazetteer supplied is found again from the place, as it was the first time.
    public static func jsonLines(_ incidents: [Incident], registry: ActorRegistry) -> String {
        var out = ""
        for incident in incidents {
            var fields: [String] = []
            if let id = incident.id { fields.append("\"id\":" + json(id)) }
            fields.append("\"time\":" + json(time(incident)))
            if !incident.place.isEmpty { fields.append("\"place\":" + json(incident.place)) }
            if let p = incident.location, !incident.locatedByGazetteer {
                fields.append("\"lat\":\(Float(p.lat).description),\"lon\":\(Float(p.lon).description)")
            }
            fields.append("\"actors\":[" + actorNames(incident, registry: registry).map(json).joined(separator: ",") + "]")
            if !incident.type.label.isEmpty { fields.append("\"type\":" + json(incident.type.label)) }
            fields.append("\"fatalities\":" + (incident.fatalities.map(String.init) ?? "null"))
            if !incident.summary.isEmpty { fields.append("\"summary\":" + json(incident.summary)) }
            if !incident.source.isEmpty { fields.append("\"source\":" + json(incident.source)) }
            out += "{" + fields.joined(separator: ",") + "}\n"
        }
        return out
    }

    public static let csvHeader = ["id", "time", "place", "lat", "lon", "actors", "type", "fatalities", "summary", "source"]

    /// A header and one record per incident, newest first; actors joined with "; ".
    public static func csv(_ incidents: [Incident], registry: ActorRegistry) -> String {
        var out = csvHeader.joined(separator: ",") + "\r\n"
        for incident in incidents {
            let row = [
                incident.id ?? "", time(incident), incident.place,
                incident.location.map { Float($0.lat).description } ?? "",
                incident.location.map { Float($0.lon).description } ?? "",
                actorNames(incident, registry: registry).joined(separator: "; "),
                incident.type.label, incident.fatalities.map(String.init) ?? "", incident.summary, incident.source,
            ]
            out += row.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The names as the source wrote them when it did, else the actors' keys: what reads back
    /// to the same actors.
    static func actorNames(_ incident: Incident, registry: ActorRegistry) -> [String] {
        if !incident.writtenActors.isEmpty { return incident.writtenActors.map(\.name) }
        let known = incident.actors.filter { $0 != registry.otherID || incident.unknownActorNames.isEmpty }
        return known.map { registry[$0].key } + incident.unknownActorNames
    }

    /// RFC 3339 in UTC to the second, or the date alone when the file gave only a date.
    static func time(_ incident: Incident) -> String {
        let c = TimeParser.civil(incident.time)
        let date = "\(TimeFormat.pad(c.year, 4))-\(TimeFormat.pad(c.month, 2))-\(TimeFormat.pad(c.day, 2))"
        guard incident.hasClockTime else { return date }
        let seconds = Int(((incident.time % 60) + 60) % 60)
        return date + "T\(TimeFormat.pad(c.hour, 2)):\(TimeFormat.pad(c.minute, 2)):\(TimeFormat.pad(seconds, 2))Z"
    }

    /// A JSON string (`JSONText`, the project's one escaper).
    static func json(_ text: String) -> String { JSONText.quoted(text) }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
