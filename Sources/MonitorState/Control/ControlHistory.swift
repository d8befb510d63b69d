import MonitorCore

/// Who held each place over time (ARCHITECTURE.md §11): only the incidents that report a change
/// of hands, per place in time order. The store keeps it beside its records and feeds it as
/// incidents arrive, are corrected, retracted or evicted, so an arrival costs one check of
/// `Incident.control`.
public struct ControlHistory: Sendable, Equatable {
    public typealias Slot = IncidentStore.Slot

    /// One change of hands.
    public struct Change: Sendable, Equatable {
        /// The place as the incident names it.
        public var place: String
        public var time: Int64
        public var holder: ControlHolder
        public var location: GeoPoint?
        /// The incident's source and id, which name it across restarts (nil: it had no id).
        public var source: String
        public var id: String?
        /// The incident in the store; nil once the store let it go for room (the change stays).
        public var slot: Slot?
        /// Arrival order, which breaks ties between changes at one time.
        package var order: Int
    }

    /// Place keys, interned: a change is filed under its key's number, and a slot maps to a
    /// number, not a String it retains.
    private var keys = StringTable()
    /// Places as written, interned, and the key number of each (`keyOf[written]`): the same few
    /// places change hands again and again, and `StringTable` finds a spelling met lately without
    /// lowercasing or hashing it (an ACLED file has a change in every fifth row, §11).
    private var written = StringTable()
    private var keyOf: [UInt32] = [0]
    /// Changes per key number, oldest first (empty once all its changes were undone; 0 unused).
    private var lists: [ChangeList] = [ChangeList()]
    /// Where the change each slot's incident reports is filed, by slot (key 0: none). An array,
    /// not a dictionary: in an ACLED file every fifth row reports a change, and hashing each
    /// into a dictionary cost more than filing the change itself. It reaches at most twice as far
    /// as the highest slot that reported one, so it follows what the store keeps.
    private var filed: [Filing] = []
    /// All changes kept, at every place.
    public private(set) var count = 0
    /// How many slots' incidents report a change (the entries of `filed` with a key).
    private var slotsWithChanges = 0
    private var arrivals = 0
    /// Changes kept without their incident.
    private var forgotten = 0

    /// A slot's change: its place's key number (0: none), and its time and arrival, by which
    /// `ChangeList` finds it.
    private struct Filing {
        var key: UInt32 = 0
        var time: Int64 = 0
        var order = 0
    }

    public init() {}

    /// Changes per place key, oldest first.
    public var places: [String: [Change]] {
        var out: [String: [Change]] = [:]
        for (n, list) in lists.enumerated() where !list.isEmpty { out[keys[UInt32(n)]] = list.all }
        return out
    }

    /// What two histories hold, whatever numbers their places got.
    public static func == (a: ControlHistory, b: ControlHistory) -> Bool {
        a.arrivals == b.arrivals && a.forgotten == b.forgotten && a.places == b.places
            && a.placesOfSlots == b.placesOfSlots
    }

    /// Each slot that reports a change, with its place key.
    private var placesOfSlots: [Slot: String] {
        var out: [Slot: String] = [:]
        for (slot, filing) in filed.enumerated() where filing.key != 0 { out[Slot(slot)] = keys[filing.key] }
        return out
    }

    /// Where the change `slot`'s incident reports is filed (nil: none).
    private func filing(of slot: Slot) -> Filing? {
        let i = Int(slot)
        guard i >= 0, i < filed.count, filed[i].key != 0 else { return nil }
        return filed[i]
    }

    /// Files `slot`'s change (key 0: takes it out).
    private mutating func file(_ filing: Filing, of slot: Slot) {
        let i = Int(slot)
        guard i >= 0 else { return }
        if i >= filed.count {
            guard filing.key != 0 else { return }
            // Grown by doubling, in one piece: slots arrive one after the other.
            let grown = max(i + 1, 2 * filed.count, 1024)
            filed.reserveCapacity(grown)
            filed.append(contentsOf: repeatElement(Filing(), count: grown - filed.count))
        }
        if filed[i].key == 0, filing.key != 0 { slotsWithChanges += 1 }
        if filed[i].key != 0, filing.key == 0 { slotsWithChanges -= 1 }
        filed[i] = filing
    }

    /// The number of `place`'s key (a new key gets one).
    private mutating func number(_ place: String) -> UInt32 {
        let w = Int(written.intern(place))
        if w < keyOf.count { return keyOf[w] }
        let n = keys.intern(Self.key(place))
        keyOf.append(n)
        while lists.count <= Int(n) { lists.append(ChangeList()) }
        return n
    }

    public var isEmpty: Bool { count == 0 }

    /// Places match ignoring case, as the gazetteer matches them.
    public static func key(_ place: String) -> String { place.lowercased() }

    /// Files the change an incident reports; an incident without a place holds nothing.
    package mutating func record(_ incident: Incident, slot: Slot) {
        guard let holder = incident.control else { return }
        record(holder, place: incident.place, time: incident.time, location: incident.location,
               source: incident.source, id: incident.id, slot: slot)
    }

    /// Files one change of hands. Changes mostly arrive in time order, so the place is found by
    /// a binary search and the list is changed where it lies, in its chunk (`ChangeList`): a copy
    /// or a move of the whole list per arrival made this cost grow with the place's history.
    package mutating func record(_ holder: ControlHolder, place: String, time: Int64, location: GeoPoint?,
                                 source: String, id: String?, slot: Slot) {
        guard !place.isEmpty else { return }
        let n = number(place)
        arrivals += 1
        let change = Change(place: place, time: time, holder: holder, location: location,
                            source: source, id: id, slot: slot, order: arrivals)
        lists[Int(n)].insertInOrder(change)
        count += 1
        file(Filing(key: n, time: time, order: arrivals), of: slot)
    }

    /// A correction replaced the incident, or it was retracted: its change is undone.
    package mutating func remove(_ slot: Slot) {
        guard let filing = filing(of: slot) else { return }
        file(Filing(), of: slot)
        if lists[Int(filing.key)].remove(time: filing.time, order: filing.order) { count -= 1 }
    }

    /// The store let the incident go for room: the change of hands stays, without its incident.
    /// Of those let go, each place keeps only its latest (which still says who holds it), so the
    /// history follows what the store keeps; the older ones are pruned in one pass once they
    /// outnumber the kept ones.
    package mutating func forget(_ slot: Slot) {
        guard let filing = filing(of: slot) else { return }
        file(Filing(), of: slot)
        lists[Int(filing.key)].modify(time: filing.time, order: filing.order) { $0.slot = nil }
        forgotten += 1
        // After a prune at most one a place is left, so prunes are far apart: O(1) a change, amortised.
        if forgotten > 2 * max(64, slotsWithChanges + lists.count) { prune() }
    }

    /// Drops every change let go except each place's latest one.
    private mutating func prune() {
        for n in lists.indices { lists[n].keepLatestForgotten() }
        count = lists.reduce(0) { $0 + $1.count }
        forgotten = lists.reduce(0) { $0 + ($1.holdsForgotten ? 1 : 0) }
    }

    /// Slots follow the store's reclaim (ARCHITECTURE.md §4).
    package mutating func follow(_ remap: SlotRemap) {
        guard slotsWithChanges > 0 else { return }
        filed = []
        slotsWithChanges = 0
        for n in lists.indices {
            var moved: [(Slot, Filing)] = []
            lists[n].modifyAll { change in
                guard let old = change.slot else { return }
                change.slot = remap[old]
                if let new = change.slot { moved.append((new, Filing(key: UInt32(n), time: change.time, order: change.order))) }
            }
            for (slot, filing) in moved { file(filing, of: slot) }
        }
    }

    /// The holder of a place at a moment (nil: now) and the change before it.
    public func holding(_ place: String, at moment: Int64? = nil) -> (now: Change, before: Change?)? {
        guard let n = keys.lookup(Self.key(place)) else { return nil }
        return lists[Int(n)].latest(atOrBefore: moment ?? .max)
    }

    /// Every place's latest change at a moment (nil: now).
    public func holders(at moment: Int64? = nil) -> [Change] {
        lists.indices.filter { !lists[$0].isEmpty }.map { keys[UInt32($0)] }.sorted().compactMap { holding($0, at: moment)?.now }
    }

    /// The change a slot's incident reports, if any.
    public func change(of slot: Slot) -> Change? {
        guard let filing = filing(of: slot) else { return nil }
        return lists[Int(filing.key)].change(time: filing.time, order: filing.order)
    }

    /// Every change with the holder before it, newest first (ties: latest arrival first).
    public func changesNewestFirst() -> [(change: Change, before: ControlHolder?)] {
        var all: [(change: Change, before: ControlHolder?)] = []
        for list in lists {
            let changes = list.all
            for (i, change) in changes.enumerated() { all.append((change, i > 0 ? changes[i - 1].holder : nil)) }
        }
        return all.sorted { ($0.change.time, $0.change.order) > ($1.change.time, $1.change.order) }
    }
}
