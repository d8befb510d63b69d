import MonitorCore
import MonitorState

/// What the status line says about the feed itself: following, paused with arrivals waiting, or
/// replaying as of a moment; and the filters in force.
package enum FeedModeText {
    /// "following", "paused · 3 new", "as of 13 Aug 2023 08:30 · 2 new".
    package static func mode(_ state: AppState) -> String {
        if let at = state.replayAt { return "as of \(moment(at))" + (state.newSincePause > 0 ? " · \(state.newSincePause) new" : "") }
        return state.selected == 0 ? "live" : "paused · \(state.newSincePause) new"
    }

    /// The same in a few letters, for a crowded status line: "live", "paused +3", "as of 13 Aug".
    package static func shortMode(_ state: AppState) -> String {
        if let at = state.replayAt {
            let c = TimeParser.civil(at)
            return "as of \(c.day) \(TimeFormat.months[c.month - 1])"
        }
        return state.selected == 0 ? "live" : "paused +\(state.newSincePause)"
    }

    /// `13 Aug 2023 08:30`
    package static func moment(_ epoch: Int64) -> String {
        let c = TimeParser.civil(epoch)
        return "\(c.day) \(TimeFormat.months[c.month - 1]) \(c.year) \(TimeFormat.pad(c.hour, 2)):\(TimeFormat.pad(c.minute, 2))"
    }

    /// The filters in force, joined, or nil when nothing is filtered.
    package static func filters(_ state: AppState) -> String? {
        let parts = state.filter.summary(registry: state.registry)
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
