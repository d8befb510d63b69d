import MonitorCore

/// The control layer's keys (ARCHITECTURE.md §11): `C` shows who holds each place on the map,
/// `O` lists the changes of hands, Enter there opens the incident that reported one.
enum ControlReducer {
    static func run(_ command: Command, on state: inout AppState) {
        switch command {
        case .toggleControl:
            state.map.controlShown.toggle()
            let none = state.store.control.isEmpty ? " (no change of hands reported yet)" : ""
            state.flash = state.map.controlShown ? "control layer shown" + none : "control layer hidden"
        case .openControlChanges:
            if case .controlChanges = state.overlay { state.overlay = .none } else { state.overlay = .controlChanges(cursor: 0) }
        default:
            break
        }
    }

    /// Enter on a row of the list: the incident's detail, as the alert list opens one.
    static func openChange(_ cursor: Int, on state: inout AppState) {
        let changes = state.store.control.changesNewestFirst()
        guard cursor >= 0, cursor < changes.count else { return }
        guard let slot = changes[cursor].change.slot else {
            state.flash = "that incident is no longer in the store"
            return
        }
        state.store.markSeen(slot)
        state.overlay = .detail(seq: Int(slot), scroll: 0)
        if let index = state.feed.lastIndex(of: slot) { state.select(row: state.feed.count - 1 - index) }
    }
}
