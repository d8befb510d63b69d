/// All incidents, ordered by incident time (ties keep arrival order), with per-actor counts
/// kept up to date as incidents arrive.
public struct IncidentStore: Sendable {
    public private(set) var incidents: [Incident] = []
    /// Incidents per actor (an incident counts once for each of its actors).
    public private(set) var actorCounts: [Int]
    private var nextSeq = 1
    private var knownIDs: Set<String> = []

    public init(actorCount: Int) {
        actorCounts = Array(repeating: 0, count: actorCount)
    }

    public var count: Int { incidents.count }

    public enum Outcome: Sendable, Equatable { case added, replaced }

    /// Adds an incident; one whose id is already known replaces the earlier version.
    @discardableResult
    public mutating func insert(_ incoming: Incident) -> Outcome {
        var incident = incoming
        incident.seq = nextSeq
        nextSeq += 1
        var outcome = Outcome.added
        if let id = incident.id, !id.isEmpty {
            if knownIDs.contains(id), let old = incidents.lastIndex(where: { $0.id == id }) {
                incident.revision = incidents[old].revision + 1
                remove(at: old)
                outcome = .replaced
            }
            knownIDs.insert(id)
        }
        let position = insertionPoint(for: incident.time)
        incidents.insert(incident, at: position)
        for actor in incident.actors where Int(actor) < actorCounts.count { actorCounts[Int(actor)] += 1 }
        return outcome
    }

    private mutating func remove(at index: Int) {
        for actor in incidents[index].actors where Int(actor) < actorCounts.count { actorCounts[Int(actor)] -= 1 }
        incidents.remove(at: index)
    }

    /// After every incident with time ≤ `time`, so equal times keep arrival order. Appending in time order is O(1).
    private func insertionPoint(for time: Int64) -> Int {
        if let last = incidents.last, last.time <= time { return incidents.count }
        var lo = 0, hi = incidents.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if incidents[mid].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public func position(ofSeq seq: Int) -> Int? {
        incidents.lastIndex { $0.seq == seq }
    }

    public func incident(seq: Int) -> Incident? {
        position(ofSeq: seq).map { incidents[$0] }
    }
}
