import Foundation

/// All incidents, compactly: records by arrival slot, an index of live slots in time order,
/// per-actor counts kept up to date, an id index for corrections and retractions, and a bound
/// on how many are kept (the oldest go first).
public struct IncidentStore: Sendable {
    public typealias Slot = Int32

    /// Records by slot (arrival order). Slots of removed incidents stay, marked not live.
    public private(set) var records: [StoredIncident] = []
    /// Live slots ordered by incident time; equal times keep arrival order.
    public private(set) var timeOrder: [Slot] = []
    /// Live incidents per actor (an incident counts once for each of its actors).
    public private(set) var actorCounts: [Int]
    /// Most incidents kept; beyond it the oldest by time are dropped.
    public let capacity: Int
    public private(set) var evicted = 0
    public private(set) var revisions = 0
    public private(set) var retractions = 0

    private var texts = StringTable()
    private var files = StringTable()
    /// Summary and id bytes of the records; `deadBytes` of it belong to removed ones.
    private var arena = TextArena()
    private var deadBytes = 0
    /// id hash → slot; ids whose hash is taken by another id go to `idOverflow`.
    private var idSlots: [UInt64: Slot] = [:]
    private var idOverflow: [String: Slot] = [:]

    public static let defaultCapacity = 2_000_000

    public init(actorCount: Int, capacity: Int = IncidentStore.defaultCapacity) {
        actorCounts = Array(repeating: 0, count: actorCount)
        self.capacity = max(1, capacity)
    }

    public var count: Int { timeOrder.count }

    /// How an insert changed the time order: views can extend themselves cheaply after `.appendedNewest`.
    public enum Change: Sendable, Equatable {
        /// Added after every other incident and nothing else moved.
        case appendedNewest(Slot)
        /// Added among older incidents (a late report); nothing else moved, so views can insert it.
        case insertedEarlier(Slot)
        /// Replaced an earlier version: derived views must be rebuilt.
        case reordered(Slot)
    }

    @discardableResult
    public mutating func insert(_ incident: Incident) -> Change {
        var replaced = false
        var revision: UInt16 = 0
        let id = incident.id ?? ""
        let hash = id.isEmpty ? 0 : Self.hash(id)
        if !id.isEmpty, let old = slot(forID: id, hash: hash) {
            revision = records[Int(old)].revision &+ 1
            remove(old)
            revisions += 1
            replaced = true
        }
        let slot = Slot(records.count)
        if records.count == records.capacity {
            // Grow by half rather than double: a million records are ~80 MB, doubling overshoots.
            records.reserveCapacity(max(1024, records.count + records.count / 2))
        }
        records.append(store(incident, revision: revision))
        if !id.isEmpty { indexID(id, hash, slot) }
        for actor in incident.actors where Int(actor) < actorCounts.count { actorCounts[Int(actor)] += 1 }
        let position = insertionPoint(for: incident.time)
        let atEnd = position == timeOrder.count
        timeOrder.insert(slot, at: position)
        if replaced { return .reordered(slot) }
        return atEnd ? .appendedNewest(slot) : .insertedEarlier(slot)
    }

    /// Removes the incident with this id; false when there is none.
    @discardableResult
    public mutating func retract(id: String) -> Bool {
        guard let slot = slot(forID: id) else { return false }
        remove(slot)
        retractions += 1
        return true
    }

    /// Drops the oldest incidents beyond capacity; returns how many went.
    @discardableResult
    public mutating func enforceCapacity() -> Int {
        let excess = timeOrder.count - capacity
        guard excess > 0 else { return 0 }
        for slot in timeOrder.prefix(excess) { release(slot) }
        timeOrder.removeFirst(excess)
        evicted += excess
        return excess
    }

    public func slot(forID id: String) -> Slot? {
        slot(forID: id, hash: Self.hash(id))
    }

    private func slot(forID id: String, hash: UInt64) -> Slot? {
        if let slot = idSlots[hash], records[Int(slot)].isLive, records[Int(slot)].idText.equals(id) { return slot }
        if idOverflow.isEmpty { return nil }
        if let slot = idOverflow[id], records[Int(slot)].isLive { return slot }
        return nil
    }

    /// String hashing, so ids that Swift holds equal (canonically equivalent) stay one id.
    static func hash(_ id: String) -> UInt64 { UInt64(bitPattern: Int64(id.hashValue)) }

    /// Lends the record in place: a loop that checks a field or two (the feed rebuild) then reads
    /// only those, not all 80 bytes of each record.
    public subscript(slot: Slot) -> StoredIncident {
        _read { yield records[Int(slot)] }
    }

    /// A place, source, type or unknown-actor text by its table index.
    public func text(_ index: UInt32) -> String { texts[index] }

    /// The range of `timeOrder` with times in `from...through` (either end open when nil).
    public func timeRange(from: Int64?, through: Int64?) -> Range<Int> {
        func firstIndex(where before: (Int64) -> Bool) -> Int {
            var lo = 0, hi = timeOrder.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(records[Int(timeOrder[mid])].time) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let lower = from.map { f in firstIndex { $0 < f } } ?? 0
        let upper = through.map { t in firstIndex { $0 <= t } } ?? timeOrder.count
        return lower..<max(lower, upper)
    }

    /// Time of the newest incident, if any.
    public var newestTime: Int64? { timeOrder.last.map { records[Int($0)].time } }

    /// The full incident for a slot (for the feed rows and the detail view).
    public func incident(_ slot: Slot) -> Incident {
        let r = records[Int(slot)]
        let unknown = texts[r.unknownNames]
        var incident = Incident(
            id: r.id.isEmpty ? nil : r.id, time: r.time, hasClockTime: r.flags.contains(.hasClockTime),
            place: texts[r.place], location: r.isLocated ? GeoPoint(lat: Double(r.lat), lon: Double(r.lon)) : nil,
            locatedByGazetteer: r.flags.contains(.locatedByGazetteer), actors: r.actors.array,
            unknownActorNames: unknown.isEmpty ? [] : unknown.components(separatedBy: "; "),
            type: EventType(parsing: texts[r.type]), fatalities: Int(r.fatalities), summary: r.summary,
            source: texts[r.source], origin: Origin(file: files[UInt32(r.file)], line: Int(r.line)))
        incident.seq = Int(slot)
        incident.revision = Int(r.revision)
        return incident
    }

    /// Location of a live incident as doubles, or nil.
    public func location(_ slot: Slot) -> GeoPoint? {
        let r = records[Int(slot)]
        return r.isLocated ? GeoPoint(lat: Double(r.lat), lon: Double(r.lon)) : nil
    }

    // MARK: - Internals

    private mutating func store(_ incident: Incident, revision: UInt16) -> StoredIncident {
        var flags: StoredIncident.Flags = [.live]
        if incident.hasClockTime { flags.insert(.hasClockTime) }
        if incident.locatedByGazetteer { flags.insert(.locatedByGazetteer) }
        let file = files.intern(incident.origin.file)
        let (summary, id) = arena.append(incident.summary, incident.id ?? "")
        return StoredIncident(
            time: incident.time,
            lat: incident.location.map { Float($0.lat) } ?? .nan,
            lon: incident.location.map { Float($0.lon) } ?? .nan,
            summaryText: summary,
            idText: id,
            actors: ActorList(incident.actors),
            place: texts.intern(incident.place),
            source: texts.intern(incident.source),
            type: texts.intern(incident.type.label),
            unknownNames: incident.unknownActorNames.isEmpty ? 0 : texts.intern(incident.unknownActorNames.joined(separator: "; ")),
            fatalities: UInt32(clamping: incident.fatalities),
            line: UInt32(clamping: incident.origin.line),
            file: UInt16(clamping: file),
            revision: revision,
            flags: flags)
    }

    private mutating func indexID(_ id: String, _ h: UInt64, _ slot: Slot) {
        if let existing = idSlots[h], records[Int(existing)].isLive, !records[Int(existing)].idText.equals(id) {
            idOverflow[id] = slot
        } else {
            idSlots[h] = slot
        }
    }

    /// Takes a live incident out of the time order and the counts.
    private mutating func remove(_ slot: Slot) {
        if let position = position(of: slot) { timeOrder.remove(at: position) }
        release(slot)
    }

    /// Marks a slot dead and frees what it holds (the time order is the caller's business).
    private mutating func release(_ slot: Slot) {
        let i = Int(slot)
        guard records[i].isLive else { return }
        for actor in records[i].actors where Int(actor) < actorCounts.count { actorCounts[Int(actor)] -= 1 }
        let idText = records[i].idText
        if idText.count > 0 {
            let id = idText.string
            let h = Self.hash(id)
            if idSlots[h] == slot { idSlots[h] = nil }
            if !idOverflow.isEmpty, idOverflow[id] == slot { idOverflow[id] = nil }
        }
        records[i].flags.remove(.live)
        deadBytes += Int(records[i].summaryText.count) + Int(idText.count)
        records[i].summaryText = .empty
        records[i].idText = .empty
        if deadBytes > 64 << 20, deadBytes > arena.bytes / 2 { compactTexts() }
    }

    /// Copies live texts to a fresh arena so removed ones stop holding memory. Store copies that
    /// share the old arena keep it alive for their own records.
    private mutating func compactTexts() {
        let fresh = TextArena()
        for i in records.indices where records[i].isLive {
            (records[i].summaryText, records[i].idText) = fresh.append(records[i].summaryText, records[i].idText)
        }
        arena = fresh
        deadBytes = 0
    }

    /// Where a live slot sits in the time order (binary search on time, then a short scan).
    public func position(of slot: Slot) -> Int? {
        let time = records[Int(slot)].time
        var lo = 0, hi = timeOrder.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[Int(timeOrder[mid])].time < time { lo = mid + 1 } else { hi = mid }
        }
        var i = lo
        while i < timeOrder.count, records[Int(timeOrder[i])].time == time {
            if timeOrder[i] == slot { return i }
            i += 1
        }
        return nil
    }

    /// After every incident at or before `time`, so equal times keep arrival order.
    private func insertionPoint(for time: Int64) -> Int {
        if let last = timeOrder.last, records[Int(last)].time <= time { return timeOrder.count }
        var lo = 0, hi = timeOrder.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[Int(timeOrder[mid])].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
