import MonitorCore

/// `timeline.svg`: incidents per day as bars (per week past `daysPerBarLimit` days), the killed
/// per bar in its title. Pure: a `Briefing` in, SVG out (ARCHITECTURE.md §10).
public enum BriefTimelineSVG {
    public static let width = 1120
    public static let height = 260
    /// Up to this many days, one bar a day; beyond it, one a week (Monday to Sunday).
    public static let daysPerBarLimit = 120

    public static func render(_ brief: Briefing) -> String {
        let plot = (x: 50, y: 40, w: width - 70, h: height - 90)
        var svg = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">",
            "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>",
        ]
        let days = brief.incidents.map { Int(floorDiv($0.time, 86_400)) }
        guard let firstSeen = days.min(), let lastSeen = days.max() else {
            svg.append("<text x=\"10\" y=\"24\" font-size=\"16\" fill=\"#222\">Incidents per day</text>")
            svg.append("<text x=\"\(width / 2)\" y=\"\(height / 2)\" font-size=\"14\" fill=\"#555\" text-anchor=\"middle\">No incident in this window</text>")
            svg.append("</svg>")
            return svg.joined(separator: "\n") + "\n"
        }
        let first = brief.from.map { min(Int(floorDiv($0, 86_400)), firstSeen) } ?? firstSeen
        let last = brief.through.map { max(Int(floorDiv($0, 86_400)), lastSeen) } ?? lastSeen
        let weekly = last - first + 1 > daysPerBarLimit
        // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
        let bucketStart = { (day: Int) -> Int in weekly ? day - ((day + 3) % 7 + 7) % 7 : day }
        let start = bucketStart(first)
        let step = weekly ? 7 : 1
        let bars = (bucketStart(last) - start) / step + 1
        var counts = [Int](repeating: 0, count: bars)
        var dead = counts
        for (incident, day) in zip(brief.incidents, days) {
            let i = (bucketStart(day) - start) / step
            guard i >= 0, i < bars else { continue }
            counts[i] += 1
            dead[i] += incident.fatalities ?? 0
        }
        let peak = max(1, counts.max() ?? 1)
        let barWidth = Double(plot.w) / Double(bars)
        svg.append("<text x=\"10\" y=\"24\" font-size=\"16\" fill=\"#222\">Incidents per \(weekly ? "week" : "day"), \(BriefMarkdown.period(brief))</text>")
        svg.append("<path d=\"M\(plot.x) \(plot.y)v\(plot.h)h\(plot.w)\" stroke=\"#888\" fill=\"none\"/>")
        svg.append("<text x=\"\(plot.x - 6)\" y=\"\(plot.y + 4)\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">\(peak)</text>")
        svg.append("<text x=\"\(plot.x - 6)\" y=\"\(plot.y + plot.h)\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">0</text>")
        for i in 0..<bars where counts[i] > 0 {
            let h = Double(plot.h) * Double(counts[i]) / Double(peak)
            let x = Double(plot.x) + Double(i) * barWidth
            let label = TimeFormat.date(Int64(start + i * step) * 86_400) + ": \(counts[i]) incidents, \(dead[i]) killed"
            svg.append("<rect class=\"bar\" x=\"\(BriefMapSVG.number(x + barWidth * 0.1))\" y=\"\(BriefMapSVG.number(Double(plot.y + plot.h) - h))\" width=\"\(BriefMapSVG.number(max(1, barWidth * 0.8)))\" height=\"\(BriefMapSVG.number(h))\" fill=\"#4a6fa5\"><title>\(SVGColor.escape(label))</title></rect>")
        }
        // Dates under the axis: the first day of each month, at most about twelve labels.
        var lastLabel = -1_000_000.0
        for i in 0..<bars {
            let day = start + i * step
            let c = TimeParser.civil(Int64(day) * 86_400)
            let isMonthStart = weekly ? c.day <= 7 : c.day == 1
            let x = Double(plot.x) + (Double(i) + 0.5) * barWidth
            guard i == 0 || isMonthStart, x - lastLabel > 60 else { continue }
            lastLabel = x
            svg.append("<text x=\"\(BriefMapSVG.number(x))\" y=\"\(plot.y + plot.h + 16)\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">\(TimeFormat.date(Int64(day) * 86_400))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
