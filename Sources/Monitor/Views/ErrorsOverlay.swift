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
        let kept = state.badLines.count < state.badLineCount ? " (newest \(state.badLines.count) kept)" : ""
        OverlayPanel.draw(title: "Skipped lines · \(state.badLineCount)\(kept)", footer: "Esc or e closes", rows: rows,
                          scroll: scroll, maxWidth: 110, ctx, on: &canvas)
    }
}
