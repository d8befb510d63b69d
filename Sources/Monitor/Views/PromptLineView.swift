/// The `/` prompt, drawn over the status line while it is open: the query as typed and, for a
/// bad `re:`, why it is not used.
public enum PromptLineView {
    public static func draw(_ prompt: TextPrompt, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let style = ctx.theme.style(.status)
        canvas.fill(rect, style: style)
        var x = rect.x
        x += canvas.put("/" + prompt.text, x: x, y: rect.y, maxWidth: rect.width, style: style)
        // A cursor block where the next character goes.
        if x < rect.maxX { canvas.set(x: x, y: rect.y, ctx.ascii ? "_" : "▏", style.adding(.bold)) }
        x += 2
        let hint = prompt.error ?? "Enter keeps · Esc cancels · Ctrl-U clears"
        if x < rect.maxX {
            canvas.put(hint, x: x, y: rect.y, maxWidth: rect.maxX - x,
                       style: ctx.theme.style(prompt.error == nil ? .status : .statusAlert))
        }
    }

    /// The `F` prompt: "at least N killed", the number as typed.
    public static func draw(_ prompt: NumberPrompt, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let style = ctx.theme.style(.status)
        canvas.fill(rect, style: style)
        var x = rect.x
        x += canvas.put("at least " + prompt.digits, x: x, y: rect.y, maxWidth: rect.width, style: style)
        if x < rect.maxX { canvas.set(x: x, y: rect.y, ctx.ascii ? "_" : "▏", style.adding(.bold)) }
        x += 1
        let hint = " killed · Enter applies (empty: no minimum) · Esc cancels"
        if x < rect.maxX { canvas.put(hint, x: x, y: rect.y, maxWidth: rect.maxX - x, style: style) }
    }
}
