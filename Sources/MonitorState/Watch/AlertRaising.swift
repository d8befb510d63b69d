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
        watchZonesChanged()
    }

    /// The rules and the surge areas follow the zones (config's and live ones).
    package mutating func watchZonesChanged() {
        matcher = RuleMatcher(rules: watch.rules)
        surgeAreas = SurgeAreas(zones: watch.zones)
    }

    /// Tests `slots` (just stored) against the rules and the surge rule; `isNews` says which are
    /// news. Returns the alerts to record, and the bell.
    package mutating func raiseAlerts(_ slots: [Slot], isNews: (StoredIncident) -> Bool) -> [Effect] {
        var effects: [Effect] = []
        var last: (AlertKey, String)?
        // Taken out for the loop (and put back), so counting can name an incident from `self`.
        var tracker = SurgeTracker()
        swap(&tracker, &surges)
        defer { swap(&tracker, &surges) }
        let checksRules = !matcher.isEmpty
        var names: [String] = []
        // Read through locals: reached through `self` from the closure, each was retained and
        // released per arrival.
        let store = self.store, matcher = self.matcher, registry = self.registry, surgeAreas = self.surgeAreas
        tracker.counting(areas: surgeAreas.count) { tracker in
            for slot in slots {
                // The record's fields are read in place: nearly every arrival matches nothing, and a
                // copy of the whole record per arrival was a tenth of this loop.
                guard store[slot].isLive else { continue }
                if !names.isEmpty { names.removeAll(keepingCapacity: true) }
                if checksRules { names = matcher.matches(store[slot], in: store, registry: registry) }
                // Surges are counted on every incident, history included: a week is judged on the weeks
                // before it. Each zone holding the point, and its region of Mali.
                if store[slot].isLocated {
                    let time = store[slot].time
                    surgeAreas.forEachArea(of: GeoPoint(lat: Double(store[slot].lat), lon: Double(store[slot].lon))) { area in
                        if tracker.record(time: time, area: area) != nil { names.append("Surge: " + surgeAreas.name(area)) }
                    }
                }
                guard !names.isEmpty else { continue }
                let record = store[slot]
                guard isNews(record) else {
                    watch.historicalMatches += 1
                    continue
                }
                let ref = ref(slot)
                let place = store.text(record.place)
                for name in names {
                    let key = AlertKey(rule: name, incident: ref)
                    guard watch.alertKeys.insert(key) else { continue }
                    effects.append(.record(.alert(AlertRaised(key: key, place: place, summary: record.summary, incidentTime: record.time))))
                    last = (key, "ALERT: \(name) — \(place.isEmpty ? "(no place)" : place) — \(record.summary)")
                }
            }
        }
        if let (key, text) = last {
            watch.banner = AlertBanner(key: key, text: text, until: now + WatchState.bannerSeconds)
            if watch.bell { effects.append(.bell) }
        }
        return effects
    }
}
