/// How far back from the newest incident (or the replay moment) the feed reaches.
public enum TimeWindow: Sendable, Hashable, CaseIterable {
    case all, day, week, month

    /// Seconds covered, or nil for everything.
    public var seconds: Int64? {
        switch self {
        case .all: nil
        case .day: 86_400
        case .week: 7 * 86_400
        case .month: 30 * 86_400
        }
    }

    public var label: String {
        switch self {
        case .all: "all time"
        case .day: "last 24 h"
        case .week: "last 7 days"
        case .month: "last 30 days"
        }
    }

    /// The next window in the `t` cycle.
    public var next: TimeWindow {
        switch self {
        case .all: .day
        case .day: .week
        case .week: .month
        case .month: .all
        }
    }
}
