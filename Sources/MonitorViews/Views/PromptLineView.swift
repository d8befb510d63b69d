import MonitorCore
import MonitorState

/// The prompts, drawn over the status line while open: `/` with the query as typed and, for a
/// bad `re:`, why it is not used; `F` with the number as typed.
public enum PromptLineView {
    public static func draw(_ prompt: TextPrompt, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let hint = " " + (prompt.error ?? (prompt.waitsForEnter
            ? "Enter applies the expression (a big store is not searched as you type) · Esc cancels"
            : "Enter keeps · Esc cancels · Ctrl-U clears"))
        line("/" + prompt.text, hint: hint, alert: prompt.error != nil, ctx, rect, &canvas)
    }

    /// The `F` prompt: "at least N killed", the number as typed.
    public static func draw(_ prompt: NumberPrompt, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let hint = prompt.error.map { " killed · " + $0 } ?? " killed · Enter applies (empty: no minimum) · Esc cancels"
        line("at least " + prompt.digits, hint: hint, alert: prompt.error != nil, ctx, rect, &canvas)
    }

    /// The command line and the one-line questions (an acknowledgement's note, a zone's name).
    public static func draw(_ prompt: LinePrompt, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let hint: String
        switch prompt.purpose {
        case .command: hint = prompt.message ?? "Enter runs · Tab completes · Esc cancels · ? lists the commands"
        case .acknowledge: hint = prompt.message ?? "Enter acknowledges (empty: no note) · Esc cancels"
        case .zone: hint = prompt.message ?? "Enter adds it (radius default 25 km) · Esc cancels"
        }
        line(prompt.label + prompt.text, hint: " " + hint, alert: prompt.message != nil, ctx, rect, &canvas)
    }

    /// What is typed, a cursor block where the next character goes, then the hint.
    private static func line(_ typed: String, hint: String, alert: Bool, _ ctx: RenderContext, _ rect: Rect,
                             _ canvas: inout Canvas) {
        let style = ctx.theme.style(.status)
        canvas.fill(rect, style: style)
        var x = rect.x
        x += canvas.put(typed, x: x, y: rect.y, maxWidth: rect.width, style: style)
        if x < rect.maxX { canvas.set(x: x, y: rect.y, ctx.ascii ? "_" : "▏", style.adding(.bold)) }
        x += 1
        if x < rect.maxX {
            canvas.put(hint, x: x, y: rect.y, maxWidth: rect.maxX - x, style: ctx.theme.style(alert ? .statusAlert : .status))
        }
    }
}
