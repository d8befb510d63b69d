import MonitorCore

/// Incidents close to one in space and time, for the detail view: the same fight reported twice,
/// or what happened around it. Only the store's time slice around the incident is scanned.
extension AppState {
    public static let nearbyKm = 25.0
    public static let nearbySeconds: Int64 = 3 * 86_400

    /// Other incidents within 25 km and 3 days, nearest in time first, at most `limit`.
    public func nearby(_ slot: Slot, limit: Int = 10) -> [(slot: Slot, km: Double)] {
        guard let point = store.location(slot) else { return [] }
        let time = store[slot].time
        let order = store.timeOrder
        var found: [(slot: Slot, km: Double, gap: Int64)] = []
        for index in store.timeRange(from: time - Self.nearbySeconds, through: time + Self.nearbySeconds) {
            let other = order[index]
            guard other != slot, let there = store.location(other) else { continue }
            let km = GeoDistance.km(point, there)
            if km <= Self.nearbyKm { found.append((other, km, abs(store[other].time - time))) }
        }
        return found.sorted { $0.gap < $1.gap }.prefix(limit).map { ($0.slot, $0.km) }
    }
}
