import MonitorCore
import MonitorState

/// `s`: each source with its state, what happened to it, and its counts.
public enum SourcesOverlay {
    public static func draw(_ state: AppState, scroll: Int, _ ctx: RenderContext, on canvas: inout Canvas) {
        var rows: [[OverlayPanel.Part]] = []
        // What the status line can only abbreviate ("2 notices (s)") is said here in full.
        for notice in StatusLineView.notices(state) {
            rows.append([.init(text: notice, style: ctx.theme.style(.statusAlert))])
        }
        for source in state.sources {
            rows.append([.init(text: source.name, style: ctx.theme.style(.helpKey))])
            rows.append([.init(text: StatusLineView.describe(source), style: ctx.theme.style(.helpText), indent: 2)])
            if let quiet = state.silence(of: source) {
                rows.append([.init(text: "no data for \(AgeText.span(quiet)) (stale after \(AgeText.span(state.staleAfter ?? 0)))",
                                   style: ctx.theme.style(.statusWarning), indent: 2)])
            } else if let last = source.lastDataAt {
                rows.append([.init(text: "last data \(AgeText.span(state.now - last)) ago (\(TimeFormat.clock(last)) UTC)",
                                   style: ctx.theme.style(.helpText), indent: 2)])
            } else {
                rows.append([.init(text: "no data yet", style: ctx.theme.style(.helpText), indent: 2)])
            }
            rows.append([.init(text: "\(source.linesRead) lines read · \(counted(source.incidents, "incident")) · \(source.badLines) bad",
                               style: ctx.theme.style(.helpText), indent: 2)])
        }
        if state.store.evicted > 0 {
            rows.append([.init(text: "\(state.store.evicted) oldest incidents dropped to stay within \(state.store.capacity)",
                               style: ctx.theme.style(.statusAlert))])
        }
        if state.store.revisions > 0 || state.store.retractions > 0 {
            rows.append([.init(text: "\(state.store.revisions) revised, \(state.store.retractions) retracted",
                               style: ctx.theme.style(.helpText))])
        }
        OverlayPanel.draw(title: "Sources · \(state.sources.count)", footer: "Esc or s closes", rows: rows,
                          scroll: scroll, maxWidth: 100, ctx, on: &canvas)
    }
}
