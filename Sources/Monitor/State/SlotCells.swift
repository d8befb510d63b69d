/// The map cell of every stored incident under one projection, by slot (-1: no location, or off
/// the map). Worked out once per projection and per arrival, so a filter key's pass over a million
/// incidents reads a number instead of projecting each one again. Slots are never reused and a
/// stored incident never moves, so a slot's cell stays right until the map moves.
struct SlotCells: Sendable {
    let projection: Projection
    private(set) var cells: [Int32] = []

    init(projection: Projection) { self.projection = projection }

    /// Works out the cells of slots added since the last call.
    mutating func extend(through records: [StoredIncident]) {
        guard records.count > cells.count else { return }
        let grid = projection.grid
        let from = cells.count
        cells.reserveCapacity(records.count)
        records.withUnsafeBufferPointer { records in
            for slot in from..<records.count {
                let r = records[slot]
                if r.isLocated, let cell = grid.cell(lat: Double(r.lat), lon: Double(r.lon)) {
                    cells.append(Int32(cell.y * grid.width + cell.x))
                } else {
                    cells.append(-1)
                }
            }
        }
    }
}

extension AppState {
    /// The cells of every stored incident under the map's current projection, brought up to date
    /// with the store; nil when the layout has no map.
    mutating func currentSlotCells() -> SlotCells? {
        guard let projection = mapProjection else {
            slotCells = nil
            return nil
        }
        if slotCells?.projection != projection { slotCells = SlotCells(projection: projection) }
        slotCells?.extend(through: store.records)
        return slotCells
    }
}
