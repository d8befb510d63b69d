import MonitorCore

extension HandoverSummary {
    /// What happened since the officer's last session: the incidents that arrived meanwhile (those
    /// still unseen), by lead actor and by type, and the sources now silent. One walk of the
    /// store's records, done when the view opens.
    package static func gather(_ state: AppState) -> HandoverSummary {
        var actors: [Int] = Array(repeating: 0, count: state.registry.count + 1)
        var types: [UInt32: Int] = [:]
        var total = 0
        let other = state.registry.otherID
        for record in state.store.records where record.isLive && record.isUnseen {
            total += 1
            let lead = record.actors.first ?? other
            if Int(lead) < actors.count { actors[Int(lead)] += 1 }
            types[record.type, default: 0] += 1
        }
        let byActor = actors.indices.filter { $0 < state.registry.count && actors[$0] > 0 }
            .map { (state.registry[ActorID($0)].key, actors[$0]) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let byType = types.map { (state.store.text($0.key), $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let stale = state.sources.filter { state.silence(of: $0) != nil }.map(\.name)
        return HandoverSummary(since: state.watch.lastSession?.savedAt ?? state.startedAt ?? state.now,
                               byActor: byActor, byType: byType, newIncidents: total, staleSources: stale)
    }
}
