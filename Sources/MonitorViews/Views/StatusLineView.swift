import MonitorCore
import MonitorState
import Foundation

/// The bottom line. What needs the officer comes first (news not yet seen, a silent or missing
/// source, retractions, skipped lines, the filters in force), then the feed's and the sources'
/// state and the counts; the UTC clock and the help key sit at the right. When the line is too
/// narrow, the least important facts take their short form first, and only then drop out.
public enum StatusLineView {
    /// The notices sitmon started with (or a theme switch left), one by one: `AppState.notice`
    /// holds them a line each.
    public static func notices(_ state: AppState) -> [String] {
        (state.notice ?? "").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// One fact: its full and short wording, its style, and how much it matters (lower first).
    package struct Part {
        package var full: String
        package var short: String?
        package var style: Style
        package var rank: Int
    }

    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let style = ctx.theme.style(.status)
        canvas.fill(rect, style: style)
        let help = " ? help "
        let clock = state.startedAt == nil ? "" : " " + TimeFormat.clock(state.now) + "Z"
        let right = clock + help
        let end = rect.maxX - right.count
        let parts = fit(parts(state, ctx), width: end - rect.x, measure: ctx.measure)
        var x = rect.x
        for (index, part) in parts.enumerated() {
            let text = (index == 0 ? " " : " │ ") + part.0
            guard x < end else { break }
            x += canvas.put(text, x: x, y: rect.y, maxWidth: end - x, style: part.1)
        }
        if !clock.isEmpty { canvas.put(clock, x: end, y: rect.y, style: style) }
        canvas.put(help, x: rect.maxX - help.count, y: rect.y, style: ctx.theme.style(.statusKey))
    }

    /// Every fact the line could hold, most important first.
    package static func parts(_ state: AppState, _ ctx: RenderContext) -> [Part] {
        let plain = ctx.theme.style(.status)
        let alert = ctx.theme.style(.statusAlert)
        let warning = ctx.theme.style(.statusWarning)
        var parts: [Part] = []
        // In map focus what lies under the map cursor comes first: it is what the officer is looking at.
        if state.focus == .map, let cursor = MapCursor.statusText(state, ctx) { parts.append(Part(full: cursor, style: plain, rank: 0)) }
        // A new alert outranks everything until acknowledged or 10 seconds pass (ARCHITECTURE.md §9).
        if let banner = state.watch.banner { parts.append(Part(full: banner.text, style: alert, rank: 0)) }
        if let flash = state.flash { parts.append(Part(full: flash, style: alert, rank: 1)) }
        let unacked = state.watch.unacknowledged
        if unacked > 0 {
            parts.append(Part(full: "\(counted(unacked, "alert")) unacknowledged (A)", short: "\(unacked) alerts", style: alert, rank: 1))
        }
        if let problem = state.watch.logProblem {
            parts.append(Part(full: "watch log unavailable: \(problem)", short: "watch log unavailable", style: warning, rank: 3))
        }
        if state.watch.historicalMatches > 0 {
            parts.append(Part(full: "\(counted(state.watch.historicalMatches, "earlier incident")) matched alert rules (not alerted)",
                              short: "\(state.watch.historicalMatches) earlier matches", style: plain, rank: 10))
        }
        let unseen = state.store.unseenCount
        if unseen > 0 { parts.append(Part(full: "\(unseen) unseen", short: "\(unseen) new", style: alert, rank: 2)) }
        if let silent = silenceText(state) { parts.append(Part(full: silent.full, short: silent.short, style: warning, rank: 3)) }
        // A big file's first read: that the screen is still filling is the first thing to know of it.
        if let loading = LoadProgressText.text(state.sources) {
            parts.append(Part(full: loading.full, short: loading.short, style: plain, rank: 4))
        }
        if let recent = state.recentRetractions() {
            parts.append(Part(full: "\(recent.count) retracted \(TimeFormat.clock(recent.latest))", short: "\(recent.count) retr.",
                              style: alert, rank: 4))
        }
        if state.badLineCount > 0 {
            parts.append(Part(full: "\(counted(state.badLineCount, "bad line"))", short: "\(state.badLineCount) bad", style: alert, rank: 5))
        }
        if let filters = FeedModeText.filters(state) {
            let count = state.filter.summary(registry: state.registry).count
            parts.append(Part(full: filters, short: count == 1 ? nil : "\(count) filters", style: alert, rank: 6))
        }
        if let restriction = MapCursor.restrictionText(state) { parts.append(Part(full: restriction, short: "1 cell", style: alert, rank: 6)) }
        let notices = notices(state)
        if !notices.isEmpty {
            // A config error, a broken theme or a file named twice: the short form counts them and
            // points at the sources view, which lists each.
            parts.append(Part(full: notices.joined(separator: "; "),
                              short: notices.count == 1 ? "1 notice (s)" : "\(notices.count) notices (s)", style: alert, rank: 7))
        }
        if state.store.evicted > 0 {
            parts.append(Part(full: "\(state.store.evicted) dropped (max \(state.store.capacity))", short: "\(state.store.evicted) dropped",
                              style: alert, rank: 7))
        }
        let paused = state.replayAt != nil || state.selected > 0
        parts.append(Part(full: "feed: " + FeedModeText.mode(state), short: FeedModeText.shortMode(state),
                          style: paused ? alert : plain, rank: paused ? 6 : 8))
        // A source that is missing or cannot be read is as dead as a silent one: it moves up front.
        let sources = sourcesText(state.sources)
        let troubled = state.sources.contains { $0.status != .following && $0.status != .ended && $0.status != .readWhole }
        parts.append(Part(full: sources.full, short: sources.short, style: troubled ? warning : plain, rank: troubled ? 3 : 9))
        parts.append(Part(full: "\(counted(state.store.count, "incident")), \(state.feed.count) shown",
                          short: "\(state.feed.count)/\(state.store.count) shown", style: plain, rank: 7))
        if state.badLineCount == 0 { parts.append(Part(full: "0 bad lines", short: "0 bad", style: plain, rank: 11)) }
        return parts.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }

    /// The texts that fit in `width` columns: the least important parts take their short form
    /// first, then drop out; the first part is cut (with an ellipsis) if it alone is too long.
    package static func fit(_ parts: [Part], width: Int, measure: DisplayWidth) -> [(String, Style)] {
        var texts = parts.map(\.full)
        var kept = parts.count
        func total() -> Int {
            (0..<kept).reduce(0) { $0 + measure.columns(texts[$1]) + ($1 == 0 ? 1 : 3) }
        }
        var next = parts.count - 1
        while total() > width, next >= 0 {
            if let short = parts[next].short { texts[next] = short }
            next -= 1
        }
        while total() > width, kept > 1 { kept -= 1 }
        // Shortening one part may have freed more room than needed: the most important parts
        // take their full wording back where it fits.
        for i in 0..<kept where texts[i] != parts[i].full {
            let grown = total() - measure.columns(texts[i]) + measure.columns(parts[i].full)
            if grown <= width { texts[i] = parts[i].full }
        }
        return (0..<kept).map { (texts[$0], parts[$0].style) }
    }

    /// "no data for 42 min" (one source), "mali.jsonl: no data for 42 min", "3 files silent".
    package static func silenceText(_ state: AppState) -> (full: String, short: String)? {
        var silent: [(SourceInfo, Int64)] = []
        for source in state.sources { if let quiet = state.silence(of: source) { silent.append((source, quiet)) } }
        guard let longest = silent.max(by: { $0.1 < $1.1 }) else { return nil }
        if state.sources.count == 1 {
            return ("no data for \(AgeText.span(longest.1))", "silent \(AgeText.compact(longest.1))")
        }
        if silent.count == 1 {
            return ("\(shortName(longest.0.name)): no data for \(AgeText.span(longest.1))", "1 silent \(AgeText.compact(longest.1))")
        }
        return ("\(silent.count) files silent, longest \(AgeText.span(longest.1))", "\(silent.count) silent")
    }

    /// "file mali-2023.jsonl: following", or a summary when several files are followed
    /// ("3 files: 1 following, 1 waiting, 1 no such file").
    package static func sourcesText(_ sources: [SourceInfo]) -> (full: String, short: String) {
        if sources.count == 1, let only = sources.first {
            // Short: the name alone labels the state ("mali.jsonl: following"), never a bare word
            // that could be read as the feed's.
            // While the line's own progress part says how far a big read has got, it is not said twice.
            return ("file \(shortName(only.name)): \(describe(only, lines: only.loading == nil))",
                    "\(shortName(only.name)): " + statusWord(only.status))
        }
        var following = 0, waiting = 0, missing = 0, unreadable = 0, whole = 0
        for source in sources {
            switch source.status {
            case .following: following += 1
            // Never found: likely a mistyped path, so it is counted apart.
            case .waiting(.noSuchFile): missing += 1
            case .waiting: waiting += 1
            case .unreadable: unreadable += 1
            case .ended: following += 1
            case .readWhole: whole += 1
            }
        }
        var counts: [String] = []
        if following > 0 { counts.append("\(following) following") }
        if whole > 0 { counts.append("\(whole) read whole") }
        if waiting > 0 { counts.append("\(waiting) waiting") }
        if missing > 0 { counts.append("\(missing) no such file") }
        if unreadable > 0 { counts.append("\(unreadable) unreadable") }
        return ("\(sources.count) files: " + counts.joined(separator: ", "), "\(sources.count) files")
    }

    /// "following", "following, rotated at 14:02", "unreadable (Permission denied)"; with `lines`,
    /// how many lines of a big file have been read.
    public static func describe(_ source: SourceInfo, lines: Bool = true) -> String {
        var text = statusWord(source.status)
        // A big file being read: how far it has got, so a long load shows it is moving.
        if lines, source.status == .following, source.linesWaiting > 0 {
            text += ", reading: \(source.linesRead) of about \(source.linesRead + source.linesWaiting) lines"
        }
        if let at = source.rotatedAt { text += ", rotated at \(TimeFormat.clock(at))" }
        if let at = source.truncatedAt { text += ", truncated at \(TimeFormat.clock(at))" }
        return text
    }


    /// "following", "waiting: no such file", "unreadable (Permission denied)".
    package static func statusWord(_ status: SourceStatus) -> String {
        switch status {
        case .following: "following"
        case .waiting(let absence):
            switch absence {
            case .unknown: "waiting"
            case .noSuchFile: "waiting: no such file"
            case .deleted: "waiting: deleted"
            case .renamed: "waiting: renamed"
            }
        case .unreadable(let why): "unreadable (\(why))"
        case .ended: "ended"
        case .readWhole: "compressed, read whole (not followed)"
        }
    }

    package static func shortName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
