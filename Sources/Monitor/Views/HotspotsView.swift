/// Wide terminals: the places with the most incidents among those shown, with the latest date
/// and the actor most often involved there. Answers "where is it happening" at a glance.
public enum HotspotsView {
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        guard rect.height >= 3, rect.width > 20 else { return }
        Frame.draw(rect, title: "Hotspots · places with most incidents shown", focused: false, theme: ctx.theme, on: &canvas)
        let inner = rect.inset(1)
        struct Tally { var count = 0; var latest: Int64 = .min; var killed = 0; var actors = [Int](repeating: 0, count: 16) }
        var tallies: [UInt32: Tally] = [:]
        for slot in state.feed {
            let r = state.store[slot]
            guard r.place != 0 else { continue }
            var t = tallies[r.place] ?? Tally()
            t.count += 1
            t.latest = max(t.latest, r.time)
            t.killed += Int(r.fatalities)
            t.actors[Int(state.leadActor(r.actors) & 0xF)] += 1
            tallies[r.place] = t
        }
        let top = tallies.sorted { ($0.value.count, $0.value.latest) > ($1.value.count, $1.value.latest) }.prefix(inner.height)
        if top.isEmpty {
            canvas.put("No located incidents shown.", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: ctx.theme.style(.dim))
            return
        }
        for (row, entry) in top.enumerated() {
            let y = inner.y + row
            let t = entry.value
            let lead = t.actors.indices.max { t.actors[$0] < t.actors[$1] } ?? 0
            var x = inner.x + 1
            canvas.put(String(repeating: " ", count: max(0, 5 - String(t.count).count)) + String(t.count), x: x, y: y, style: ctx.theme.style(.text).adding(.bold))
            x += 6
            canvas.set(x: x, y: y, ctx.glyph(state.registry[ActorID(lead)]), ctx.theme.actor(ActorID(lead)))
            x += 2
            x += canvas.put(state.store.text(entry.key), x: x, y: y, maxWidth: 20, style: ctx.theme.style(.feedPlace))
            x = max(x + 1, inner.x + 30)
            canvas.put("last \(TimeFormat.date(t.latest))", x: x, y: y, maxWidth: inner.maxX - x, style: ctx.theme.style(.feedTime))
            x += 17
            if t.killed > 0, x < inner.maxX - 4 {
                canvas.put("\(ctx.ascii ? "x" : "†")\(t.killed)", x: x, y: y, maxWidth: inner.maxX - x, style: ctx.theme.style(.fatalities))
            }
        }
    }
}
