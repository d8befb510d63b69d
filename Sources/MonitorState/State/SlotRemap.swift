/// Where each slot went when the store reclaimed the slots of removed incidents
/// (`IncidentStore.reclaimSlots`): live slots keep their order, removed ones map to nothing.
/// Whatever holds a slot across the reclaim (the feed, the selection, an open detail view, the
/// scan keys) follows it through this map.
public struct SlotRemap: Sendable, Equatable {
    public typealias Slot = IncidentStore.Slot
    /// Old slot → new slot, -1 for a slot that was freed.
    package let map: [Slot]

    package init(_ map: [Slot]) { self.map = map }

    /// The new number of an old slot, nil when it was freed (or never existed).
    public subscript(slot: Slot) -> Slot? {
        let i = Int(slot)
        guard i >= 0, i < map.count, map[i] >= 0 else { return nil }
        return map[i]
    }
}
