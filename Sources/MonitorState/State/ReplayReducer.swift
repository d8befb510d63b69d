/// Replay: steps the moment the screen shows back and forward; `L` returns to live.
package enum ReplayReducer {
    package static func run(_ command: Command, on state: inout AppState) {
        switch command {
        case .replayStep(let days):
            guard let newest = state.store.newestTime else { return }
            // The first step starts from the newest incident; no step goes past it.
            let start = state.replayAt ?? newest
            state.replayAt = min(newest, start + Int64(days) * 86_400)
        case .live:
            guard state.replayAt != nil else { return }
            state.replayAt = nil
            state.newSincePause = 0
            state.selected = 0
        default:
            break
        }
    }
}
