/// The timeline's histogram, kept in the state and brought up to date with the feed, so drawing a
/// frame does not walk the store.
extension AppState {
    /// Counts, across the whole store's time span, every incident the filters show (the time window
    /// is underlined rather than applied, so what lies outside it stays in sight), up to the replay moment.
    public mutating func rebuildTimeline() {
        let columns = Layout(width: width, height: height).timeline.width
        guard columns > 0, let first = store.timeOrder.first.map({ store[$0].time }), let last = store.newestTime else {
            timeline = nil
            return
        }
        var histogram = TimelineHistogram(first: first, last: last, columns: columns)
        if filter.window == .all && map.restriction == nil {
            // The feed already holds exactly these incidents: no second walk of the store.
            histogram.count(feed, in: store, lead: { [mask = hiddenMask, other = registry.otherID] in AppState.lead($0, hiddenMask: mask, other: other) })
        } else {
            var evaluator = FilterEvaluator(filter, store: store, registry: registry)
            var slots: [Slot] = []
            let order = store.timeOrder
            for index in store.timeRange(from: nil, through: replayAt) where evaluator.passes(store[order[index]]) {
                slots.append(order[index])
            }
            histogram.count(slots, in: store, lead: { [mask = hiddenMask, other = registry.otherID] in AppState.lead($0, hiddenMask: mask, other: other) })
        }
        timeline = histogram
    }

    /// Counts arrivals that passed the filters; one beyond the strip's last bucket needs a new strip.
    mutating func extendTimeline(_ slots: [Slot]) {
        guard var histogram = timeline else { return rebuildTimeline() }
        // A new day past the strip adds a bucket; only when the strip is full is it rebuilt coarser.
        let latest = slots.map { store[$0].time }.max() ?? histogram.start
        if !histogram.extend(through: latest) || slots.contains(where: { histogram.bucket(of: store[$0].time) == nil }) {
            return rebuildTimeline()
        }
        histogram.count(slots, in: store, lead: { [mask = hiddenMask, other = registry.otherID] in AppState.lead($0, hiddenMask: mask, other: other) })
        timeline = histogram
    }

    /// The span the time window keeps, for underlining on the strip.
    public var windowSpan: ClosedRange<Int64>? {
        guard let seconds = filter.window.seconds, let anchor = windowAnchor else { return nil }
        return (anchor - seconds)...anchor
    }
}
