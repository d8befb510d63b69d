import MonitorCore

/// The incidents the map plots, gathered per cell: how many, which lead actors, the newest time.
/// Flat arrays sized to the pane. The state keeps one for the current projection, brought up to
/// date with the feed, so a frame draws the map without walking the incidents.
public struct IncidentCells: Sendable {
    package typealias Slot = AppState.Slot

    /// The projection the cells were gathered under; a different one needs a new gathering.
    public let projection: Projection
    private let grid: Projection.Grid
    package var columns: Int { projection.columns }
    package var rows: Int { projection.rows }
    package private(set) var counts: [Int32]
    /// Of those, incidents whose point is a region's centre (`StoredIncident.isApproximatelyLocated`).
    package private(set) var approximate: [Int32]
    /// Bit n set: actor n leads at least one incident in the cell.
    package private(set) var actors: [UInt16]
    package private(set) var newest: [Int64]
    /// Indexes of cells holding at least one incident, in the order first reached.
    package private(set) var filled: [Int] = []

    package init(projection: Projection) {
        self.projection = projection
        grid = projection.grid
        let n = max(0, projection.columns) * max(0, projection.rows)
        counts = Array(repeating: 0, count: n)
        approximate = Array(repeating: 0, count: n)
        actors = Array(repeating: 0, count: n)
        newest = Array(repeating: .min, count: n)
    }

    /// What the state plots under a projection: the state's own cells when they were gathered
    /// under it, else a fresh walk.
    package init(_ state: AppState, _ projection: Projection) {
        if let kept = state.mapCells, kept.projection == projection {
            self = kept
            return
        }
        self.init(projection: projection)
        guard !counts.isEmpty else { return }
        let hidden = MapPlot.hiddenMask(state)
        let other = state.registry.otherID
        MapPlot.forEach(state) { point in
            add(lat: point.lat, lon: point.lon, lead: MapPlot.lead(point.actors, hidden: hidden, other: other), time: point.time,
                approximate: point.approximate)
        }
    }

    /// Counts one located incident; one outside the pane is left out.
    @inline(__always)
    package mutating func add(lat: Double, lon: Double, lead: ActorID, time: Int64, approximate: Bool = false) {
        guard !counts.isEmpty, let cell = grid.cell(lat: lat, lon: lon) else { return }
        add(cell: cell.y * grid.width + cell.x, lead: lead, time: time, approximate: approximate)
    }

    /// Counts one incident in a cell already worked out under this projection.
    @inline(__always)
    package mutating func add(cell index: Int, lead: ActorID, time: Int64, approximate: Bool = false) {
        guard index >= 0, index < counts.count else { return }
        if counts[index] == 0 { filled.append(index) }
        counts[index] += 1
        if approximate { self.approximate[index] += 1 }
        actors[index] |= lead < 16 ? UInt16(1) << UInt16(lead) : 0x8000
        if time > newest[index] { newest[index] = time }
    }

    /// Adds raw per-cell tallies gathered by a scan under the same projection.
    package mutating func add(counts more: UnsafeBufferPointer<Int32>, approximate moreApproximate: UnsafeBufferPointer<Int32>,
                              actors moreActors: UnsafeBufferPointer<UInt16>,
                              newest moreNewest: UnsafeBufferPointer<Int64>, filled moreFilled: [Int]) {
        for index in moreFilled where index < counts.count {
            if counts[index] == 0 { filled.append(index) }
            counts[index] += more[index]
            approximate[index] += moreApproximate[index]
            actors[index] |= moreActors[index]
            newest[index] = max(newest[index], moreNewest[index])
        }
    }

    /// Adds the cells of another part of the same scan (gathered under the same projection).
    package mutating func merge(_ other: IncidentCells) {
        guard other.projection == projection else { return }
        for index in other.filled {
            if counts[index] == 0 { filled.append(index) }
            counts[index] += other.counts[index]
            approximate[index] += other.approximate[index]
            actors[index] |= other.actors[index]
            newest[index] = max(newest[index], other.newest[index])
        }
    }

    /// Every incident of the cell sits at a region's centre: the mark is drawn dimmer.
    package func isApproximate(index: Int) -> Bool {
        counts[index] > 0 && approximate[index] == counts[index]
    }

    package func count(x: Int, y: Int) -> Int {
        x >= 0 && y >= 0 && x < columns && y < rows ? Int(counts[y * columns + x]) : 0
    }

    /// The one actor leading every incident of a cell, or nil when several do (a contested cell).
    package func soleActor(index: Int) -> ActorID? {
        let mask = actors[index]
        guard mask != 0, mask & (mask - 1) == 0 else { return nil }
        return ActorID(mask.trailingZeroBitCount)
    }

    /// The newest `keep` plotted incidents in one cell, newest first: a walk from the newest end
    /// that stops once it has them, or all the cell holds.
    package static func newest(in cell: (x: Int, y: Int), of state: AppState, _ projection: Projection, keep: Int, total: Int) -> [Slot] {
        let wanted = min(keep, total)
        var found: [Slot] = []
        guard wanted > 0 else { return found }
        MapPlot.forEachNewestFirst(state) { point in
            if let c = projection.cell(lat: point.lat, lon: point.lon), c.x == cell.x, c.y == cell.y { found.append(point.slot) }
            return found.count < wanted
        }
        return found
    }
}

/// What the map needs of one incident: plain fields, copied without touching its strings.
package struct PlotPoint {
    package var slot: AppState.Slot
    package var lat: Double
    package var lon: Double
    package var time: Int64
    package var actors: ActorList
    package var approximate: Bool

    @inline(__always)
    package init(_ slot: AppState.Slot, _ record: borrowing StoredIncident) {
        self.slot = slot
        lat = Double(record.lat)
        lon = Double(record.lon)
        time = record.time
        actors = record.actors
        approximate = record.isApproximatelyLocated
    }
}

/// Which incidents the map plots and with which actor: shared by the map, its cursor list and the
/// status line, so they always agree.
package enum MapPlot {
    /// The feed, or, while the feed is restricted to one cell, every incident the filters show, so the map keeps its context and another cell can be picked.
    package static func forEach(_ state: AppState, _ body: (PlotPoint) -> Void) {
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
    package static func forEachNewestFirst(_ state: AppState, _ body: (PlotPoint) -> Bool) {
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
    package static func hiddenMask(_ state: AppState) -> UInt16 {
        var mask: UInt16 = 0
        for actor in state.hidden where actor < 16 { mask |= UInt16(1) << UInt16(actor) }
        return mask
    }

    /// As `AppState.isVisible`: shown while any of its actors is. Indexes, not the list's
    /// iterator, which would allocate for every incident.
    @inline(__always)
    package static func isShown(_ actors: ActorList, hidden: UInt16) -> Bool {
        if hidden == 0 { return true }
        for i in 0..<actors.count where hidden & (UInt16(1) << UInt16(actors[i])) == 0 { return true }
        return false
    }

    /// As `AppState.leadActor`: the first shown actor decides glyph and colour.
    @inline(__always)
    package static func lead(_ actors: ActorList, hidden: UInt16, other: ActorID) -> ActorID {
        for i in 0..<actors.count where hidden & (UInt16(1) << UInt16(actors[i])) == 0 { return actors[i] }
        return actors.first ?? other
    }
}
