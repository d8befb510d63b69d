import MonitorCore
import MonitorState

/// The map pane: base map, watch zones' outlines, incidents on top, towns and names where there
/// is room, a scale bar; in map focus, the cursor and the incidents under it. Layers are drawn in
/// that order and each records what it put where (`MapOccupancy`), so later ones never cover
/// earlier ones.
public enum MapView {
    /// `zones` are drawn when `showZones` (the watch's zones; ARCHITECTURE.md §9).
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas,
                            zones: [Zone] = [], showZones: Bool = true) {
        let inner = rect.inset(1)
        let focused = state.focus == .map
        let ladder = MapViewport.ladder(columns: inner.width, rows: inner.height)
        Frame.draw(rect, title: title(state, ladder, focused: focused, width: rect.width), focused: focused,
                   theme: ctx.theme, on: &canvas)
        guard inner.width > 2, inner.height > 2 else { return }
        let projection = MapViewport.projection(state.map, columns: inner.width, rows: inner.height)
        var occupancy = MapOccupancy(columns: inner.width, rows: inner.height)
        let cursor = focused ? MapCursor.cell(projection) : nil
        if let cursor { occupancy.insert(.cursor, x: cursor.x, y: cursor.y) }

        let shownZones = showZones ? zones : []
        BaseLayer.draw(projection, ctx, inner, &canvas, &occupancy)
        ZoneOutlines.drawOutlines(shownZones, projection, ctx, inner, &canvas, &occupancy)
        let cells = IncidentCells(state, projection)
        IncidentMarks.draw(cells, state, ctx, inner, &canvas, &occupancy)
        AlertMarks.draw(state, projection, ctx, inner, &canvas)
        if state.map.controlShown {
            ControlLayer.draw(state, projection, ctx, inner, &canvas, &occupancy)
            TownLabels.draw(projection, ctx, inner, &canvas, &occupancy) { !ControlLayer.isHeld($0.name, state) }
        } else {
            TownLabels.draw(projection, ctx, inner, &canvas, &occupancy)
        }
        PlaceNames.draw(projection, ctx, inner, &canvas, &occupancy)
        ZoneOutlines.drawNames(shownZones, projection, ctx, inner, &canvas, &occupancy)
        let selected = selectedCell(state, projection)
        if let cursor {
            if selected.map({ $0.x != cursor.x || $0.y != cursor.y }) ?? true {
                canvas.setStyle(x: inner.x + cursor.x, y: inner.y + cursor.y, ctx.theme.style(.selection))
            }
            drawCursorTicks(rect, cursor: (cursor.x, cursor.y), ctx, &canvas)
        }
        // The incident selected in the feed stands out in every focus.
        if let selected { canvas.setStyle(x: inner.x + selected.x, y: inner.y + selected.y, ctx.theme.style(.mapSelected)) }
        if let cursor {
            let total = cells.count(x: cursor.x, y: cursor.y)
            let newest = IncidentCells.newest(in: (cursor.x, cursor.y), of: state, projection, keep: CursorPanel.maxRows, total: total)
            CursorPanel.draw(newest, total: total, state, ctx, inner,
                             cursorRow: cursor.y, &canvas)
        }
        ScaleBar.draw(projection, ctx, rect, &canvas)
    }

    /// "Map · northern Mali", the scale's name when zoomed, a restriction, and in focus the keys.
    package static func title(_ state: AppState, _ ladder: ZoomLadder, focused: Bool, width: Int) -> String {
        var title = "Map · " + ladder[state.map.zoom].name
        if state.map.restriction != nil { title += " · feed: 1 cell" }
        if state.map.controlShown { title += " · control" }
        let hint = " · hjkl pan · +/- zoom · Enter lists"
        if focused, title.count + hint.count + 4 <= width { title += hint }
        return title
    }

    /// The cell of the incident selected in the feed, when it is located and on the map.
    package static func selectedCell(_ state: AppState, _ projection: Projection) -> (x: Int, y: Int)? {
        guard let slot = state.selectedSlot, let point = state.store.location(slot) else { return nil }
        return projection.cell(point)
    }

    /// Small arrows on the frame pointing at the cursor's row and column, like a crosshair.
    package static func drawCursorTicks(_ rect: Rect, cursor: (x: Int, y: Int), _ ctx: RenderContext, _ canvas: inout Canvas) {
        let style = ctx.theme.style(.borderFocus)
        let x = rect.x + 1 + cursor.x, y = rect.y + 1 + cursor.y
        let ticks: [(x: Int, y: Int, glyph: Character, ascii: Character)] = [
            (x, rect.y, "▼", "v"), (x, rect.maxY - 1, "▲", "^"), (rect.x, y, "▶", ">"), (rect.maxX - 1, y, "◀", "<"),
        ]
        for tick in ticks where isBorder(canvas[tick.x, tick.y].glyph) {
            canvas.set(x: tick.x, y: tick.y, ctx.ascii ? tick.ascii : tick.glyph, style)
        }
    }

    /// Ticks go only on plain border, never over the title or the scale bar.
    package static func isBorder(_ glyph: Character) -> Bool { "─━│┃-|".contains(glyph) }
}
