import MonitorCore
import MonitorState

/// The compact layout's legend: one row of number, glyph and count (shown/total when filtered) per actor; hidden actors dim.
public enum LegendStripView {
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        guard rect.width > 0, rect.height > 0 else { return }
        canvas.fill(rect, style: ctx.theme.style(.text))
        var x = rect.x
        for (index, actor) in state.registry.actors.enumerated() {
            let id = ActorID(index)
            let hidden = state.hidden.contains(id)
            // Shown of total only when filters leave some out: the strip has little room.
            let total = state.store.actorCounts[index]
            let shown = index < state.shownCounts.count ? state.shownCounts[index] : total
            let count = shown == total ? String(total) : "\(shown)/\(total)"
            guard x + 3 + count.count <= rect.maxX else { break }
            let text = ctx.theme.style(hidden ? .legendHidden : .dim)
            x += canvas.put("\(index + 1)", x: x, y: rect.y, style: text)
            canvas.set(x: x, y: rect.y, hidden ? (ctx.ascii ? "." : "·") : ctx.glyph(actor),
                       hidden ? ctx.theme.style(.legendHidden) : ctx.theme.actor(id))
            x += 1
            x += canvas.put(count, x: x, y: rect.y, style: ctx.theme.style(hidden ? .legendHidden : .text))
            x += 1
        }
    }
}
