/// What a filter pass reads of each stored incident, packed in 32 bytes by slot: its time,
/// actors, place, type, dead and map cell. A pass over a million incidents then streams 32 MB
/// instead of the 80-byte records, and projects nothing. Slots are never reused and a stored
/// incident never changes, so a slot's key stays right; only the cells follow the map's projection.
struct ScanKey: Sendable {
    var time: Int64
    var actors: ActorList
    var place: UInt32
    var type: UInt32
    var fatalities: UInt32
    /// The map cell under `ScanKeys.projection`, -1 when unlocated or off the map.
    var cell: Int32
}

struct ScanKeys: Sendable {
    private(set) var projection: Projection?
    private(set) var keys: [ScanKey] = []

    /// Adds the keys of slots stored since the last call; a new projection redoes every cell.
    mutating func update(_ records: [StoredIncident], projection: Projection?) {
        records.withUnsafeBufferPointer { records in
            if projection != self.projection {
                self.projection = projection
                let grid = projection?.grid
                keys.withUnsafeMutableBufferPointer { keys in
                    for slot in keys.indices { keys[slot].cell = Self.cell(records[slot], grid) }
                }
            }
            guard records.count > keys.count else { return }
            let grid = projection?.grid
            // Grown by half at a time: live arrivals add a few slots before each pass.
            if keys.capacity < records.count { keys.reserveCapacity(max(records.count, keys.capacity + keys.capacity / 2)) }
            for slot in keys.count..<records.count {
                let r = records[slot]
                keys.append(ScanKey(time: r.time, actors: r.actors, place: r.place, type: r.type,
                                    fatalities: r.fatalities, cell: Self.cell(r, grid)))
            }
        }
    }

    private static func cell(_ r: borrowing StoredIncident, _ grid: Projection.Grid?) -> Int32 {
        guard let grid, r.isLocated, let cell = grid.cell(lat: Double(r.lat), lon: Double(r.lon)) else { return -1 }
        return Int32(cell.y * grid.width + cell.x)
    }
}

extension AppState {
    /// The scan keys of every stored incident, brought up to date with the store and the map.
    mutating func currentScanKeys() -> ScanKeys {
        scanKeys.update(store.records, projection: mapProjection)
        return scanKeys
    }
}
