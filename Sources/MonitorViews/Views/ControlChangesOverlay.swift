import MonitorCore
import MonitorState

/// `O`: every change of hands, newest first: place, from, to, date and source; Enter opens the
/// incident that reported it (ARCHITECTURE.md §11).
public enum ControlChangesOverlay {
    public static func draw(_ state: AppState, cursor: Int, _ ctx: RenderContext, on canvas: inout Canvas) {
        let changes = state.store.control.changesNewestFirst()
        var rows: [[OverlayPanel.Part]] = []
        if changes.isEmpty {
            rows.append([.init(text: "No change of hands reported: an incident names one with \"control\", or ACLED's sub-event types.",
                               style: ctx.theme.style(.helpText))])
        }
        var scroll = 0
        for (n, item) in changes.enumerated() {
            let change = item.change
            let picked = n == cursor
            let from = item.before.map { $0.name(state.registry) } ?? "unknown"
            let head = "\(TimeFormat.date(change.time))  \(change.place): \(from) → \(change.holder.name(state.registry))"
            if picked { scroll = max(0, rows.count - max(1, canvas.height - 6) + 2) }
            var style = ControlLayer.holderStyle(change.holder, state, ctx)
            if picked { style = ctx.theme.style(.selection) }
            rows.append([.init(text: head, style: style)])
            let source = change.source.isEmpty ? "no source given" : change.source
            let gone = change.slot == nil ? " · incident no longer stored" : ""
            rows.append([.init(text: "\(source)" + (change.id.map { " · \($0)" } ?? "") + gone, style: ctx.theme.style(.dim), indent: 2)])
        }
        OverlayPanel.draw(title: "Control changes · \(changes.count)", footer: "Enter opens · Esc closes",
                          rows: rows, scroll: scroll, maxWidth: 100, ctx, on: &canvas)
    }
}
