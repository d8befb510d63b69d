import MonitorCore
import MonitorState

/// Wide terminals, under the legend: the places with the most incidents the feed shows (a town
/// once, under the gazetteer's name, however it is spelled), with the actor leading most of them,
/// the latest date and the dead. Answers "where is it happening" at a glance.
public enum HotspotsView {
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        guard rect.height >= 3, rect.width > 20 else { return }
        Frame.draw(rect, title: "Hotspots · places with most incidents shown", focused: false, theme: ctx.theme, on: &canvas)
        let inner = rect.inset(1)
        let top = state.hotspots.top(inner.height)
        if top.isEmpty {
            canvas.put("No incident with a place shown.", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: ctx.theme.style(.dim))
            return
        }
        for (row, entry) in top.enumerated() {
            let y = inner.y + row
            let t = entry
            let lead = t.lead
            var x = inner.x + 1
            canvas.put(String(repeating: " ", count: max(0, 5 - String(t.count).count)) + String(t.count), x: x, y: y, style: ctx.theme.style(.text).adding(.bold))
            x += 6
            canvas.set(x: x, y: y, ctx.glyph(state.registry[ActorID(lead)]), ctx.theme.actor(ActorID(lead)))
            x += 2
            x += canvas.put(state.hotspotName(entry.place), x: x, y: y, maxWidth: 20, style: ctx.theme.style(.feedPlace))
            x = max(x + 1, inner.x + 30)
            canvas.put("last \(TimeFormat.date(t.latest))", x: x, y: y, maxWidth: inner.maxX - x, style: ctx.theme.style(.feedTime))
            x += 17
            if t.killed > 0, x < inner.maxX - 4 {
                canvas.put("\(ctx.ascii ? "x" : "†")\(t.killed)", x: x, y: y, maxWidth: inner.maxX - x, style: ctx.theme.style(.fatalities))
            }
        }
    }
}
