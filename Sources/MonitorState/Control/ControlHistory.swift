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

    /// Changes per place key, oldest first.
    public private(set) var places: [String: [Change]] = [:]
    /// The place key of each stored incident that reports a change.
    private var placeOfSlot: [Slot: String] = [:]
    private var arrivals = 0

    public init() {}

    public var isEmpty: Bool { places.isEmpty }
    public var count: Int { places.values.reduce(0) { $0 + $1.count } }

    /// Places match ignoring case, as the gazetteer matches them.
    public static func key(_ place: String) -> String { place.lowercased() }

    /// Files the change an incident reports; an incident without a place holds nothing.
    package mutating func record(_ incident: Incident, slot: Slot) {
        guard let holder = incident.control, !incident.place.isEmpty else { return }
        let key = Self.key(incident.place)
        arrivals += 1
        let change = Change(place: incident.place, time: incident.time, holder: holder, location: incident.location,
                            source: incident.source, id: incident.id, slot: slot, order: arrivals)
        var list = places[key] ?? []
        let at = list.firstIndex { ($0.time, $0.order) > (change.time, change.order) } ?? list.count
        list.insert(change, at: at)
        places[key] = list
        placeOfSlot[slot] = key
    }

    /// A correction replaced the incident, or it was retracted: its change is undone.
    package mutating func remove(_ slot: Slot) {
        guard let key = placeOfSlot.removeValue(forKey: slot) else { return }
        places[key]?.removeAll { $0.slot == slot }
        if places[key]?.isEmpty == true { places[key] = nil }
    }

    /// The store let the incident go for room: the change of hands stays, without its incident.
    package mutating func forget(_ slot: Slot) {
        guard let key = placeOfSlot.removeValue(forKey: slot), var list = places[key] else { return }
        for i in list.indices where list[i].slot == slot { list[i].slot = nil }
        places[key] = list
    }

    /// Slots follow the store's reclaim (ARCHITECTURE.md §4).
    package mutating func follow(_ remap: SlotRemap) {
        guard !placeOfSlot.isEmpty else { return }
        var moved: [Slot: String] = [:]
        for (key, var list) in places {
            for i in list.indices {
                guard let old = list[i].slot else { continue }
                list[i].slot = remap[old]
                if let new = list[i].slot { moved[new] = key }
            }
            places[key] = list
        }
        placeOfSlot = moved
    }

    /// The holder of a place at a moment (nil: now) and the change before it.
    public func holding(_ place: String, at moment: Int64? = nil) -> (now: Change, before: Change?)? {
        guard let list = places[Self.key(place)] else { return nil }
        let upTo = moment.map { t in list.lastIndex { $0.time <= t }.map { $0 + 1 } ?? 0 } ?? list.count
        guard upTo > 0 else { return nil }
        return (list[upTo - 1], upTo > 1 ? list[upTo - 2] : nil)
    }

    /// Every place's latest change at a moment (nil: now).
    public func holders(at moment: Int64? = nil) -> [Change] {
        places.keys.sorted().compactMap { holding($0, at: moment)?.now }
    }

    /// The change a slot's incident reports, if any.
    public func change(of slot: Slot) -> Change? {
        guard let key = placeOfSlot[slot] else { return nil }
        return places[key]?.first { $0.slot == slot }
    }

    /// Every change with the holder before it, newest first (ties: latest arrival first).
    public func changesNewestFirst() -> [(change: Change, before: ControlHolder?)] {
        var all: [(change: Change, before: ControlHolder?)] = []
        for list in places.values {
            for (i, change) in list.enumerated() { all.append((change, i > 0 ? list[i - 1].holder : nil)) }
        }
        return all.sorted { ($0.change.time, $0.change.order) > ($1.change.time, $1.change.order) }
    }
}
