import MonitorCore
import MonitorState

/// A scale bar and a north arrow on the map's bottom border: the longest round distance that
/// fits in a few columns.
package enum ScaleBar {
    package static let distances: [Double] = [2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]

    package static func draw(_ projection: Projection, _ ctx: RenderContext, _ rect: Rect, _ canvas: inout Canvas) {
        guard let label = text(projection, ctx, maxColumns: max(4, rect.width / 6)) else { return }
        let width = ctx.measure.columns(label)
        guard width + 4 < rect.width else { return }
        canvas.put(label, x: rect.maxX - 2 - width, y: rect.maxY - 1, style: ctx.theme.style(.dim))
    }

    /// ` ├────┤ 100 km  N↑ `
    package static func text(_ projection: Projection, _ ctx: RenderContext, maxColumns: Int) -> String? {
        let perColumn = projection.kmPerColumn
        guard perColumn > 0, let km = distances.last(where: { $0 / perColumn <= Double(maxColumns) }) else { return nil }
        let columns = max(2, Int((km / perColumn).rounded()))
        let bar = ctx.ascii
            ? "|" + String(repeating: "-", count: columns - 1) + "|"
            : "├" + String(repeating: "─", count: columns - 1) + "┤"
        return " \(bar) \(Int(km)) km  \(ctx.ascii ? "N^" : "N↑") "
    }
}
