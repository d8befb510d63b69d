import MonitorCore

extension AppState {
    /// After the store reclaimed slots, every slot the state holds follows its incident: the feed
    /// (the full pass that comes next keeps the selection on it), the scan keys (moved, not
    /// worked out again), an open detail or raw-line view. A view of an incident that is gone
    /// closes: its slot may now hold another one.
    package mutating func follow(_ remap: SlotRemap) {
        let selection = selected > 0 ? selectedSlot.flatMap { remap[$0] } : nil
        feed = feed.compactMap { remap[$0] }
        if let selection, let row = feed.lastIndex(of: selection) { selected = feed.count - 1 - row }
        if let pin = selectionPin { selectionPin = remap[pin] }
        passing = .unknown
        scanKeys.follow(remap)
        switch overlay {
        case .detail(let seq, let scroll, let pick):
            overlay = remap[Slot(clamping: seq)].map { .detail(seq: Int($0), scroll: scroll, pick: pick) } ?? .none
        case .sourceLine(var view):
            if let slot = remap[Slot(clamping: view.seq)] {
                view.seq = Int(slot)
                overlay = .sourceLine(view)
            } else {
                overlay = .none
            }
        default:
            break
        }
    }
}
