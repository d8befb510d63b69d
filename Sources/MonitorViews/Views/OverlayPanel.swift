import MonitorCore

/// A centred, scrolling box drawn over the panes (help and detail share it).
package enum OverlayPanel {
    /// A piece of text at a column offset inside the box; a row holds one or more.
    package struct Part {
        package var text: String
        package var style: Style
        package var indent = 0
    }

    package static func draw(title: String, footer: String, rows: [[Part]], scroll: Int, maxWidth: Int,
                             _ ctx: RenderContext, on canvas: inout Canvas) {
        let width = min(canvas.width - 2, maxWidth)
        let height = min(canvas.height - 2, rows.count + 2)
        guard width > 20, height > 2 else { return }
        let rect = Rect(x: (canvas.width - width) / 2, y: max(0, (canvas.height - 1 - height) / 2), width: width, height: height)
        canvas.fill(rect, style: ctx.theme.style(.helpText))
        Frame.draw(rect, title: title, focused: true, theme: ctx.theme, on: &canvas)
        let inner = rect.inset(1)
        let top = max(0, min(scroll, rows.count - inner.height))
        for r in 0..<inner.height where top + r < rows.count {
            for part in rows[top + r] {
                canvas.put(part.text, x: inner.x + 1 + part.indent, y: inner.y + r,
                           maxWidth: max(0, inner.width - 2 - part.indent), style: part.style)
            }
        }
        var foot = " \(footer) "
        if rows.count > inner.height {
            foot = " \(top + 1)-\(min(rows.count, top + inner.height))/\(rows.count) j/k scroll ·" + foot
        }
        let footWidth = ctx.measure.columns(foot)
        if footWidth + 4 < rect.width {
            canvas.put(foot, x: rect.maxX - 2 - footWidth, y: rect.maxY - 1, style: ctx.theme.style(.borderFocus))
        }
    }
}
