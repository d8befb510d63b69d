import MonitorCore
import MonitorState

/// The timeline strip: incidents per day (or week) across the store as bars coloured by the
/// leading actor, the time window underlined, the replay moment marked.
public enum TimelineView {
    package static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    package static let asciiBars: [Character] = ["_", ".", "-", "=", "+", "*", "#", "@"]

    /// `window` is the span the time filter keeps; `cursor` the replay moment, if set.
    /// `newest` is the newest incident's time: the right-hand date, rather than the end of the
    /// last bucket (which may lie days after it).
    public static func draw(_ histogram: TimelineHistogram, window: ClosedRange<Int64>?, cursor: Int64?,
                            newest: Int64? = nil, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        guard rect.width > 10, rect.height > 0 else { return }
        canvas.fill(rect, style: ctx.theme.style(.text))
        let width = rect.width
        let busiest = histogram.counts.max() ?? 0
        let peak = max(1, busiest)
        // Column c shows bucket c * buckets / width, so short ranges stretch across the strip.
        func bucket(_ c: Int) -> Int { min(histogram.buckets - 1, c * histogram.buckets / width) }
        func column(_ time: Int64) -> Int? {
            guard let b = histogram.bucket(of: time) else { return nil }
            return min(width - 1, b * width / histogram.buckets)
        }
        for c in 0..<width {
            let b = bucket(c)
            let n = histogram.counts[b]
            guard n > 0 else {
                canvas.set(x: rect.x + c, y: rect.y, ctx.ascii ? " " : " ", ctx.theme.style(.dim))
                continue
            }
            // Square-root scale: one incident still shows against a busy day.
            let level = min(7, Int((Double(n) / Double(peak)).squareRoot() * 7.999))
            canvas.set(x: rect.x + c, y: rect.y, (ctx.ascii ? asciiBars : bars)[level], ctx.theme.actor(histogram.leaders[b]))
        }
        guard rect.height > 1 else { return }
        let axis = rect.y + 1
        let dim = ctx.theme.style(.timelineAxis)
        let first = TimeFormat.date(histogram.start)
        let lastTime = histogram.start + Int64(histogram.buckets) * histogram.bucketSeconds - 1
        let last = TimeFormat.date(min(lastTime, newest ?? lastTime))
        canvas.put(first, x: rect.x, y: axis, style: dim)
        canvas.put(last, x: rect.maxX - last.count, y: axis, style: dim)
        let unit = histogram.bucketSeconds == 86_400 ? "per day" : histogram.bucketSeconds == 7 * 86_400 ? "per week" : "per \(histogram.bucketSeconds / 86_400) days"
        // With nothing shown (every actor hidden, say) there is no peak to speak of.
        let scale = busiest > 0 ? "\(unit), peak \(peak)" : "no incident shown"
        let mid = rect.x + (width - scale.count) / 2
        var labels = [rect.x..<(rect.x + first.count), (rect.maxX - last.count)..<rect.maxX]
        if mid > rect.x + first.count + 1 {
            canvas.put(scale, x: mid, y: axis, style: dim)
            labels.append(mid..<(mid + scale.count))
        }
        if let window, let a = column(max(window.lowerBound, histogram.start)), let b = column(min(window.upperBound, lastTime)) {
            for c in a...max(a, b) {
                // Over a date label the window only colours it, so the date stays readable.
                if !labels.contains(where: { $0.contains(rect.x + c) }) {
                    canvas.set(x: rect.x + c, y: axis, ctx.ascii ? "=" : "━", ctx.theme.style(.timelineWindow))
                } else {
                    canvas.setStyle(x: rect.x + c, y: axis, ctx.theme.style(.timelineWindow))
                }
            }
        }
        if let cursor, let c = column(cursor) {
            canvas.set(x: rect.x + c, y: axis, ctx.ascii ? "^" : "▲", ctx.theme.style(.timelineCursor))
        }
    }
}
