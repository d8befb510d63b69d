import MonitorCore
import MonitorState

/// How a holding reads (ARCHITECTURE.md §11): "Ber: held by FAMA since 13 Aug 2023 (before:
/// MINUSMA, since 30 Jun 2023)", and the incident that changed it.
package enum ControlText {
    /// `13 Aug 2023`
    package static func day(_ epoch: Int64) -> String {
        let c = TimeParser.civil(epoch)
        return "\(c.day) \(TimeFormat.months[c.month - 1]) \(c.year)"
    }

    /// The holding of a place at the replay moment (or now), or nil when nobody is known to hold it.
    package static func holding(_ place: String, _ state: AppState) -> String? {
        guard !place.isEmpty, let held = state.store.control.holding(place, at: state.replayAt) else { return nil }
        var text = "\(held.now.place): held by \(held.now.holder.name(state.registry)) since \(day(held.now.time))"
        if let before = held.before {
            text += " (before: \(before.holder.name(state.registry)), since \(day(before.time)))"
        }
        return text
    }

    /// The incident that made the change: "ber-2023-08-13 · Malian General Staff".
    package static func reportedBy(_ place: String, _ state: AppState) -> String? {
        guard !place.isEmpty, let held = state.store.control.holding(place, at: state.replayAt) else { return nil }
        let parts = [held.now.id, held.now.source.isEmpty ? nil : held.now.source].compactMap { $0 }
        return parts.isEmpty ? nil : "reported by " + parts.joined(separator: " · ")
    }
}
