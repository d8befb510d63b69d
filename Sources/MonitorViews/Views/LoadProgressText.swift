import MonitorState

/// The status line's word on a big first read: "reading acled_sahel.csv 42% · 310k rows · 2 s left",
/// short "reading 42% · 2 s left". Several files at once are summed ("reading 2 files 42% · …"),
/// their time left the longest of theirs.
package enum LoadProgressText {
    package static func text(_ sources: [SourceInfo]) -> (full: String, short: String)? {
        let loading = sources.compactMap { source in source.loading.map { (source.name, $0) } }
        guard let first = loading.first else { return nil }
        let read = loading.reduce(Int64(0)) { $0 + $1.1.bytesRead }
        let total = loading.reduce(Int64(0)) { $0 + $1.1.bytesRead + $1.1.bytesWaiting }
        let rows = loading.reduce(0) { $0 + $1.1.rows }
        // Never 100% while a read is underway: the rounding would claim it done.
        let percent = total > 0 ? min(99, Int(Double(read) * 100 / Double(total))) : 0
        let name = loading.count == 1 ? StatusLineView.shortName(first.0) : "\(loading.count) files"
        var full = "reading \(name) \(percent)% · \(count(rows)) row\(rows == 1 ? "" : "s")"
        var short = "reading \(percent)%"
        let lefts = loading.map(\.1.secondsLeft)
        if !lefts.contains(where: { $0 == nil }), let longest = lefts.compactMap({ $0 }).max() {
            let left = AgeText.span(Int64(longest.rounded(.up)))
            full += " · \(left) left"
            short += " · \(left) left"
        }
        return (full, short)
    }

    /// "950", "12k", "310k", "1.2M": a count at a glance.
    package static func count(_ n: Int) -> String {
        if n < 1000 { return "\(n)" }
        if n < 1_000_000 { return "\(n / 1000)k" }
        let tenths = n / 100_000
        return tenths % 10 == 0 || n >= 10_000_000 ? "\(n / 1_000_000)M" : "\(tenths / 10).\(tenths % 10)M"
    }
}
