/// What arrived while the officer watched: `u`/`U` jump to the next or previous unseen incident
/// (as lnav jumps between bookmarks), `M` marks everything seen, `r` switches the feed between
/// incident time and arrival order. Called by `Reducer`; performs no I/O.
package enum ArrivalReducer {
    package static func run(_ command: Command, on state: inout AppState) {
        switch command {
        case .nextUnseen:
            jump(by: 1, on: &state)
        case .previousUnseen:
            jump(by: -1, on: &state)
        case .markAllSeen:
            let count = state.store.unseenCount
            state.store.markAllSeen()
            state.flash = count == 0 ? "nothing unseen" : "\(count) marked seen"
        case .toggleOrder:
            state.order = state.order.toggled
            state.flash = state.order == .arrival ? "feed by arrival: newest arrival first" : "feed by incident time: newest first"
        default:
            break
        }
    }

    /// Selects the nearest unseen row below (`step` 1, older) or above (-1), wrapping round the
    /// feed. The selected row itself counts first when the follow mode put it there unseen.
    private static func jump(by step: Int, on state: inout AppState) {
        let total = state.store.unseenCount
        guard total > 0 else {
            state.flash = "nothing unseen"
            return
        }
        let rows = state.feed.count
        guard rows > 0 else {
            state.flash = hiddenText(total, state)
            return
        }
        var row = state.selected
        if row < rows, state.store[state.feedSlot(row)].isUnseen {
            select(row, on: &state)
            return
        }
        for _ in 0..<rows {
            row = (row + step + rows) % rows
            if state.store[state.feedSlot(row)].isUnseen {
                select(row, on: &state)
                return
            }
        }
        state.flash = hiddenText(total, state)
    }

    /// Why none of the unseen incidents is in the feed.
    private static func hiddenText(_ total: Int, _ state: AppState) -> String {
        state.replayAt == nil ? "\(total) unseen, all hidden by the filters" : "\(total) unseen, none in the replay (N returns to live)"
    }

    private static func select(_ row: Int, on state: inout AppState) {
        state.select(row: row)
        state.markSelectedSeen()
        let left = state.store.unseenCount
        // The status line already counts what is left; only the last one needs saying.
        state.flash = left == 0 ? "last unseen incident" : nil
    }
}

extension AppState {
    /// The officer selected a row: its incident is no longer news.
    public mutating func markSelectedSeen() {
        if let slot = selectedSlot { store.markSeen(slot) }
    }
}
