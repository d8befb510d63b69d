import MonitorCore

/// What a filter pass reads of each stored incident, packed in 32 bytes by slot: its time,
/// actors, place, type, dead, map cell and the letters its texts hold. A pass over a million incidents then streams 32 MB
/// instead of the 80-byte records, and projects nothing. A stored incident never changes and a
/// slot is renumbered only when the store reclaims slots (the keys move with it, `follow`), so a
/// slot's key stays right; only the cells follow the map's projection.
package struct ScanKey: Sendable {
    package var time: Int64
    package var actors: ActorList
    /// The place's hotspot key (`ScanKeys.placeKey`): one per gazetteer town, whatever the spelling.
    package var place: UInt32
    package var type: UInt32
    /// As stored: 0 for an unreported count, so the minimum test leaves it out above 0.
    package var fatalities: UInt32
    /// The map cell under `ScanKeys.projection`, -1 when unlocated or off the map; with
    /// `approximateBit` set when the point is a region's centre (the 32 bytes are full, and a cell
    /// index never reaches bit 30).
    package var cell: Int32
    /// `TextFolding.letterMask` of summary, place, source, unknown actor names and the names of
    /// its actors: most text-filter answers come from this alone.
    package var letters: UInt32

    package static let approximateBit: Int32 = 1 << 30

    /// The cell's index (negative when none).
    @inline(__always) package var cellIndex: Int { Int(cell & ~Self.approximateBit) }
    /// Plotted at a region's centre (`StoredIncident.isApproximatelyLocated`).
    @inline(__always) package var isApproximate: Bool { cell & Self.approximateBit != 0 && cell >= 0 }
}

package struct ScanKeys: Sendable {
    package private(set) var projection: Projection?
    package private(set) var keys: [ScanKey] = []
    /// Letter masks of places, sources and unknown-actor texts by string index, and of actors.
    private var textLetters = TextIndexMemo<UInt32>()
    private var actorLetters: [UInt32] = []
    /// Place string index → hotspot key + 1 (0: not worked out yet). A place string is looked up
    /// in the gazetteer once, not per incident.
    private var placeKeys: [UInt32] = []
    /// Per gazetteer town (by its name), its key: the string index of the first spelling seen.
    private var townKeys: [String: UInt32] = [:]
    /// Key → the gazetteer's name, for keys of towns.
    private var townNames: [UInt32: String] = [:]
    /// The gazetteer incidents are placed with (`IncidentBuilder`'s), so hotspots agree with the map.
    package static let gazetteer = Gazetteer.mali

    /// Adds the keys of slots stored since the last call; a new projection redoes every cell.
    package mutating func update(_ store: IncidentStore, registry: ActorRegistry, projection: Projection?) {
        if actorLetters.isEmpty {
            actorLetters = registry.actors.map { TextFolding.letterMask($0.key) | TextFolding.letterMask($0.name) }
        }
        store.records.withUnsafeBufferPointer { records in
            if projection != self.projection {
                self.projection = projection
                let grid = projection?.grid
                keys.withUnsafeMutableBufferPointer { keys in
                    for slot in keys.indices { keys[slot].cell = Self.cell(records[slot], grid) }
                }
            }
            guard records.count > keys.count else { return }
            let grid = projection?.grid
            // Grown by half at a time. Sizing them to the records' room instead saved 30 MB of peak
            // memory at a million but made every filter pass 15-25% slower (window key 7.4-8.1 ms
            // against 9.2-9.6 ms, interleaved; the instructions are the same), so keystrokes win.
            if keys.capacity < records.count { keys.reserveCapacity(max(records.count, keys.capacity + keys.capacity / 2)) }
            for slot in keys.count..<records.count {
                let r = records[slot]
                var letters = slot < store.summaryLetters.count ? store.summaryLetters[slot] : 0
                letters |= lettersOf(r.place, store) | lettersOf(r.source, store) | lettersOf(r.actorNames, store)
                let actors = r.actors
                for k in 0..<actors.count where Int(actors[k]) < actorLetters.count { letters |= actorLetters[Int(actors[k])] }
                keys.append(ScanKey(time: r.time, actors: r.actors, place: placeKey(r.place, store), type: r.type,
                                    fatalities: r.fatalities, cell: Self.cell(r, grid), letters: letters))
            }
        }
    }

    /// Moves the keys of kept slots to their new numbers after the store reclaimed slots (live
    /// slots keep their order, so each key moves down); keys not yet worked out stay to do.
    package mutating func follow(_ remap: SlotRemap) {
        var kept = 0
        for slot in keys.indices {
            guard let new = remap[IncidentStore.Slot(slot)] else { continue }
            keys[Int(new)] = keys[slot]
            kept = Int(new) + 1
        }
        keys.removeLast(keys.count - kept)
    }

    /// The key hotspots count a place string under: "Tombouctou" and "Timbuktu" share one, as the
    /// gazetteer (accents, case, spaces, hyphens, aliases) puts them at one town. A place the
    /// gazetteer does not know keeps its own string. 0 (no place) stays 0.
    @inline(__always)
    package mutating func placeKey(_ index: UInt32, _ store: IncidentStore) -> UInt32 {
        guard index != 0 else { return 0 }
        let i = Int(index)
        if i < placeKeys.count, placeKeys[i] != 0 { return placeKeys[i] - 1 }
        return newPlaceKey(index, store)
    }

    /// `placeKey` for a place string met for the first time.
    private mutating func newPlaceKey(_ index: UInt32, _ store: IncidentStore) -> UInt32 {
        let i = Int(index)
        if i >= placeKeys.count { placeKeys += Array(repeating: 0, count: max(i + 1 - placeKeys.count, placeKeys.count / 2)) }
        var key = index
        if let town = Self.gazetteer.lookup(store.text(index)) {
            if let known = townKeys[town.name] {
                key = known
            } else {
                townKeys[town.name] = index
                townNames[index] = town.name
            }
        }
        placeKeys[i] = key + 1
        return key
    }

    /// What the hotspots call a key: the gazetteer's name for a town, else the place as written.
    package func placeName(_ key: UInt32, _ store: IncidentStore) -> String {
        townNames[key] ?? store.text(key)
    }

    /// (The look-up inline, the working out apart: three per arrival, nearly all already known.)
    @inline(__always)
    private mutating func lettersOf(_ index: UInt32, _ store: IncidentStore) -> UInt32 {
        if index == 0 { return 0 }
        if let known = textLetters[index] { return known }
        return newLetters(index, store)
    }

    private mutating func newLetters(_ index: UInt32, _ store: IncidentStore) -> UInt32 {
        let mask = TextFolding.letterMask(store.searchText(index))
        textLetters[index] = mask
        return mask
    }

    private static func cell(_ r: borrowing StoredIncident, _ grid: Projection.Grid?) -> Int32 {
        guard let grid, r.isLocated, let cell = grid.cell(lat: Double(r.lat), lon: Double(r.lon)) else { return -1 }
        let index = Int32(cell.y * grid.width + cell.x)
        return r.isApproximatelyLocated ? index | ScanKey.approximateBit : index
    }
}

extension AppState {
    /// Brings the scan keys up to date with the store and the map. Called as incidents arrive, so
    /// the first filter key after a big file is as quick as the next.
    package mutating func refreshScanKeys() {
        scanKeys.update(store, registry: registry, projection: mapProjection)
    }

    /// The hotspots' key of a place string (see `ScanKeys.placeKey`).
    package mutating func hotspotKey(_ place: UInt32) -> UInt32 {
        scanKeys.placeKey(place, store)
    }

    /// The name the hotspots pane shows for one of its places.
    public func hotspotName(_ key: UInt32) -> String {
        scanKeys.placeName(key, store)
    }
}
