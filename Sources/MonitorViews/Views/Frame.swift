import MonitorCore

/// Draws a pane's border and title.
public enum Frame {
    public static func draw(_ rect: Rect, title: String, focused: Bool, theme: Theme, on canvas: inout Canvas) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let ascii = canvas.ascii
        let style = theme.style(focused ? .borderFocus : .border)
        let h: Character = ascii ? "-" : (focused ? "━" : "─")
        let v: Character = ascii ? "|" : (focused ? "┃" : "│")
        let corners: [Character] = ascii ? ["+", "+", "+", "+"] : (focused ? ["┏", "┓", "┗", "┛"] : ["┌", "┐", "└", "┘"])
        for x in rect.x..<rect.maxX {
            canvas.set(x: x, y: rect.y, h, style)
            canvas.set(x: x, y: rect.maxY - 1, h, style)
        }
        for y in rect.y..<rect.maxY {
            canvas.set(x: rect.x, y: y, v, style)
            canvas.set(x: rect.maxX - 1, y: y, v, style)
        }
        canvas.set(x: rect.x, y: rect.y, corners[0], style)
        canvas.set(x: rect.maxX - 1, y: rect.y, corners[1], style)
        canvas.set(x: rect.x, y: rect.maxY - 1, corners[2], style)
        canvas.set(x: rect.maxX - 1, y: rect.maxY - 1, corners[3], style)
        if rect.width > 4 {
            canvas.put(" \(title) ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2,
                       style: theme.style(focused ? .titleFocus : .title))
        }
    }
}
