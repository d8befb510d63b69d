import MonitorCore

/// The detail view's raw source line (`v`): which incident, the detail view to go back to, and
/// what the run loop read.
public struct SourceLineView: Sendable, Hashable {
    public var seq: Int
    /// The detail view's scroll and highlighted nearby incident, restored on the way back.
    public var detailScroll: Int
    public var pick: Int
    public var scroll = 0
    public var content = SourceLineContent.reading

    public init(seq: Int, detailScroll: Int, pick: Int, scroll: Int = 0, content: SourceLineContent = .reading) {
        self.seq = seq
        self.detailScroll = detailScroll
        self.pick = pick
        self.scroll = scroll
        self.content = content
    }

    /// The detail view it came from.
    public var detail: Overlay { .detail(seq: seq, scroll: detailScroll, pick: pick) }
}

/// `v` in the detail view. The reducer only asks: the run loop reads the file (`Effect.readSourceLine`).
package enum SourceLineReducer {
    package static func toggle(on state: inout AppState) -> [Effect] {
        switch state.overlay {
        case .sourceLine(let view):
            state.overlay = view.detail
            return []
        case .detail(let seq, let scroll, let pick):
            guard seq >= 0, seq < state.store.records.count, state.store.records[seq].isLive else { return [] }
            let slot = IncidentStore.Slot(seq)
            var view = SourceLineView(seq: seq, detailScroll: scroll, pick: pick)
            guard let offset = state.store[slot].offset else {
                view.content = .unavailable("where this line is in its file was not kept")
                state.overlay = .sourceLine(view)
                return []
            }
            state.overlay = .sourceLine(view)
            let incident = state.store.incident(slot)
            return [.readSourceLine(slot: slot, file: incident.origin.file, offset: offset, id: incident.id)]
        default:
            return []
        }
    }

    /// Esc from the source line goes back to the detail view; false when it is not open.
    package static func back(on state: inout AppState) -> Bool {
        guard case .sourceLine(let view) = state.overlay else { return false }
        state.overlay = view.detail
        return true
    }

    /// The run loop's answer; ignored when the officer has moved on to something else.
    package static func answer(slot: IncidentStore.Slot, _ content: SourceLineContent, on state: inout AppState) {
        guard case .sourceLine(var view) = state.overlay, view.seq == Int(slot), view.content == .reading else { return }
        view.content = content
        state.overlay = .sourceLine(view)
    }
}
