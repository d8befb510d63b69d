import MonitorCore
import MonitorIngest

/// Entries from the watch log (or recorded here and handed back) applied to the state. Applying
/// is idempotent by uid, so a fetch that overlaps the last, or this sitmon's own entry coming back
/// from the log, changes nothing twice.
extension AppState {
    package mutating func applyWatch(_ entries: [WatchEntry]) {
        var flagsChanged = false
        var alertsChanged = false
        for var entry in entries where !watch.applied.contains(entry.uid) {
            watch.applied.insert(entry.uid)
            // What officers write is drawn like event text: through the same sanitiser.
            entry.stamp.officer = TextSanitizer.clean(entry.stamp.officer)
            switch entry.kind {
            case .alert(var raised):
                raised.place = TextSanitizer.clean(raised.place)
                raised.summary = TextSanitizer.clean(raised.summary)
                watch.alertKeys.insert(raised.key)
                // Two officers raising the same alert at once: the log keeps one; so does the list.
                guard watch.alertIndex(raised.key) == nil else { continue }
                watch.alerts.append(AlertItem(uid: entry.uid, raised: raised, stamp: entry.stamp, ack: nil))
                if watch.alerts.count > WatchState.keptAlerts {
                    watch.alerts.removeFirst(watch.alerts.count - WatchState.keptAlerts)
                }
                alertsChanged = true
            case .acknowledge(let key, let note):
                guard let i = watch.alertIndex(key), watch.alerts[i].ack == nil else { continue }
                watch.alerts[i].ack = AckItem(stamp: entry.stamp, note: note.map { TextSanitizer.clean($0) })
                if watch.banner?.key == key { watch.banner = nil }
                alertsChanged = true
            case .flag(let ref, let on):
                if on { watch.flagged[ref] = entry.stamp } else { watch.flagged[ref] = nil }
                if let slot = slot(for: ref) {
                    flagsChanged = store.setFlagged(slot, on) || flagsChanged
                    watch.flagsWaiting.remove(ref)
                } else if on {
                    watch.flagsWaiting.insert(ref)
                } else {
                    watch.flagsWaiting.remove(ref)
                }
            case .note(let ref, let text):
                watch.notes[ref, default: []].append(NoteItem(uid: entry.uid, text: TextSanitizer.clean(text), stamp: entry.stamp))
            case .zone(let zone):
                // A zone added again under the same name replaces the earlier one.
                var zone = zone
                zone.name = TextSanitizer.clean(zone.name)
                watch.liveZones.removeAll { $0.name == zone.name }
                watch.liveZones.append(zone)
                watchZonesChanged()
            case .view(let name, let json):
                // Named views are each officer's own.
                guard entry.stamp.officer == watch.officer else { continue }
                watch.views[name] = json.flatMap(SavedView.decode)
            case .handover(let text):
                watch.handovers.append(HandoverItem(uid: entry.uid, text: TextSanitizer.clean(text), stamp: entry.stamp))
                if watch.handovers.count > WatchState.keptHandovers {
                    watch.handovers.removeFirst(watch.handovers.count - WatchState.keptHandovers)
                }
            }
        }
        if alertsChanged { watch.recount() }
        // The flagged-only filter reads the records' bit: a change of it needs a pass.
        if flagsChanged, filter.flaggedOnly { arrivals.reordered = true }
    }

    /// The stored incident an entry names, if it is in the store.
    package func slot(for ref: IncidentRef) -> Slot? {
        if let line = IncidentRef.lineNumber(ref.id) {
            // An incident without an id is named by its line: found only while it is in the feed.
            return feed.last { store[$0].id.isEmpty && Int(store[$0].line) == line && store.text(store[$0].source) == ref.source }
        }
        guard let slot = store.slot(forID: ref.id), store.text(store[slot].source) == ref.source else { return nil }
        return slot
    }

    /// How the watch log names a stored incident: its source and id, or its line when it has none.
    public func ref(_ slot: Slot) -> IncidentRef {
        let record = store[slot]
        let id = record.id
        return IncidentRef(source: store.text(record.source), id: id.isEmpty ? IncidentRef.lineID(Int(record.line)) : id)
    }

    /// After an ingest: flags waiting for their incident, and corrections (new slots) of flagged ones.
    package mutating func applyWaitingFlags(revised: [Slot]) {
        guard !watch.flagged.isEmpty else { return }
        var changed = false
        for slot in revised where watch.flagged[ref(slot)] != nil {
            changed = store.setFlagged(slot, true) || changed
        }
        for ref in watch.flagsWaiting {
            guard let slot = slot(for: ref) else { continue }
            watch.flagsWaiting.remove(ref)
            changed = store.setFlagged(slot, true) || changed
        }
        if changed, filter.flaggedOnly { arrivals.reordered = true }
    }
}

extension IncidentRef {
    /// The id given to an incident its source gave none: its line ("line 42").
    public static func lineID(_ line: Int) -> String { "line \(line)" }

    static func lineNumber(_ id: String) -> Int? {
        guard id.hasPrefix("line ") else { return nil }
        return Int(id.dropFirst(5))
    }
}
