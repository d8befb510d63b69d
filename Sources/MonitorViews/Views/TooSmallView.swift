import MonitorCore

/// Below 40x12 nothing fits: say what is needed, centred, until the terminal grows.
public enum TooSmallView {
    public static func draw(_ ctx: RenderContext, on canvas: inout Canvas) {
        let message = "terminal too small: need at least \(Layout.minimumSize.width)x\(Layout.minimumSize.height)"
        let lines = TextWrap.lines(message, width: max(1, canvas.width), measure: ctx.measure)
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = ctx.measure.columns(line)
            canvas.put(line, x: max(0, (canvas.width - w) / 2), y: top + i, style: ctx.theme.style(.statusAlert))
        }
    }
}
