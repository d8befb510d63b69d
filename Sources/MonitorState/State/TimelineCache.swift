import MonitorCore

/// The timeline's histogram, kept in the state and brought up to date with the feed, so drawing a
/// frame does not walk the store.
extension AppState {
    /// Builds the strip again, at the current width (through the one pass that derives everything).
    public mutating func rebuildTimeline() { rebuildFeed() }

    /// The strip's empty buckets across the store's whole time span, at the current width; nil
    /// when there is no strip or nothing stored. The time window is underlined on the strip rather
    /// than applied, so what lies outside it stays in sight.
    package func emptyTimeline() -> TimelineHistogram? {
        let columns = Layout(width: width, height: height).timeline.width
        guard columns > 0, let first = store.timeOrder.first.map({ store[$0].time }), let last = store.newestTime else {
            return nil
        }
        return TimelineHistogram(first: first, last: last, columns: columns)
    }

    /// The span the time window keeps, for underlining on the strip.
    public var windowSpan: ClosedRange<Int64>? {
        guard let seconds = filter.window.seconds, let anchor = windowAnchor else { return nil }
        return (anchor - seconds)...anchor
    }
}
