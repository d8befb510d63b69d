import MonitorCore
import MonitorState

/// `A`: the alerts, newest first: rule, incident, when raised, and who acknowledged it and when.
/// Unacknowledged ones stand out; `a` acknowledges the highlighted one, Enter opens its incident.
public enum AlertsOverlay {
    public static func draw(_ state: AppState, cursor: Int, _ ctx: RenderContext, on canvas: inout Canvas) {
        let alerts = state.watch.alerts
        var rows: [[OverlayPanel.Part]] = []
        if alerts.isEmpty {
            let rules = state.watch.zones.isEmpty ? "no zones or alert rules are set (config.toml: [[zone]], [[alert]])"
                : "none raised yet"
            rows.append([.init(text: "No alerts: " + rules + ".", style: ctx.theme.style(.helpText))])
        }
        var scroll = 0
        // Only the rows near the cursor are written out: thousands of alerts must not cost a
        // frame their text (the others are empty rows, so scrolling and the footer still count them).
        let visible = max(1, canvas.height - 4)
        let near = max(0, cursor - visible)...(cursor + visible)
        for n in 0..<alerts.count {
            guard near.contains(n) else {
                rows.append([])
                rows.append([])
                continue
            }
            let alert = alerts[alerts.count - 1 - n]
            let picked = n == cursor
            let mark = alert.ack == nil ? (ctx.ascii ? "! " : "⚠ ") : (ctx.ascii ? "  " : "✓ ")
            let style = ctx.theme.style(picked ? .selection : alert.ack == nil ? .statusAlert : .helpText)
            let head = "\(mark)\(TimeFormat.stamp(alert.stamp.at)) \(alert.raised.key.rule) — \(alert.raised.place.isEmpty ? "(no place)" : alert.raised.place) — \(alert.raised.summary)"
            if picked { scroll = max(0, rows.count - max(1, canvas.height - 6) + 2) }
            rows.append([.init(text: head, style: style)])
            let who = alert.ack.map { "acknowledged by \($0.officer) \(TimeFormat.stamp($0.stamp.at))" + ($0.note.map { ": \($0)" } ?? "") }
                ?? "not acknowledged"
            rows.append([.init(text: "incident \(TimeFormat.date(alert.raised.incidentTime)) · \(alert.raised.key.incident.id) · raised by \(alert.stamp.officer)'s sitmon · \(who)",
                               style: ctx.theme.style(.dim), indent: 2)])
        }
        let open = state.watch.unacknowledged
        OverlayPanel.draw(title: "Alerts · \(alerts.count) · \(open) unacknowledged",
                          footer: "a acknowledges · Enter opens · Esc closes", rows: rows, scroll: scroll, maxWidth: 120, ctx, on: &canvas)
    }
}

private extension AckItem {
    var officer: String { stamp.officer }
}
