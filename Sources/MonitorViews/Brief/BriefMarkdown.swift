import MonitorCore
import MonitorState

/// `brief.md`: what an officer reads out, with the map and the timeline beside it. Pure: a
/// `Briefing` in, Markdown out (ARCHITECTURE.md §10).
public enum BriefMarkdown {
    /// Places and alerts listed; the counts always cover all of them.
    public static let busiestPlaces = 10
    public static let listedAlerts = 50

    public static func render(_ brief: Briefing) -> String {
        var out: [String] = []
        let incidents = brief.incidents
        out.append("# Situation briefing: \(period(brief))")
        out.append("")
        out.append("Written \(TimeFormat.stamp(brief.writtenAt)) by sitmon.")
        out.append("")
        out.append("- **Moment:** " + moment(brief))
        out.append("- **Filters:** " + (brief.filters.isEmpty ? "none" : brief.filters.map(cell).joined(separator: "; ")))
        out.append("")
        out.append("![Map of the incidents](map.svg)")
        out.append("")
        out.append("![Incidents per day](timeline.svg)")
        out.append("")
        out.append("## Summary")
        out.append("")
        guard !incidents.isEmpty else {
            out.append("No incident in this window.")
            out.append("")
            out += watchSections(brief)
            return out.joined(separator: "\n")
        }
        let known = incidents.compactMap(\.fatalities)
        let unreported = incidents.count - known.count
        out.append("\(count(incidents.count, "incident")), \(known.reduce(0, +)) killed"
            + (unreported > 0 ? " (\(unreported) with no count reported)" : "") + ".")
        out.append("")
        out += table(title: "By actor", header: ["actor", "incidents", "killed"], rows: byActor(brief))
        out += table(title: "By event type", header: ["type", "incidents", "killed"], rows: byType(incidents))
        out += table(title: "Busiest places", header: ["place", "incidents", "killed"],
                     rows: Array(byPlace(incidents).prefix(busiestPlaces)))
        out += controlSection(brief)
        out += watchSections(brief)
        out.append("## Incidents")
        out.append("")
        let shown = incidents.prefix(Briefing.listed)
        out.append(shown.count < incidents.count
            ? "The newest \(shown.count) of \(incidents.count), newest first (all of them are in incidents.csv and incidents.jsonl)."
            : "All \(count(incidents.count, "incident")), newest first.")
        out.append("")
        out.append("| time (UTC) | place | actors | type | killed | summary | source |")
        out.append("|---|---|---|---|---|---|---|")
        for i in shown {
            out.append("| " + [
                TimeFormat.dateTime(i.time, hasClock: i.hasClockTime), i.place,
                BriefRecords.actorNames(i, registry: brief.registry).joined(separator: ", "), i.type.label,
                i.fatalities.map(String.init) ?? "?", i.summary, i.source,
            ].map(cell).joined(separator: " | ") + " |")
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    static func period(_ brief: Briefing) -> String {
        let first = brief.from ?? brief.incidents.last?.time
        let last = brief.through ?? brief.incidents.first?.time
        switch (first, last) {
        case let (a?, b?): return "\(TimeFormat.date(a)) to \(TimeFormat.date(b))"
        case let (nil, b?): return "to \(TimeFormat.date(b))"
        case let (a?, nil): return "from \(TimeFormat.date(a))"
        case (nil, nil): return "no incidents"
        }
    }

    static func moment(_ brief: Briefing) -> String {
        let start = brief.from.map { "from \(TimeFormat.stamp($0))" } ?? "from the first incident"
        let end = brief.through.map { (brief.replaying ? "to the replay moment " : "to ") + TimeFormat.stamp($0) }
            ?? "to the newest incident"
        return start + " " + end
    }

    static func byActor(_ brief: Briefing) -> [[String]] {
        var counts = [Int](repeating: 0, count: brief.registry.count)
        var dead = counts
        for incident in brief.incidents {
            for actor in Set(incident.actors) where Int(actor) < counts.count {
                counts[Int(actor)] += 1
                dead[Int(actor)] += incident.fatalities ?? 0
            }
        }
        return counts.indices.filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .map { [brief.registry.actors[$0].key, String(counts[$0]), String(dead[$0])] }
    }

    static func byType(_ incidents: [Incident]) -> [[String]] {
        tally(incidents) { $0.type.label.isEmpty ? "(none)" : $0.type.label }
    }

    static func byPlace(_ incidents: [Incident]) -> [[String]] {
        tally(incidents) { $0.place.isEmpty ? "(no place)" : $0.place }
    }

    /// Rows of name, count and dead, most incidents first, then by name.
    private static func tally(_ incidents: [Incident], _ key: (Incident) -> String) -> [[String]] {
        var totals: [String: (n: Int, dead: Int)] = [:]
        for incident in incidents {
            let k = key(incident)
            let t = totals[k] ?? (0, 0)
            totals[k] = (t.n + 1, t.dead + (incident.fatalities ?? 0))
        }
        return totals.sorted { $0.value.n != $1.value.n ? $0.value.n > $1.value.n : $0.key < $1.key }
            .map { [$0.key, String($0.value.n), String($0.value.dead)] }
    }

    private static func table(title: String, header: [String], rows: [[String]]) -> [String] {
        var out = ["## \(title)", "", "| " + header.joined(separator: " | ") + " |",
                   "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        out += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        out.append("")
        return out
    }

    /// HOOK (control layer, issue 15): written only when the control layer supplied changes.
    private static func controlSection(_ brief: Briefing) -> [String] {
        guard !brief.controlChanges.isEmpty else { return [] }
        return table(title: "Control changes in the period", header: ["date", "place", "from", "to", "source"],
                     rows: brief.controlChanges.map {
                         [TimeFormat.date($0.time), $0.place, $0.previous ?? "unknown", $0.holder, $0.source]
                     })
    }

    /// Alerts whose incident falls in the period, and the flagged incidents among those briefed
    /// with their notes: the watch's own record (ARCHITECTURE.md §9).
    private static func watchSections(_ brief: Briefing) -> [String] {
        var out: [String] = []
        let low = brief.from ?? .min
        let high = brief.through ?? .max
        let alerts = brief.watch.alerts.filter { $0.raised.incidentTime >= low && $0.raised.incidentTime <= high }
            .sorted { $0.raised.incidentTime > $1.raised.incidentTime }
        out.append("## Alerts")
        out.append("")
        if alerts.isEmpty {
            out.append("No alert was raised on an incident of this period.")
            out.append("")
        } else {
            let acknowledged = alerts.filter { $0.ack != nil }.count
            out.append("\(count(alerts.count, "alert")), \(acknowledged) acknowledged"
                + (alerts.count > listedAlerts ? "; the newest \(listedAlerts) listed." : "."))
            out.append("")
            out.append("| incident time | rule | place | summary | raised | acknowledged |")
            out.append("|---|---|---|---|---|---|")
            for a in alerts.prefix(listedAlerts) {
                let ack = a.ack.map { "by \($0.stamp.officer) \(TimeFormat.stamp($0.stamp.at))" + ($0.note.map { ": " + $0 } ?? "") } ?? "no"
                out.append("| " + [TimeFormat.stamp(a.raised.incidentTime), a.raised.key.rule, a.raised.place, a.raised.summary,
                                   "by \(a.stamp.officer) \(TimeFormat.stamp(a.stamp.at))", ack].map(cell).joined(separator: " | ") + " |")
            }
            out.append("")
        }
        let flagged = brief.incidents.filter { brief.watch.flagged[Briefing.ref($0)] != nil }
        out.append("## Flagged incidents")
        out.append("")
        if flagged.isEmpty {
            out.append("No incident of this briefing is flagged.")
            out.append("")
        }
        for incident in flagged {
            let ref = Briefing.ref(incident)
            let who = brief.watch.flagged[ref].map { " (flagged by \($0.officer) \(TimeFormat.stamp($0.at)))" } ?? ""
            out.append("- **\(cell(TimeFormat.dateTime(incident.time, hasClock: incident.hasClockTime))), \(cell(incident.place))**: "
                + cell(incident.summary) + who)
            for note in brief.watch.notes[ref] ?? [] {
                out.append("  - note by \(note.stamp.officer) \(TimeFormat.stamp(note.stamp.at)): \(cell(note.text))")
            }
        }
        if !flagged.isEmpty { out.append("") }
        return out
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Text made safe in a table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
