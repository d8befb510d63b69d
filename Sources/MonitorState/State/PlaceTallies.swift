import MonitorCore

/// Per place, the shown incidents there: how many, the latest time, the dead, and which actors led
/// them. Kept in the state with the feed, so the hotspots panel ranks places without walking a
/// million incidents on every frame.
public struct PlaceTallies: Sendable {
    public struct Hotspot: Sendable, Equatable {
        /// The place's key (`AppState.hotspotKey`): one per gazetteer town, whatever the spelling;
        /// `AppState.hotspotName` names it.
        public var place: UInt32
        public var count = 0
        public var latest: Int64 = .min
        public var killed = 0
        /// The actor that led most of the place's incidents.
        public var lead: ActorID = 0
    }

    /// Place index → position in `entries` plus one (0: none yet); grows to the largest index seen.
    private var positions: [Int32] = []
    private var entries: [Hotspot] = []
    /// Sixteen lead-actor tallies per entry.
    private var leads: [Int32] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Counts one incident at a place (index 0, no place, is not counted).
    @inline(__always)
    public mutating func add(place: UInt32, time: Int64, fatalities: UInt32, lead: ActorID) {
        guard place != 0 else { return }
        let e = entry(for: place)
        entries[e].count += 1
        if time > entries[e].latest { entries[e].latest = time }
        entries[e].killed += Int(fatalities)
        leads[e * 16 + Int(lead & 0xF)] += 1
    }

    /// Adds one place's raw tallies from a scan (16 lead-actor counts).
    package mutating func add(place: UInt32, count: Int, latest: Int64, killed: Int, leads more: UnsafeBufferPointer<Int>) {
        guard place != 0, count > 0 else { return }
        let e = entry(for: place)
        entries[e].count += count
        entries[e].latest = max(entries[e].latest, latest)
        entries[e].killed += killed
        for a in 0..<min(16, more.count) { leads[e * 16 + a] += Int32(clamping: more[a]) }
    }

    /// A counted incident's dead changed by `delta` (a correction); a place not counted is left alone.
    package mutating func addKilled(_ delta: Int, place: UInt32) {
        let p = Int(place)
        guard place != 0, p < positions.count, positions[p] > 0 else { return }
        entries[Int(positions[p]) - 1].killed += delta
    }

    /// Adds the tallies of another part of the same scan.
    public mutating func merge(_ other: PlaceTallies) {
        for (i, theirs) in other.entries.enumerated() {
            let e = entry(for: theirs.place)
            entries[e].count += theirs.count
            entries[e].latest = max(entries[e].latest, theirs.latest)
            entries[e].killed += theirs.killed
            for a in 0..<16 { leads[e * 16 + a] += other.leads[i * 16 + a] }
        }
    }

    /// The `limit` places with the most incidents (the most recent first among equals), each with
    /// its leading actor.
    public func top(_ limit: Int) -> [Hotspot] {
        guard limit > 0 else { return [] }
        func before(_ a: Hotspot, _ b: Hotspot) -> Bool { (a.count, a.latest, b.place) > (b.count, b.latest, a.place) }
        // A bounded insertion keeps this linear in the number of places for a panel's few rows.
        var best: [(Hotspot, Int)] = []
        for (i, spot) in entries.enumerated() {
            guard best.count < limit || before(spot, best[best.count - 1].0) else { continue }
            let at = best.firstIndex { before(spot, $0.0) } ?? best.count
            best.insert((spot, i), at: at)
            if best.count > limit { best.removeLast() }
        }
        return best.map { spot, i in
            var spot = spot
            var lead = 0
            for a in 0..<16 where leads[i * 16 + a] > leads[i * 16 + lead] { lead = a }
            spot.lead = ActorID(lead)
            return spot
        }
    }

    @inline(__always)
    private mutating func entry(for place: UInt32) -> Int {
        let p = Int(place)
        if p >= positions.count { positions += Array(repeating: 0, count: max(p + 1 - positions.count, positions.count / 2)) }
        let known = positions[p]
        if known > 0 { return Int(known) - 1 }
        entries.append(Hotspot(place: place))
        leads += Array(repeating: 0, count: 16)
        positions[p] = Int32(entries.count)
        return entries.count - 1
    }
}
