import MonitorCore
import MonitorState

/// In map focus, the incidents in the cursor's cell, newest first, in a small box at the top of
/// the map, above the cursor so it never hides what it describes. Enter puts them in the feed.
package enum CursorPanel {
    /// Most incidents listed; the rest are counted.
    package static let maxRows = 8
    package static let maxWidth = 76

    /// How many list rows fit above the cursor row, leaving one blank row before it, with the
    /// whole box (frame included) on at most a third of the map's rows: the map stays the map.
    package static func rows(inner: Rect, cursorRow: Int) -> Int { min(maxRows, cursorRow - 3, inner.height / 3 - 2) }

    package static func draw(_ slots: [AppState.Slot], total: Int, _ state: AppState, _ ctx: RenderContext, _ inner: Rect,
                             cursorRow: Int, _ canvas: inout Canvas) {
        var room = rows(inner: inner, cursorRow: cursorRow)
        guard total > 0, room >= 1, inner.width >= 24 else { return }
        // With the control layer on, who holds the places listed comes first (ARCHITECTURE.md §11).
        let held = holdings(slots, state, room: room - 1)
        room -= held.count
        let more = total > min(room, slots.count) ? 1 : 0
        let listed = min(slots.count, room - more)
        let box = Rect(x: inner.x, y: inner.y, width: min(inner.width, maxWidth), height: held.count + listed + more + 2)
        let style = ctx.theme.style(.helpText)
        canvas.fill(box, style: style)
        Frame.draw(box, title: "\(counted(total, "incident")) here", focused: false, theme: ctx.theme, on: &canvas)
        var body = box.inset(1)
        for (row, text) in held.enumerated() {
            canvas.put(text, x: body.x + 1, y: body.y + row, maxWidth: body.width - 1, style: ctx.theme.style(.helpKey))
        }
        body.y += held.count
        for (row, slot) in slots.prefix(listed).enumerated() {
            drawRow(state.store.incident(slot), state, ctx, Rect(x: body.x, y: body.y + row, width: body.width, height: 1), style, &canvas)
        }
        if more == 1 {
            let text = "\(total - listed) more · Enter lists all \(total) in the feed"
            canvas.put(text, x: body.x + 1, y: body.y + listed, maxWidth: body.width - 1, style: ctx.theme.style(.dim))
        } else {
            let hint = " Enter: feed "
            let width = ctx.measure.columns(hint)
            if width + 4 < box.width { canvas.put(hint, x: box.maxX - 2 - width, y: box.maxY - 1, style: ctx.theme.style(.border)) }
        }
    }

    /// The holdings of the distinct places listed (two at most, and never all the room).
    package static func holdings(_ slots: [AppState.Slot], _ state: AppState, room: Int) -> [String] {
        guard state.map.controlShown, !state.store.control.isEmpty, room > 0 else { return [] }
        var seen: Set<String> = []
        var lines: [String] = []
        for slot in slots where lines.count < min(2, room) {
            let place = state.store.text(state.store[slot].place)
            guard seen.insert(ControlHistory.key(place)).inserted, let text = ControlText.holding(place, state) else { continue }
            lines.append(text)
        }
        return lines
    }

    /// `2023-10-31 ▲  Kidal · CSP fighters occupy the camp…`
    package static func drawRow(_ incident: Incident, _ state: AppState, _ ctx: RenderContext, _ row: Rect, _ base: Style,
                                _ canvas: inout Canvas) {
        var x = row.x + 1
        var timeStyle = ctx.theme.style(.feedTime)
        timeStyle.bg = base.bg
        x += canvas.put(TimeFormat.date(incident.time), x: x, y: row.y, style: timeStyle) + 1
        for actor in incident.actors.prefix(3) {
            var style = ctx.theme.actor(actor)
            style.bg = base.bg
            canvas.set(x: x, y: row.y, ctx.glyph(state.registry[actor]), style)
            x += 1
        }
        x = max(x + 1, row.x + 1 + 11 + 4)
        let place = incident.place.isEmpty ? "" : incident.place + " · "
        let summary = incident.summary.isEmpty ? incident.type.label : incident.summary
        canvas.put(place + summary, x: x, y: row.y, maxWidth: row.maxX - x, style: base)
    }
}
