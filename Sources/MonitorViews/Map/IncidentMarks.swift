import MonitorCore
import MonitorState

/// Draws one mark per cell holding incidents: the lead actor's glyph, or ✱ when several actors
/// lead incidents there. Weight tells density; an underline, recency; the `map_incident_approx`
/// style, a cell whose incidents all sit at a region's centre (their place is not known closer).
package enum IncidentMarks {
    /// A cell with at least this many incidents is bold; with `solid` or more, a solid block.
    package static let dense = 3
    package static let solid = 10
    /// Incidents within this many seconds of the newest one in the store count as recent.
    package static let recentWindow: Int64 = 24 * 3600

    package static func draw(_ cells: IncidentCells, _ state: AppState, _ ctx: RenderContext, _ inner: Rect,
                             _ canvas: inout Canvas, _ occupancy: inout MapOccupancy) {
        let recentFrom = newestTime(state).map { $0 - recentWindow } ?? .max
        for index in cells.filled {
            let x = index % cells.columns, y = index / cells.columns
            let glyph: Character
            let base: Style
            if let actor = cells.soleActor(index: index), Int(actor) < state.registry.count {
                glyph = ctx.glyph(state.registry[actor])
                base = ctx.theme.actor(actor)
            } else {
                glyph = ctx.ascii ? "*" : "✱"
                base = ctx.theme.style(.text)
            }
            var style = markStyle(base, count: Int(cells.counts[index]), recent: cells.newest[index] >= recentFrom)
            if cells.isApproximate(index: index) { style = approximate(style, ctx.theme.style(.mapIncidentApprox)) }
            canvas.set(x: inner.x + x, y: inner.y + y, glyph, style)
            occupancy.insert(.mark, x: x, y: y)
        }
    }

    /// The theme's colour with the weight set here: plain for one or two incidents, bold from
    /// `dense`, reversed (a solid block of the colour) from `solid`; recent cells are also bold and
    /// underlined. Attributes only, so it reads the same in the colourless theme. Old marks are
    /// not dimmed: most of a long scenario is old, and faint marks vanish on a dark map.
    package static func markStyle(_ base: Style, count: Int, recent: Bool) -> Style {
        var style = base
        style.attributes.subtract([.bold, .dim, .underline, .reverse])
        if count >= dense { style.attributes.insert(.bold) }
        if count >= solid { style.attributes.insert(.reverse) }
        if recent { style.attributes.formUnion([.bold, .underline]) }
        return style
    }

    /// A mark at a region's centre: the theme's colour for it (unless `default`, which keeps the
    /// actor's) and its attributes; not bold, which would undo the dimming.
    package static func approximate(_ mark: Style, _ element: Style) -> Style {
        var style = mark
        if element.fg != .terminalDefault { style.fg = element.fg }
        if element.bg != .terminalDefault { style.bg = element.bg }
        style.attributes.remove(.bold)
        style.attributes.formUnion(element.attributes)
        return style
    }

    /// Time of the newest incident in the store: "recent" is measured from the data, not the
    /// wall clock, so a replayed scenario reads the same as a live feed.
    package static func newestTime(_ state: AppState) -> Int64? {
        state.store.timeOrder.last.map { state.store.records[Int($0)].time }
    }
}
