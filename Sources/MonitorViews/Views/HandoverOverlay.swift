import MonitorCore
import MonitorState

/// `W`, and at start when a handover note was written since the officer's last session: the
/// notes and their authors, then what happened meanwhile: unacknowledged alerts first, the other
/// alerts and who acknowledged them, new incidents by actor and type, notes and flags added,
/// sources gone silent.
public enum HandoverOverlay {
    public static func draw(_ state: AppState, scroll: Int, _ ctx: RenderContext, on canvas: inout Canvas) {
        let watch = state.watch
        let since = watch.handoverSummary?.since ?? watch.lastSession?.savedAt ?? state.startedAt ?? 0
        var rows: [[OverlayPanel.Part]] = []
        func heading(_ text: String) { rows.append([.init(text: text, style: ctx.theme.style(.helpKey))]) }
        func line(_ text: String, _ element: ThemeElement = .helpText) {
            rows.append([.init(text: text, style: ctx.theme.style(element), indent: 2)])
        }
        let notes = watch.handovers.filter { $0.stamp.at > since }
        heading(notes.isEmpty ? "No handover note since \(TimeFormat.stamp(since))" : "Handover")
        for note in notes.reversed() { line("\(note.stamp.officer), \(TimeFormat.stamp(note.stamp.at)): \(note.text)") }
        // The note before it still tells the shift's story.
        if notes.isEmpty, let last = watch.handovers.last {
            line("last one: \(last.stamp.officer), \(TimeFormat.stamp(last.stamp.at)): \(last.text)", .dim)
        }
        let alerts = watch.alerts.filter { $0.stamp.at > since }
        let open = alerts.filter { $0.ack == nil }, done = alerts.filter { $0.ack != nil }
        heading("Alerts since \(TimeFormat.stamp(since)): \(alerts.count), \(open.count) unacknowledged")
        for alert in open.reversed() {
            line("⚠ \(TimeFormat.stamp(alert.stamp.at)) \(alert.raised.key.rule) — \(alert.raised.place) — \(alert.raised.summary)", .statusAlert)
        }
        for alert in done.reversed() {
            let ack = alert.ack.map { " · acknowledged by \($0.stamp.officer) \(TimeFormat.stamp($0.stamp.at))" } ?? ""
            line("\(TimeFormat.stamp(alert.stamp.at)) \(alert.raised.key.rule) — \(alert.raised.place)\(ack)")
        }
        if let summary = watch.handoverSummary {
            heading("New incidents: \(summary.newIncidents)")
            if !summary.byActor.isEmpty { line("by actor: " + summary.byActor.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) }
            if !summary.byType.isEmpty { line("by type: " + summary.byType.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) }
            heading(summary.staleSources.isEmpty ? "Sources: none silent" : "Sources gone silent")
            for source in summary.staleSources { line(source, .statusWarning) }
        }
        var added: [(Int64, String)] = []
        for (ref, items) in watch.notes {
            for note in items where note.stamp.at > since {
                added.append((note.stamp.at, "note on \(ref.id): \(note.text) (\(note.stamp.officer))"))
            }
        }
        for (ref, stamp) in watch.flagged where stamp.at > since {
            added.append((stamp.at, "flag on \(ref.id) (\(stamp.officer))"))
        }
        heading("Notes and flags added: \(added.count)")
        for item in added.sorted(by: { $0.0 > $1.0 }) { line("\(TimeFormat.stamp(item.0)) \(item.1)") }
        OverlayPanel.draw(title: "Since your last session", footer: "W reopens · Esc closes", rows: rows, scroll: scroll,
                          maxWidth: 110, ctx, on: &canvas)
    }
}
