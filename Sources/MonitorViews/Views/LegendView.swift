import MonitorCore
import MonitorState

/// The actor legend: number (its toggle key), glyph in its colour, name, shown/total, and whether
/// the actor is hidden or how many of its incidents other filters hide.
public enum LegendView {
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let focused = state.focus == .legend
        let hiddenCount = state.hidden.count
        Frame.draw(rect, title: hiddenCount == 0 ? "Actors" : "Actors (\(hiddenCount) hidden)",
                   focused: focused, theme: ctx.theme, on: &canvas)
        let inner = rect.inset(1)
        guard inner.width > 4, inner.height > 0 else { return }
        let wide = inner.width >= 44
        // number, glyph and spaces take 4 columns; shown/total and state 14 on the right.
        let nameWidth = max(3, inner.width - 19)
        for (index, actor) in state.registry.actors.enumerated() where index < inner.height {
            let y = inner.y + index
            let id = ActorID(index)
            let isHidden = state.hidden.contains(id)
            var rowStyle = ctx.theme.style(isHidden ? .legendHidden : .text)
            if focused && index == state.legendCursor { rowStyle = ctx.theme.style(.selection) }
            canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: rowStyle)
            var x = inner.x
            x += canvas.put(index < 9 ? "\(index + 1)" : " ", x: x, y: y, style: rowStyle.adding(.bold))
            x += 1
            var glyphStyle = isHidden ? ctx.theme.style(.legendHidden) : ctx.theme.actor(id)
            if focused && index == state.legendCursor { glyphStyle.bg = rowStyle.bg }
            canvas.set(x: x, y: y, isHidden ? (ctx.ascii ? "." : "·") : ctx.glyph(actor), glyphStyle)
            x += 2
            let label = wide ? "\(actor.key) · \(actor.name)" : actor.key
            canvas.put(label, x: x, y: y, maxWidth: nameWidth, style: rowStyle)
            // Shown of total: how many of the actor's incidents the filters leave in the feed; when
            // other filters hide some of a shown actor's incidents, how many ("−180").
            let shown = index < state.shownCounts.count ? state.shownCounts[index] : 0
            let total = state.store.actorCounts[index]
            let count = "\(shown)/\(total)"
            let filtered = "−\(total - shown)"
            let word = isHidden ? " hidden" : total > shown
                ? String(repeating: " ", count: max(1, 7 - filtered.count)) + filtered : "  shown"
            let right = String(repeating: " ", count: max(0, 7 - count.count)) + count + word
            canvas.put(right, x: inner.maxX - right.count, y: y, style: rowStyle)
        }
    }
}
