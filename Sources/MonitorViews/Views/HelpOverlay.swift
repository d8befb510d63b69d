import MonitorCore
import MonitorState

/// The `?` overlay: every key, grouped by where it works, straight from the key table.
public enum HelpOverlay {
    package static func rows(keyMap: KeyMap, _ ctx: RenderContext) -> [[OverlayPanel.Part]] {
        var rows: [[OverlayPanel.Part]] = []
        var lastScope: KeyScope?
        for row in keyMap.helpRows() {
            if row.scope != lastScope {
                if lastScope != nil { rows.append([]) }
                rows.append([.init(text: row.scope.rawValue, style: ctx.theme.style(.header))])
                lastScope = row.scope
            }
            rows.append([
                .init(text: row.keys, style: ctx.theme.style(.helpKey), indent: 1),
                .init(text: row.help, style: ctx.theme.style(.helpText), indent: 18),
            ])
        }
        return rows
    }

    public static func draw(scroll: Int, keyMap: KeyMap, _ ctx: RenderContext, on canvas: inout Canvas) {
        OverlayPanel.draw(title: "Help · keys", footer: "Esc or ? closes", rows: rows(keyMap: keyMap, ctx),
                          scroll: scroll, maxWidth: 72, ctx, on: &canvas)
    }
}
