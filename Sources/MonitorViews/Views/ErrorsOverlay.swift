import MonitorCore
import MonitorState

/// `e`: every skipped line still kept, newest first, with file, line, reason and its start.
public enum ErrorsOverlay {
    public static func draw(_ state: AppState, scroll: Int, _ ctx: RenderContext, on canvas: inout Canvas) {
        var rows: [[OverlayPanel.Part]] = []
        if state.badLines.isEmpty {
            rows.append([.init(text: "No lines skipped.", style: ctx.theme.style(.helpText))])
        }
        for bad in state.badLines.reversed() {
            rows.append([
                .init(text: "\(bad.origin.file):\(bad.origin.line)", style: ctx.theme.style(.helpKey)),
            ])
            rows.append([.init(text: bad.reason, style: ctx.theme.style(.helpText), indent: 2)])
            if !bad.excerpt.isEmpty {
                rows.append([.init(text: bad.excerpt, style: ctx.theme.style(.dim), indent: 2)])
            }
        }
        // What the sources withdrew disappeared from every pane: it is listed here, newest first.
        if state.retractedCount > 0 {
            rows.append([])
            let kept = state.retracted.count < state.retractedCount ? " (newest \(state.retracted.count) kept)" : ""
            rows.append([.init(text: "Retracted · \(state.retractedCount)\(kept)", style: ctx.theme.style(.helpKey))])
            for gone in state.retracted.reversed() {
                rows.append([.init(text: "\(TimeFormat.clock(gone.at)) UTC  \(gone.id)  \(gone.file)", style: ctx.theme.style(.helpKey), indent: 2)])
                let place = gone.place.isEmpty ? "(no place)" : gone.place
                rows.append([.init(text: "\(TimeFormat.date(gone.time)) \(place): \(gone.summary)", style: ctx.theme.style(.helpText), indent: 4)])
            }
        }
        let kept = state.badLines.count < state.badLineCount ? " (newest \(state.badLines.count) kept)" : ""
        let title = "Skipped lines · \(state.badLineCount)\(kept)" + (state.retractedCount > 0 ? " · retracted · \(state.retractedCount)" : "")
        OverlayPanel.draw(title: title, footer: "Esc or e closes", rows: rows,
                          scroll: scroll, maxWidth: 110, ctx, on: &canvas)
    }
}
