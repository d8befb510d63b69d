import MonitorCore
import MonitorState

/// `y`: the event types in the store, each marked shown [x] or hidden [ ].
public enum TypePickerOverlay {
    public static func draw(_ state: AppState, cursor: Int, _ ctx: RenderContext, on canvas: inout Canvas) {
        var rows: [[OverlayPanel.Part]] = []
        for (index, type) in state.typeChoices.enumerated() {
            let shown = state.filter.types?.contains(type) ?? true
            let style = ctx.theme.style(index == cursor ? .selection : .helpText)
            rows.append([.init(text: (index == cursor ? "> " : "  ") + (shown ? "[x] " : "[ ] ") + type, style: style)])
        }
        if rows.isEmpty { rows.append([.init(text: "No incidents yet.", style: ctx.theme.style(.dim))]) }
        // Keep the cursor's row in view.
        let visible = max(1, canvas.height - 4)
        let scroll = max(0, cursor - visible + 1)
        OverlayPanel.draw(title: "Event types", footer: "Space toggles · a all · Esc closes", rows: rows,
                          scroll: scroll, maxWidth: 50, ctx, on: &canvas)
    }
}
