import MonitorCore
import MonitorIngest
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
    /// Slots by the hash of their id (`IDHash`).
    private var ids = IDIndex()
    /// Earlier versions of revised incidents (oldest first, at most `keptVersions`), by the slot
    /// of the current version: the detail view's revision history. Revisions are rare, so whole
    /// incidents are kept.
    private var earlier: [Slot: [Incident]] = [:]
    public static let keptVersions = 8
    /// Where the id-index touch pass leaves its result, so the compiler keeps the reads.
    private var touched: Int32 = 0
    /// Each slot's summary letter mask (`LetterFold.letterMask`), mostly worked out by the
    /// decoders on their own cores; the scan keys take it from here.
    public private(set) var summaryLetters: [UInt32] = []
    /// Late reports of the batch being inserted, merged into the time order together when it
    /// ends: one pass over the time order per batch, not a move of it per report.
    private var pendingLate: [(time: Int64, slot: Slot)] = []
    /// Places in the time order of incidents replaced or retracted since it was last settled,
    /// taken out together with the late reports: one move of the time order per batch, not one
    /// per correction (a file of corrections to old incidents was quadratic, 0.43 ms each at
    /// 600,000). Until then they stay in it, dead, keeping their times, so it stays sorted.
    private var pendingRemovals: [Int] = []
    /// Slots of removed incidents not yet reclaimed (`reclaimSlots`).
    public private(set) var deadSlots = 0

    public static let defaultCapacity = 2_000_000

    /// A late report's arrival: when it came, by the wall clock, and how far its time lies before
    /// the newest incident stored when it came. Made only by the store (memberwise init).
    public struct Arrival: Sendable, Equatable {
        public var at: Int64
        public var delay: Int64
    }

    /// Late reports by slot (the detail view's report delay); only those, so neither a big
    /// first read nor a live flood of timely lines costs anything here. Entries go with their
    /// incident.
    public private(set) var arrivals: [Slot: Arrival] = [:]
    /// Live incidents flagged `.unseen`.
    public private(set) var unseenCount = 0
    /// Who held each place over time, from the incidents that report a change of hands
    /// (ARCHITECTURE.md §11).
    public private(set) var control = ControlHistory()
    /// A live arrival this long before the newest stored incident is a late report (6 hours).
    public static let lateAfter: Int64 = 6 * 3600

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
        /// Replaced an earlier version (the slot `replacing`, now removed): derived views absorb it
        /// when it leaves what they count unchanged, else they are rebuilt.
        case reordered(Slot, replacing: Slot)

        /// The slot of the incident filed.
        public var slot: Slot {
            switch self {
            case .appendedNewest(let s), .insertedEarlier(let s), .reordered(let s, _): s
            }
        }
    }

    @discardableResult
    public mutating func insert(_ incident: Incident) -> Change {
        let change = add(incident)
        mergePendingLate()
        compactIfNeeded()
        return change
    }

    /// Inserts every incident of a batch in order, telling `each` how each one changed the time
    /// order. Packed incidents (the JSON Lines fast path) go in without an `Incident` being built.
    public mutating func insert(contentsOf batch: IngestBatch, _ each: (Change) -> Void) {
        if batch.linesWaiting > 0 { reserve(arrivals: batch.incidentCount + batch.linesWaiting) }
        for segment in batch.packed.segments { insert(segment, each) }
        for incident in batch.listedIncidents { each(add(incident)) }
        mergePendingLate()
        compactIfNeeded()
    }

    private mutating func add(_ incident: Incident) -> Change {
        let (summary, idText) = arena.append(incident.summary, incident.id ?? "")
        return add(incident, summaryText: summary, idText: idText)
    }

    /// Files an `Incident` whose texts are already in the arena.
    private mutating func add(_ incident: Incident, summaryText: TextRef, idText: TextRef) -> Change {
        let id = incident.id ?? ""
        let hash = id.isEmpty ? 0 : IDHash.of(id)
        let old = id.isEmpty ? nil : slot(forID: id, hash: hash)
        let record = StoredIncident(
            PackedIncident(fixedFieldsOf: incident, asciiSummary: IDHash.isASCII(summaryText.bytes)),
            summaryText: summaryText, idText: idText,
            place: texts.intern(incident.place), source: texts.intern(incident.source),
            type: texts.intern(incident.type.label), actorNames: Self.names(incident, &texts),
            file: UInt16(clamping: files.intern(incident.origin.file)))
        let change = place(record, idHash: hash, replacing: old, letters: LetterFold.letterMask(summaryText.bytes))
        // Rare: only an incident that reports a change of hands costs more than this check.
        if incident.control != nil { control.record(incident, slot: change.slot) }
        return change
    }

    /// One segment of packed incidents: its strings are interned once each, its text block
    /// adopted by the arena as it is (a small one copied in), under one lock (ARCHITECTURE.md §4).
    private mutating func insert(_ segment: PackedSegment, _ each: (Change) -> Void) {
        var remap = [UInt32](repeating: .max, count: segment.strings.count)
        if !remap.isEmpty { remap[0] = 0 }
        let file = UInt16(clamping: files.intern(segment.file))
        // The id index is big and read at random: the entries of the next `touchAhead` records
        // are read in a tight loop, so that their cache misses overlap, just before those records
        // are filed, while the entries are still in cache. (One such pass over the whole segment
        // first let the texts and records written in between push the entries out again.)
        let records = segment.records
        let bits = PackedFlagBits()
        var sum: Int32 = 0
        let arena = self.arena
        arena.withLock {
            // The segment's text as the arena keeps it; its records' texts are read there.
            let text = arena.adoptHoldingLock(segment.text)
            for (i, r) in records.enumerated() {
                if i % Self.touchAhead == 0 {
                    for next in records[i..<min(records.count, i + Self.touchAhead)] where next.idCount > 0 {
                        sum &+= ids.touch(next.idHash)
                    }
                }
                if r.flags.rawValue & bits.full != 0 {
                    let incident = segment.full[r.line]
                    // The arena's lock is held: copy this one's text the same way.
                    each(add(incident, lockedArena: arena))
                    continue
                }
                let idText = TextRef(in: text, r.idStart, r.idCount)
                let old = r.idCount == 0 ? nil : slot(forID: idText.bytes, hash: r.idHash, ascii: r.flags.rawValue & bits.asciiID != 0)
                let record = StoredIncident(
                    r, summaryText: TextRef(in: text, r.summaryStart, r.summaryCount), idText: idText,
                    place: Self.string(r.place, segment, &remap, &texts),
                    source: Self.string(r.source, segment, &remap, &texts),
                    type: Self.string(r.type, segment, &remap, &texts),
                    actorNames: Self.string(r.actorNames, segment, &remap, &texts),
                    file: file, bits: bits)
                let change = place(record, idHash: r.idHash, replacing: old, letters: r.letters)
                // `r.control` first: `report(_:)` is a call from this module, and nearly every record has none.
                if r.control != 0, let report = segment.report(r) {
                    control.record(report.holder, place: segment.strings[Int(r.place)], time: r.time,
                                   location: r.lat.isNaN ? nil : GeoPoint(lat: r.lat, lon: r.lon),
                                   source: segment.strings[Int(r.source)], id: report.id, slot: change.slot)
                }
                each(change)
            }
        }
        touched = sum
    }

    /// How many records' id entries are read ahead at a time (`insert(segment)`).
    private static let touchAhead = 256

    /// The index of an incident's actor-names text (0 when it has no unknown or differently written names).
    private static func names(_ incident: Incident, _ texts: inout StringTable) -> UInt32 {
        if incident.unknownActorNames.isEmpty, incident.writtenActors.isEmpty { return 0 }
        return texts.intern(ActorNamesText.encode(unknown: incident.unknownActorNames, written: incident.writtenActors))
    }

    /// The store's index for a segment string, interned on first use.
    @inline(__always)
    private static func string(_ i: UInt32, _ segment: PackedSegment, _ remap: inout [UInt32],
                               _ texts: inout StringTable) -> UInt32 {
        if remap[Int(i)] == .max { remap[Int(i)] = texts.intern(segment.strings[Int(i)]) }
        return remap[Int(i)]
    }

    /// `add` for a full incident met inside a packed segment, while the arena's lock is held.
    private mutating func add(_ incident: Incident, lockedArena arena: TextArena) -> Change {
        var summary = incident.summary
        var id = incident.id ?? ""
        let (summaryText, idText) = summary.withUTF8 { s in
            id.withUTF8 { i in (arena.putHoldingLock(UnsafeRawBufferPointer(s)), arena.putHoldingLock(UnsafeRawBufferPointer(i))) }
        }
        return add(incident, summaryText: summaryText, idText: idText)
    }

    /// Files a new record: replaces the live one with the same id (`old`), indexes its id and
    /// puts it in the time order and the counts.
    private mutating func place(_ new: StoredIncident, idHash: UInt64, replacing old: Slot?, letters: UInt32) -> Change {
        var record = new
        // Where the old version sits in the time order, when the new one takes its place there.
        var replacedAt: Int?
        if let old {
            // The old version may be a late report of this batch, not yet in the time order
            // (late reports wait in slot order, so only a slot from the first of them on can be).
            if let first = pendingLate.first, old >= first.slot { mergePendingLate() }
            record.revision = records[Int(old)].revision &+ 1
            let versions = (earlier.removeValue(forKey: old) ?? []) + [incident(old)]
            // A correction that keeps its time (most do) moves within the incidents of that time,
            // not through the whole time order: a correction read alone costs no pass over it.
            if pendingRemovals.isEmpty, pendingLate.isEmpty, records[Int(old)].time == record.time {
                replacedAt = position(of: old)
            }
            remove(old, fromTimeOrder: replacedAt == nil)
            revisions += 1
            // Filed under the new version's slot (the next one). Kept inside this branch: an empty
            // list made for every new incident cost a release call each.
            earlier[Slot(records.count)] = Array(versions.suffix(Self.keptVersions))
        }
        let slot = Slot(records.count)
        if records.count == records.capacity {
            // Grow by half rather than double: a million records are ~80 MB, doubling overshoots.
            records.reserveCapacity(max(1024, records.count + records.count / 2))
        }
        records.append(record)
        if summaryLetters.count == summaryLetters.capacity { summaryLetters.reserveCapacity(records.capacity) }
        summaryLetters.append(letters)
        if record.idText.count > 0 { ids.insert(idHash, slot: slot) }
        // Through one buffer: an increment of the array itself checked its sharing each time.
        actorCounts.withUnsafeMutableBufferPointer { counts in
            for actor in record.actors where Int(actor) < counts.count { counts[Int(actor)] += 1 }
        }
        if let old, let at = replacedAt {
            replace(at: at, by: slot)
            return .reordered(slot, replacing: old)
        }
        // After every incident at or before its time, so equal times keep arrival order.
        let atEnd = timeOrder.last.map { records[Int($0)].time <= record.time } ?? true
        if atEnd { timeOrder.append(slot) } else { pendingLate.append((record.time, slot)) }
        if let old { return .reordered(slot, replacing: old) }
        return atEnd ? .appendedNewest(slot) : .insertedEarlier(slot)
    }

    /// Merges the batch's late reports into the time order: sorted among themselves, then one
    /// pass over the time order from where the earliest of them belongs (ARCHITECTURE.md §4).
    private mutating func mergePendingLate() {
        takeOutPendingRemovals()
        guard !pendingLate.isEmpty else { return }
        let late = pendingLate.sorted { ($0.time, $0.slot) < ($1.time, $1.slot) }
        pendingLate.removeAll(keepingCapacity: true)
        let places = records.withUnsafeBufferPointer { records in
            TimeMerge.places(of: late, in: timeOrder) { records[Int($0)].time }
        }
        TimeMerge.insert(late, at: places, into: &timeOrder)
    }

    /// Makes room for about `arrivals` more incidents (bounded by the capacity), so a big file
    /// read in many batches does not copy the records again and again as they grow.
    public mutating func reserve(arrivals: Int) {
        let more = min(max(0, arrivals), capacity)
        // The estimate of what a file still holds creeps from batch to batch: a sixteenth more than
        // it absorbs that, where growth by half held up to 40 MB of empty records at a million.
        // Still geometric, so small batches do not reallocate one by one.
        let wanted = records.count + more
        if wanted > records.capacity { records.reserveCapacity(max(wanted + wanted / 16, records.capacity + records.capacity / 16)) }
        if records.capacity > summaryLetters.capacity { summaryLetters.reserveCapacity(records.capacity) }
        let order = timeOrder.count + more
        if order > timeOrder.capacity { timeOrder.reserveCapacity(max(order, timeOrder.capacity * 2)) }
        ids.reserve(ids.count + more)
    }

    /// Removes the incident with this id; false when there is none.
    @discardableResult
    public mutating func retract(id: String) -> Bool { retractIncident(id: id) != nil }

    /// Removes the incident with this id and returns it as it was, so the officer can be told
    /// what disappeared; nil when there is none.
    public mutating func retractIncident(id: String) -> Incident? {
        retractIncidents(ids: [id]).first?.incident
    }

    /// Removes the incidents with these ids and returns each as it was (ids with none are
    /// skipped); the time order is settled once for them all, not once each (a batch of
    /// retractions cost a move of the whole time order apiece, 0.4 ms each at 600,000).
    public mutating func retractIncidents(ids: [String]) -> [(id: String, incident: Incident)] {
        var gone: [(id: String, incident: Incident)] = []
        for id in ids {
            guard let slot = slot(forID: id) else { continue }
            gone.append((id, incident(slot)))
            remove(slot)
            retractions += 1
        }
        takeOutPendingRemovals()
        compactIfNeeded()
        return gone
    }

    /// Flags an incident that arrived while its source was followed live: unseen, and late when
    /// its time lies more than `lateAfter` before `newest` (the newest stored before it came).
    public mutating func noteLiveArrival(_ slot: Slot, at wall: Int64, newest: Int64?) {
        let i = Int(slot)
        guard records.indices.contains(i), records[i].isLive else { return }
        let delay = newest.map { max(0, $0 - records[i].time) } ?? 0
        if !records[i].isUnseen { unseenCount += 1 }
        records[i].flags.insert(.unseen)
        guard delay > Self.lateAfter else { return }
        records[i].flags.insert(.late)
        arrivals[slot] = Arrival(at: wall, delay: delay)
    }

    /// An officer flagged (or unflagged) the incident in the watch log: the bit the flagged-only
    /// filter reads (ARCHITECTURE.md §9). True when it changed.
    @discardableResult
    public mutating func setFlagged(_ slot: Slot, _ on: Bool) -> Bool {
        let i = Int(slot)
        guard records.indices.contains(i), records[i].isLive, records[i].flags.contains(.flagged) != on else { return false }
        if on { records[i].flags.insert(.flagged) } else { records[i].flags.remove(.flagged) }
        return true
    }

    /// The officer looked at this incident; true when it was unseen.
    @discardableResult
    public mutating func markSeen(_ slot: Slot) -> Bool {
        let i = Int(slot)
        guard records.indices.contains(i), records[i].isUnseen else { return false }
        records[i].flags.remove(.unseen)
        unseenCount -= 1
        return true
    }

    /// Marks every incident seen: one pass over the flags, a few milliseconds at a million.
    public mutating func markAllSeen() {
        guard unseenCount > 0 else { return }
        for i in records.indices where records[i].isUnseen { records[i].flags.remove(.unseen) }
        unseenCount = 0
    }

    /// Drops the oldest incidents once there are more than `capacity`, down to `capacity` less
    /// an eviction step (1/64 of it), so that the time order, and the feed derived from it, move
    /// once per step rather than once per arrival; returns how many went.
    @discardableResult
    public mutating func enforceCapacity() -> Int {
        takeOutPendingRemovals()
        guard timeOrder.count > capacity else { return 0 }
        let excess = timeOrder.count - capacity + evictionStep - 1
        for slot in timeOrder.prefix(excess) {
            if !control.isEmpty { control.forget(slot) }
            release(slot)
        }
        timeOrder.removeFirst(excess)
        evicted += excess
        compactIfNeeded()
        return excess
    }

    /// How far below `capacity` an eviction goes: at most 1/64 of it, so the store always keeps
    /// at least 98% of its limit once full.
    public var evictionStep: Int { max(1, capacity / 64) }

    /// Reclaims the slots of removed incidents once they are more than a quarter of the live
    /// ones: live records move down in slot order (arrival order is kept), and the returned map
    /// says where each old slot went (-1: gone). Memory then follows what is kept, not what
    /// has passed through, and slot numbers stay below 1.25 times the limit.
    /// `busy`: this batch already did a long step (an eviction); the reclaim then waits until
    /// removed slots outnumber half the live ones, so it mostly runs in a batch of its own.
    public mutating func reclaimSlots(busy: Bool = false) -> SlotRemap? {
        let live = records.count - deadSlots
        let due = max(Self.reclaimFloor, live / 4)
        guard deadSlots > (busy ? 2 * due : due) else { return nil }
        mergePendingLate()
        var map = [Slot](repeating: -1, count: records.count)
        var kept = 0
        records.withUnsafeMutableBufferPointer { records in
            for i in records.indices where records[i].isLive {
                map[i] = Slot(kept)
                if kept != i { records[kept] = records[i] }
                kept += 1
            }
        }
        records.removeLast(records.count - kept)
        var moved = 0
        for i in summaryLetters.indices where map[i] >= 0 {
            summaryLetters[moved] = summaryLetters[i]
            moved += 1
        }
        summaryLetters.removeLast(summaryLetters.count - moved)
        for i in timeOrder.indices { timeOrder[i] = map[Int(timeOrder[i])] }
        ids.remap(map)
        earlier = Dictionary(uniqueKeysWithValues: earlier.compactMap { map[Int($0.key)] < 0 ? nil : (map[Int($0.key)], $0.value) })
        arrivals = Dictionary(uniqueKeysWithValues: arrivals.compactMap { map[Int($0.key)] < 0 ? nil : (map[Int($0.key)], $0.value) })
        let remap = SlotRemap(map)
        control.follow(remap)
        deadSlots = 0
        reclaimed += 1
        return remap
    }

    /// Removed texts below this many bytes are never compacted away.
    package static let compactTextsFrom = 8 << 20
    /// The arena's size in bytes, removed texts included.
    public var textBytes: Int { arena.bytes }
    /// What the arena holds in memory for them (`TextArena.allocated`).
    package var textBytesAllocated: Int { arena.allocated }

    /// Below this many dead slots none are reclaimed: small stores keep their numbers.
    public static let reclaimFloor = 4096
    /// How many times slots were reclaimed.
    public private(set) var reclaimed = 0

    public func slot(forID id: String) -> Slot? {
        slot(forID: id, hash: IDHash.of(id))
    }

    private func slot(forID id: String, hash: UInt64) -> Slot? {
        ids.find(hash) { records[Int($0)].isLive && records[Int($0)].idText.equals(id) }
    }

    private func slot(forID id: UnsafeRawBufferPointer, hash: UInt64, ascii: Bool) -> Slot? {
        ids.find(hash) { records[Int($0)].isLive && records[Int($0)].idText.equals(id, ascii: ascii) }
    }

    /// Lends the record in place: a loop that checks a field or two (the feed rebuild) then reads
    /// only those, not all 80 bytes of each record.
    public subscript(slot: Slot) -> StoredIncident {
        _read { yield records[Int(slot)] }
    }

    /// A place, source, type or actor-names text by its table index.
    public func text(_ index: UInt32) -> String { texts[index] }

    /// A table text as text search reads it: of an actor-names text, the unknown names only (the
    /// names as written are for the detail view).
    public func searchText(_ index: UInt32) -> String { ActorNamesText.searchable(texts[index]) }

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

    /// The versions a revised incident replaced, oldest first (empty when it was never revised).
    public func earlierVersions(_ slot: Slot) -> [Incident] { earlier[slot] ?? [] }

    /// The full incident for a slot (for the feed rows and the detail view).
    public func incident(_ slot: Slot) -> Incident {
        let r = records[Int(slot)]
        let names = ActorNamesText.decode(texts[r.actorNames])
        var incident = Incident(
            id: r.id.isEmpty ? nil : r.id, time: r.time, hasClockTime: r.flags.contains(.hasClockTime),
            place: texts[r.place], location: r.isLocated ? GeoPoint(lat: Double(r.lat), lon: Double(r.lon)) : nil,
            locatedByGazetteer: r.flags.contains(.locatedByGazetteer), actors: r.actors.array,
            unknownActorNames: names.unknown, writtenActors: names.written,
            type: EventType(parsing: texts[r.type]), fatalities: r.flags.contains(.fatalitiesUnknown) ? nil : Int(r.fatalities), summary: r.summary,
            source: texts[r.source], origin: Origin(file: files[UInt32(r.file)], line: Int(r.line), offset: r.offset),
            precision: r.precision)
        incident.seq = Int(slot)
        incident.revision = Int(r.revision)
        if !control.isEmpty { incident.control = control.change(of: slot)?.holder }
        return incident
    }

    /// Location of a live incident as doubles, or nil.
    public func location(_ slot: Slot) -> GeoPoint? {
        let r = records[Int(slot)]
        return r.isLocated ? GeoPoint(lat: Double(r.lat), lon: Double(r.lon)) : nil
    }

    // MARK: - Internals

    /// Takes a live incident out of the time order (unless the caller puts another in its
    /// place there) and the counts.
    private mutating func remove(_ slot: Slot, fromTimeOrder: Bool = true) {
        // A correction or retraction undoes the change of hands the old version reported.
        if !control.isEmpty { control.remove(slot) }
        if fromTimeOrder, let position = position(of: slot) { pendingRemovals.append(position) }
        release(slot)
    }

    /// Puts `slot` (of the same time as the one at `position`) in the place of the one at
    /// `position`, after the others of its time.
    private mutating func replace(at position: Int, by slot: Slot) {
        let time = records[Int(slot)].time
        records.withUnsafeBufferPointer { records in
            TimeMerge.replace(position, by: slot, at: time, in: &timeOrder) { records[Int($0)].time }
        }
    }

    /// Takes the removed incidents' places out of the time order in one pass from the first.
    private mutating func takeOutPendingRemovals() {
        guard !pendingRemovals.isEmpty else { return }
        pendingRemovals.sort()
        let removals = pendingRemovals
        pendingRemovals.removeAll(keepingCapacity: true)
        timeOrder.withUnsafeMutableBufferPointer { order in
            var kept = removals[0], next = 0
            for i in removals[0]..<order.count {
                if next < removals.count, removals[next] == i {
                    next += 1
                    continue
                }
                order[kept] = order[i]
                kept += 1
            }
        }
        timeOrder.removeLast(removals.count)
    }

    /// Marks a slot dead and frees what it holds (the time order is the caller's business).
    private mutating func release(_ slot: Slot) {
        let i = Int(slot)
        guard records[i].isLive else { return }
        if !earlier.isEmpty { earlier[slot] = nil }
        if !arrivals.isEmpty { arrivals[slot] = nil }
        if records[i].isUnseen { unseenCount -= 1 }
        for actor in records[i].actors where Int(actor) < actorCounts.count { actorCounts[Int(actor)] -= 1 }
        let idText = records[i].idText
        if idText.count > 0 { ids.remove(IDHash.of(bytes: idText.bytes), slot: slot) }
        records[i].flags.subtract([.live, .unseen])
        deadSlots += 1
        deadBytes += Int(records[i].summaryText.count) + Int(idText.count)
        records[i].summaryText = .empty
        records[i].idText = .empty
    }

    /// Compacts the arena once removed texts hold more than half of it (and over 8 MiB): the
    /// copy costs at most what was freed, and a small store fed for days stays small. Run
    /// between inserts, never while a segment is being copied into the arena.
    private mutating func compactIfNeeded() {
        if deadBytes > Self.compactTextsFrom, deadBytes > arena.bytes / 2 { compactTexts() }
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
        let n = timeOrder.count
        if let last = timeOrder.last, records[Int(last)].time <= time { return n }
        // Late reports mostly belong near the end (a date-only line sorts at its midnight): gallop
        // back from the end through recent, cached records before the binary search.
        var hi = n - 1  // records[timeOrder[hi]].time > time
        var step = 1
        var lo = hi - step
        while lo >= 0, records[Int(timeOrder[lo])].time > time {
            hi = lo
            step *= 2
            lo = hi - step
        }
        lo = max(lo + 1, 0)
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[Int(timeOrder[mid])].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
