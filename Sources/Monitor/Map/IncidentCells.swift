/// The incidents the map plots, gathered per cell in one pass: how many, which lead actors, the
/// newest time. Flat arrays sized to the pane, so the pass allocates nothing per incident.
struct IncidentCells {
    typealias Slot = AppState.Slot

    let columns: Int
    let rows: Int
    private(set) var counts: [Int32]
    /// Bit n set: actor n leads at least one incident in the cell.
    private(set) var actors: [UInt16]
    private(set) var newest: [Int64]
    /// Indexes of cells holding at least one incident, in the order first reached.
    private(set) var filled: [Int] = []
    /// The cell whose newest incidents are kept (the cursor's), and how many are kept.
    private let watched: Int
    private let keep: Int
    /// The watched cell's latest incidents as a ring, oldest overwritten first.
    private var ring: [Slot] = []
    private var ringNext = 0

    init(columns: Int, rows: Int, watching watched: (x: Int, y: Int)? = nil, keep: Int = 0) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.watched = watched.map { $0.y * max(0, columns) + $0.x } ?? -1
        self.keep = watched == nil ? 0 : max(0, keep)
        let n = self.columns * self.rows
        counts = Array(repeating: 0, count: n)
        actors = Array(repeating: 0, count: n)
        newest = Array(repeating: .min, count: n)
    }

    /// Gathers what the state plots under a projection, keeping the newest `keep` incidents of the
    /// `watching` cell.
    init(_ state: AppState, _ projection: Projection, watching: (x: Int, y: Int)? = nil, keep: Int = 0) {
        self.init(columns: projection.columns, rows: projection.rows, watching: watching, keep: keep)
        guard !counts.isEmpty else { return }
        let hidden = MapPlot.hiddenMask(state)
        let other = state.registry.otherID
        MapPlot.forEach(state) { point in
            guard let cell = projection.cell(lat: point.lat, lon: point.lon) else { return }
            let index = cell.y * columns + cell.x
            add(index: index, lead: MapPlot.lead(point.actors, hidden: hidden, other: other), time: point.time)
            if index == watched && keep > 0 { remember(point.slot) }
        }
    }

    private mutating func add(index: Int, lead: ActorID, time: Int64) {
        if counts[index] == 0 { filled.append(index) }
        counts[index] += 1
        actors[index] |= lead < 16 ? UInt16(1) << UInt16(lead) : 0x8000
        if time > newest[index] { newest[index] = time }
    }

    private mutating func remember(_ slot: Slot) {
        if ring.count < keep {
            ring.append(slot)
        } else {
            ring[ringNext] = slot
        }
        ringNext = (ringNext + 1) % keep
    }

    /// The watched cell's newest incidents, newest first (the walk goes oldest to newest).
    var watchedNewestFirst: [Slot] {
        guard ring.count == keep, keep > 0 else { return ring.reversed() }
        return Array((ring[ringNext...] + ring[..<ringNext]).reversed())
    }

    func count(x: Int, y: Int) -> Int {
        x >= 0 && y >= 0 && x < columns && y < rows ? Int(counts[y * columns + x]) : 0
    }

    /// The one actor leading every incident of a cell, or nil when several do (a contested cell).
    func soleActor(index: Int) -> ActorID? {
        let mask = actors[index]
        guard mask != 0, mask & (mask - 1) == 0 else { return nil }
        return ActorID(mask.trailingZeroBitCount)
    }
}

/// What the map needs of one incident: plain fields, copied without touching its strings.
struct PlotPoint {
    var slot: AppState.Slot
    var lat: Double
    var lon: Double
    var time: Int64
    var actors: ActorList

    @inline(__always)
    init(_ slot: AppState.Slot, _ record: borrowing StoredIncident) {
        self.slot = slot
        lat = Double(record.lat)
        lon = Double(record.lon)
        time = record.time
        actors = record.actors
    }
}

/// Which incidents the map plots and with which actor: shared by the map, its cursor list and the
/// status line, so they always agree.
enum MapPlot {
    /// The feed, or, while the feed is restricted to one cell, every incident the filters show, so the map keeps its context and another cell can be picked.
    static func forEach(_ state: AppState, _ body: (PlotPoint) -> Void) {
        state.store.records.withUnsafeBufferPointer { records in
            if state.map.restriction == nil {
                for slot in state.feed where records[Int(slot)].isLocated { body(PlotPoint(slot, records[Int(slot)])) }
            } else {
                state.forEachPassing(restricted: false) { slot in
                    if records[Int(slot)].isLocated { body(PlotPoint(slot, records[Int(slot)])) }
                }
            }
        }
    }

    /// The same walk from the newest incident back, stopping when `body` returns false.
    static func forEachNewestFirst(_ state: AppState, _ body: (PlotPoint) -> Bool) {
        state.store.records.withUnsafeBufferPointer { records in
            if state.map.restriction == nil {
                for slot in state.feed.reversed() where records[Int(slot)].isLocated {
                    if !body(PlotPoint(slot, records[Int(slot)])) { return }
                }
            } else {
                state.walkPassing(restricted: false, newestFirst: true) { slot in
                    !records[Int(slot)].isLocated || body(PlotPoint(slot, records[Int(slot)]))
                }
            }
        }
    }

    /// Hidden actors as bits, so the per-incident test is a mask and not a set lookup.
    static func hiddenMask(_ state: AppState) -> UInt16 {
        var mask: UInt16 = 0
        for actor in state.hidden where actor < 16 { mask |= UInt16(1) << UInt16(actor) }
        return mask
    }

    /// As `AppState.isVisible`: shown while any of its actors is. Indexes, not the list's
    /// iterator, which would allocate for every incident.
    @inline(__always)
    static func isShown(_ actors: ActorList, hidden: UInt16) -> Bool {
        if hidden == 0 { return true }
        for i in 0..<actors.count where hidden & (UInt16(1) << UInt16(actors[i])) == 0 { return true }
        return false
    }

    /// As `AppState.leadActor`: the first shown actor decides glyph and colour.
    @inline(__always)
    static func lead(_ actors: ActorList, hidden: UInt16, other: ActorID) -> ActorID {
        for i in 0..<actors.count where hidden & (UInt16(1) << UInt16(actors[i])) == 0 { return actors[i] }
        return actors.first ?? other
    }
}
