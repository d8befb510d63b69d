import MonitorCore

/// The rules on what arrives (ARCHITECTURE.md §9): once per arriving incident, O(rules + zones),
/// never a walk of the store. An incident that is news (read after its source's first read, or
/// beyond where the officer's last session had read it) raises an alert, once per rule and
/// incident whatever the log already holds; one from a first read of history is only counted,
/// so opening a big file does not ring thousands of alerts.
extension AppState {
    /// Installs the config's zones and rules (at start).
    public mutating func setWatchConfig(zones: [Zone], rules: [AlertRule], bell: Bool) {
        watch.configZones = zones
        watch.configRules = rules
        watch.bell = bell
        matcher = RuleMatcher(rules: watch.rules)
    }

    /// Tests `slots` (just stored) against the rules and the surge rule; `isNews` says which are
    /// news. Returns the alerts to record, and the bell.
    package mutating func raiseAlerts(_ slots: [Slot], isNews: (StoredIncident) -> Bool) -> [Effect] {
        let zones = watch.zones
        guard !matcher.isEmpty || !zones.isEmpty else { return [] }
        var effects: [Effect] = []
        var last: (AlertKey, String)?
        for slot in slots {
            let record = store[slot]
            guard record.isLive else { continue }
            var names = matcher.matches(record, in: store, registry: registry)
            // Surges are counted on every incident, history included: a week is judged on the weeks before it.
            if record.isLocated {
                let point = GeoPoint(lat: Double(record.lat), lon: Double(record.lon))
                let areas = zones.filter { $0.contains(point) }.map(\.name)
                if !areas.isEmpty {
                    let ref = ref(slot)
                    names += surges.record(time: record.time, areas: areas, incident: ref).map(\.ruleName)
                }
            }
            guard !names.isEmpty else { continue }
            guard isNews(record) else {
                watch.historicalMatches += 1
                continue
            }
            let ref = ref(slot)
            let place = store.text(record.place)
            for name in names {
                let key = AlertKey(rule: name, incident: ref)
                guard watch.alertKeys.insert(key).inserted else { continue }
                effects.append(.record(.alert(AlertRaised(key: key, place: place, summary: record.summary, incidentTime: record.time))))
                last = (key, "ALERT: \(name) — \(place.isEmpty ? "(no place)" : place) — \(record.summary)")
            }
        }
        if let (key, text) = last {
            watch.banner = AlertBanner(key: key, text: text, until: now + WatchState.bannerSeconds)
            if watch.bell { effects.append(.bell) }
        }
        return effects
    }
}
