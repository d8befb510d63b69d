import Foundation

/// The bottom line: sources and their state, totals, skipped lines, and the help key.
public enum StatusLineView {
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let style = ctx.theme.style(.status)
        canvas.fill(rect, style: style)
        var parts: [(String, Style)] = []
        // In map focus what lies under the map cursor comes first: it is what the officer is looking at.
        if state.focus == .map, let cursor = MapCursor.statusText(state, ctx) { parts.append((cursor, style)) }
        let sources = sourcesText(state.sources)
        parts.append((sources, style))
        let paused = state.replayAt != nil || state.selected > 0
        let mode = FeedModeText.mode(state)
        // "mali-2023 following │ following" says one thing twice; the feed's own word shows when it differs.
        if paused || !sources.hasSuffix(mode) {
            parts.append((mode, paused ? ctx.theme.style(.statusAlert) : style))
        }
        parts.append(("\(counted(state.store.count, "incident")), \(state.feed.count) shown", style))
        if let filters = FeedModeText.filters(state) { parts.append((filters, ctx.theme.style(.statusAlert))) }
        if let restriction = MapCursor.restrictionText(state) { parts.append((restriction, ctx.theme.style(.statusAlert))) }
        parts.append(("\(state.badLineCount) bad", state.badLineCount > 0 ? ctx.theme.style(.statusAlert) : style))
        if let notice = state.notice {
            parts.append((notice, ctx.theme.style(.statusAlert)))
        }
        if state.store.evicted > 0 {
            parts.append(("\(state.store.evicted) dropped (max \(state.store.capacity))", ctx.theme.style(.statusAlert)))
        }
        let help = " ? help "
        let helpWidth = help.count
        var x = rect.x
        let end = rect.maxX - helpWidth
        for (index, part) in parts.enumerated() {
            let text = (index == 0 ? " " : " │ ") + part.0
            guard x < end else { break }
            x += canvas.put(text, x: x, y: rect.y, maxWidth: end - x, style: part.1)
        }
        canvas.put(help, x: end, y: rect.y, style: ctx.theme.style(.statusKey))
    }

    /// "mali-2023.jsonl following", or a summary when several files are followed
    /// ("3 files: 1 following, 1 waiting, 1 no such file").
    static func sourcesText(_ sources: [SourceInfo]) -> String {
        if sources.count == 1, let only = sources.first {
            return "\(shortName(only.name)) \(describe(only))"
        }
        var following = 0, waiting = 0, missing = 0, unreadable = 0
        for source in sources {
            switch source.status {
            case .following: following += 1
            // Never found: likely a mistyped path, so it is counted apart.
            case .waiting(.noSuchFile): missing += 1
            case .waiting: waiting += 1
            case .unreadable: unreadable += 1
            case .ended: following += 1
            }
        }
        var counts: [String] = []
        if following > 0 { counts.append("\(following) following") }
        if waiting > 0 { counts.append("\(waiting) waiting") }
        if missing > 0 { counts.append("\(missing) no such file") }
        if unreadable > 0 { counts.append("\(unreadable) unreadable") }
        return "\(sources.count) files: " + counts.joined(separator: ", ")
    }

    /// "following", "following, rotated at 14:02", "unreadable (Permission denied)".
    public static func describe(_ source: SourceInfo) -> String {
        var text = statusWord(source.status)
        if let at = source.rotatedAt { text += ", rotated at \(clock(at))" }
        if let at = source.truncatedAt { text += ", truncated at \(clock(at))" }
        return text
    }

    /// Wall-clock HH:MM in UTC, as the watch floor's clocks.
    static func clock(_ epoch: Int64) -> String {
        let c = TimeParser.civil(epoch)
        return TimeFormat.pad(c.hour, 2) + ":" + TimeFormat.pad(c.minute, 2)
    }

    /// "following", "waiting: no such file", "unreadable (Permission denied)".
    static func statusWord(_ status: SourceStatus) -> String {
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
        }
    }

    static func shortName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
