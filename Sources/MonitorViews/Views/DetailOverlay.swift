import MonitorCore
import MonitorState
import Foundation

/// Enter on an incident: every field, where it came from, wrapped to the box.
public enum DetailOverlay {
    public static func draw(_ state: AppState, seq: Int, scroll: Int, pick: Int = -1, _ ctx: RenderContext, on canvas: inout Canvas) {
        guard seq >= 0, seq < state.store.records.count, state.store.records[seq].isLive else { return }
        let incident = state.store.incident(IncidentStore.Slot(seq))
        let width = min(canvas.width - 2, 90)
        let valueWidth = max(10, width - 4 - 13)
        var rows: [[OverlayPanel.Part]] = []
        func field(_ name: String, _ value: String) {
            let wrapped = TextWrap.lines(value.isEmpty ? "—" : value, width: valueWidth, measure: ctx.measure)
            for (i, part) in wrapped.enumerated() {
                var row: [OverlayPanel.Part] = []
                if i == 0 { row.append(.init(text: name, style: ctx.theme.style(.helpKey))) }
                row.append(.init(text: part, style: ctx.theme.style(.helpText), indent: 13))
                rows.append(row)
            }
        }
        field("Time", TimeFormat.long(incident.time, hasClock: incident.hasClockTime))
        if let precision = incident.precision, let date = PrecisionText.date(precision) { field("Date", date) }
        if let arrival = state.store.arrivals[IncidentStore.Slot(seq)] {
            // The delay is measured against the newest incident stored when it came: the data's own clock.
            field("Late", "reported \(AgeText.span(arrival.delay)) after the event; arrived \(TimeFormat.clock(arrival.at)) UTC")
        }
        var place = incident.place.isEmpty ? "(not given)" : incident.place
        if let location = incident.location {
            place += String(format: "  (%.4f, %.4f)", location.lat, location.lon)
            if incident.locatedByGazetteer { place += " from the gazetteer" }
        } else {
            place += "  (unlocated: not on the map)"
        }
        field("Place", place)
        // Who holds the place as of the replay moment, and whether this incident changed it (ARCHITECTURE.md §11).
        if let held = ControlText.holding(incident.place, state) {
            field("Held", held + (ControlText.reportedBy(incident.place, state).map { "; " + $0 } ?? ""))
        }
        if let holder = incident.control {
            field("Control", "reports \(incident.place.isEmpty ? "its place" : incident.place) passing to \(holder.name(state.registry))")
        }
        if let precision = incident.precision, let location = PrecisionText.location(precision) { field("Location", location) }
        field("Actors", actorsText(incident, state.registry, ascii: ctx.ascii))
        field("Type", incident.type.label)
        field("Fatalities", incident.fatalities.map { String($0) } ?? "not reported")
        field("Summary", incident.summary)
        field("Source", incident.source)
        field("From", "\(incident.origin.file), line \(incident.origin.line)")
        field("ID", incident.id ?? "")
        if incident.revision > 0 {
            field("Revised", "\(incident.revision) time\(incident.revision == 1 ? "" : "s") (a later line had the same id); earlier versions, newest first:")
            let versions = state.store.earlierVersions(IncidentStore.Slot(seq))
            let first = incident.revision - versions.count
            for (n, old) in versions.enumerated().reversed() {
                field("  v\(first + n + 1)", version(old))
            }
            if first > 0 { field("", "\(first) older version\(first == 1 ? "" : "s") not kept") }
        }
        // What officers recorded on it, with who and when (ARCHITECTURE.md §9).
        let ref = state.ref(IncidentStore.Slot(seq))
        if let flag = state.watch.flagged[ref] { field("Flagged", "by \(flag.officer) \(TimeFormat.stamp(flag.at))") }
        for alert in state.watch.alerts where alert.raised.key.incident == ref {
            var text = "\(alert.raised.key.rule) · raised \(TimeFormat.stamp(alert.stamp.at)) by \(alert.stamp.officer)'s sitmon · "
            if let ack = alert.ack {
                text += "acknowledged by \(ack.stamp.officer) \(TimeFormat.stamp(ack.stamp.at))" + (ack.note.map { ": \($0)" } ?? "")
            } else {
                text += "not acknowledged (a)"
            }
            field("Alert", text)
        }
        for note in state.watch.notes[ref] ?? [] {
            field("Note", "\(note.text) (\(note.stamp.officer), \(TimeFormat.stamp(note.stamp.at)))")
        }
        let near = state.nearby(IncidentStore.Slot(seq))
        field("Nearby", near.isEmpty ? "nothing else within 25 km and 3 days" : "\(near.count) within 25 km and 3 days (n/p pick, Enter opens):")
        var scroll = scroll
        for (i, item) in near.enumerated() {
            let other = state.store.incident(item.slot)
            let text = "\(TimeFormat.date(other.time)) \(other.place) (\(Int(item.km.rounded())) km) \(other.summary)"
            let picked = i == pick
            if picked {
                // Scrolled so the highlighted row is in the box.
                let visible = max(1, min(canvas.height - 2, 2 + rows.count + near.count) - 2)
                scroll = max(scroll, rows.count - visible + 1)
            }
            rows.append([.init(text: (picked ? (ctx.ascii ? "> " : "▸ ") : "  ") + text, style: ctx.theme.style(picked ? .selection : .helpText), indent: 11)])
        }
        OverlayPanel.draw(title: "Incident detail", footer: "Esc closes", rows: rows, scroll: scroll, maxWidth: 90, ctx, on: &canvas)
    }

    /// `v`: the incident's line as the file holds it (sanitised), wrapped to the box column by
    /// column so nothing of it is lost, under its file name and line number.
    public static func drawSourceLine(_ state: AppState, _ view: SourceLineView, _ ctx: RenderContext, on canvas: inout Canvas) {
        guard view.seq >= 0, view.seq < state.store.records.count, state.store.records[view.seq].isLive else { return }
        let origin = state.store.incident(IncidentStore.Slot(view.seq)).origin
        let width = max(10, min(canvas.width - 2, 90) - 4)
        var rows: [[OverlayPanel.Part]] = [[.init(text: "\(origin.file), line \(origin.line)", style: ctx.theme.style(.helpKey))], []]
        let text: String
        switch view.content {
        case .reading: text = "reading…"
        case .unavailable(let reason): text = "Not shown: \(reason)."
        case .line(let line, let cut):
            text = line
            if cut { rows.insert([.init(text: "(the first \(SourceLineContent.readLimit >> 10) KiB of a longer line)", style: ctx.theme.style(.dim))], at: 1) }
        }
        for part in hardWrap(text, width: width, ctx.measure) {
            rows.append([.init(text: part, style: ctx.theme.style(.helpText))])
        }
        OverlayPanel.draw(title: "Incident detail · source line", footer: "v or Esc: back", rows: rows, scroll: view.scroll,
                          maxWidth: 90, ctx, on: &canvas)
    }

    /// Cuts text into rows of at most `width` columns, keeping every character and space.
    package static func hardWrap(_ text: String, width: Int, _ measure: DisplayWidth) -> [String] {
        var rows: [String] = []
        var row = ""
        var used = 0
        for ch in text {
            let w = max(0, measure.columns(ch))
            if used + w > width, !row.isEmpty {
                rows.append(row)
                row = ""
                used = 0
            }
            row.append(ch)
            used += w
        }
        if !row.isEmpty || rows.isEmpty { rows.append(row) }
        return rows
    }

    /// Each actor name as the source wrote it, then the legend actor it counts under
    /// ("Katiba Macina → JNIM; FAMA"); just the keys when every name was written as its key.
    package static func actorsText(_ incident: Incident, _ registry: ActorRegistry, ascii: Bool) -> String {
        func key(_ id: ActorID) -> String { Int(id) < registry.count ? registry[id].key : registry[registry.otherID].key }
        if incident.writtenActors.isEmpty { return incident.actors.map(key).joined(separator: "; ") }
        return incident.writtenActors.map { written in
            let key = key(written.actor)
            return written.name == key ? key : written.name + (ascii ? " -> " : " → ") + key
        }.joined(separator: "; ")
    }

    /// One earlier version on a line: where it came from and what it said.
    package static func version(_ old: Incident) -> String {
        var parts = ["\(old.origin.file) line \(old.origin.line)", TimeFormat.date(old.time)]
        if !old.place.isEmpty { parts.append(old.place) }
        parts.append(old.fatalities.map { "\($0) killed" } ?? "fatalities not reported")
        parts.append(old.summary)
        return parts.joined(separator: " · ")
    }
}
