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
        // Measured back from the newest incident, not from now: the label must not read as the clock.
        case .all: "all time"
        case .day: "last 24 h of data"
        case .week: "last 7 days of data"
        case .month: "last 30 days of data"
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
