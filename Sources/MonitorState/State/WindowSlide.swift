import MonitorCore

extension AppState {
    /// The time window measured from the newest incident moved with it: rows older than its new
    /// start leave the feed, and what the feed alone decides (the legend's shown figures, the
    /// hotspots, the map's cells) is gathered again from the rows left. The work is bounded by
    /// what the window holds, not by the store (ARCHITECTURE.md §4). False when the feed is not
    /// all the map shows (a map-cell restriction): the caller then does the full pass.
    package mutating func slideWindow() -> Bool {
        guard map.restriction == nil else { return false }
        windowEnd = store.newestTime
        guard let lower = windowSpan?.lowerBound else { return true }
        let selection = selected > 0 ? selectedSlot : nil
        let before = feed.count
        if order == .time {
            // Oldest first: the rows that leave are a prefix.
            var leaving = 0
            while leaving < feed.count, store[feed[leaving]].time < lower { leaving += 1 }
            if leaving > 0 { feed.removeFirst(leaving) }
        } else {
            feed.removeAll { store[$0].time < lower }
        }
        guard feed.count != before else { return true }
        if let selection {
            if let row = feed.lastIndex(of: selection) { selected = feed.count - 1 - row } else { selected = min(selected, feed.count - 1) }
        }
        gatherFromFeed()
        clampSelection()
        return true
    }

    /// The legend's shown figures, the hotspots and the map's cells, from the feed's rows.
    private mutating func gatherFromFeed() {
        let hidden = FilterEvaluator(filter, store: store, registry: registry).hiddenMask
        let other = registry.otherID
        var counts = [Int](repeating: 0, count: registry.count)
        var places = PlaceTallies()
        var cells = mapCells.map { IncidentCells(projection: $0.projection) }
        for slot in feed {
            let record = store[slot]
            let actors = record.actors
            for k in 0..<actors.count where Int(actors[k]) < counts.count { counts[Int(actors[k])] += 1 }
            let lead = AppState.lead(actors, hiddenMask: hidden, other: other)
            places.add(place: hotspotKey(record.place), time: record.time, fatalities: record.fatalities, lead: lead)
            if record.isLocated { cells?.add(lat: Double(record.lat), lon: Double(record.lon), lead: lead, time: record.time) }
        }
        shownCounts = counts
        hotspots = places
        mapCells = cells
    }
}
