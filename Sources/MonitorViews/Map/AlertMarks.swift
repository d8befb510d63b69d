import MonitorCore
import MonitorState

/// The map's mark of an incident with an alert not yet acknowledged (ARCHITECTURE.md §9): its
/// cell drawn in the alert colour, reversed, over whatever glyph the incidents there left, so the
/// eye finds it on a busy map. The newest `maxMarked` such alerts are marked.
package enum AlertMarks {
    package static let maxMarked = 200

    package static func draw(_ state: AppState, _ projection: Projection, _ ctx: RenderContext, _ inner: Rect,
                             _ canvas: inout Canvas) {
        guard state.watch.unacknowledged > 0 else { return }
        var style = ctx.theme.style(.statusAlert)
        style.attributes.formUnion([.reverse, .bold])
        var marked = 0
        for alert in state.watch.alerts.reversed() where alert.ack == nil {
            guard marked < maxMarked else { break }
            marked += 1
            guard let slot = state.slot(for: alert.raised.key.incident), let point = state.store.location(slot),
                  let cell = projection.cell(point) else { continue }
            canvas.setStyle(x: inner.x + cell.x, y: inner.y + cell.y, style)
        }
    }
}
