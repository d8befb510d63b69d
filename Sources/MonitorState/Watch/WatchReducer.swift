import MonitorCore

/// The watch's keys and commands (ARCHITECTURE.md §9): alerts, acknowledgements, flags, notes,
/// zones and the handover. What an officer records goes out as `Effect.record`; the state changes
/// when the entry comes back as `Action.watch`, so this sitmon and every other one on the log
/// apply it the same way. Called by `Reducer`; performs no I/O.
package enum WatchReducer {
    /// A zone added without a radius.
    package static let defaultRadiusKm = 25.0

    package static func run(_ command: Command, on state: inout AppState) -> [Effect] {
        switch command {
        case .openAlerts:
            if case .alerts = state.overlay { state.overlay = .none } else { state.overlay = .alerts(cursor: 0) }
        case .acknowledge(let note, let ask):
            let keys = acknowledgeable(state)
            guard !keys.isEmpty else {
                state.flash = "no unacknowledged alert here"
                return []
            }
            if ask {
                state.linePrompt = LinePrompt(.acknowledge(keys))
                return []
            }
            return acknowledge(keys, note: note, on: &state)
        case .toggleFlag:
            guard let slot = target(state) else {
                state.flash = "no incident selected"
                return []
            }
            let ref = state.ref(slot)
            let on = state.watch.flagged[ref] == nil
            state.flash = on ? "flagged" : "flag removed"
            return [.record(.flag(ref, on: on))]
        case .toggleFlaggedOnly:
            state.filter.flaggedOnly.toggle()
            state.flash = state.filter.flaggedOnly
                ? (state.watch.flagged.isEmpty ? "flagged only: nothing is flagged yet (m flags)" : "flagged incidents only")
                : "all incidents, flagged or not"
        case .note(let text):
            let text = text.trimmingSpaces
            guard !text.isEmpty else {
                state.flash = "a note needs text: :note TEXT"
                return []
            }
            guard let slot = target(state) else {
                state.flash = "no incident selected for the note"
                return []
            }
            state.flash = "note added"
            return [.record(.note(state.ref(slot), text: text))]
        case .handover(let text):
            guard let text = text?.trimmingSpaces, !text.isEmpty else {
                openHandover(on: &state)
                return []
            }
            state.flash = "handover note recorded"
            return [.record(.handover(text: text))]
        case .addZone(let spec):
            guard let center = cursorPoint(state) else {
                state.flash = "no map on screen to put a zone on"
                return []
            }
            guard let spec else {
                state.linePrompt = LinePrompt(.zone(center))
                return []
            }
            return addZone(spec, at: center, on: &state)
        case .toggleZones:
            state.watch.zonesShown.toggle()
            state.flash = state.watch.zonesShown ? "zones shown" : "zones hidden (rules still alert)"
        case .openCommandLine:
            state.linePrompt = LinePrompt(.command)
        case .view(let words):
            return view(words, on: &state)
        default:
            break
        }
        return []
    }

    /// `:view save NAME`, `:view NAME`, `:view list` (or nothing), `:view delete NAME`.
    package static func view(_ words: String, on state: inout AppState) -> [Effect] {
        let words = words.trimmingSpaces
        let verb = String(words.prefix { $0 != " " })
        let rest = String(words.dropFirst(verb.count)).trimmingSpaces
        switch verb {
        case "", "list":
            let names = state.watch.views.keys.sorted()
            state.flash = names.isEmpty ? "no saved views (:view save NAME)" : "views: " + names.joined(separator: ", ")
        case "save":
            guard !rest.isEmpty else {
                state.flash = "a view needs a name: :view save NAME"
                return []
            }
            state.flash = "view \"\(rest)\" saved"
            return [.record(.view(name: rest, json: SavedView(state).json))]
        case "delete":
            guard state.watch.views[rest] != nil else {
                state.flash = "no view named \"\(rest)\""
                return []
            }
            state.flash = "view \"\(rest)\" deleted"
            return [.record(.view(name: rest, json: nil))]
        default:
            guard let view = state.watch.views[words] else {
                state.flash = "no view named \"\(words)\" (:view list)"
                return []
            }
            let effects = show(view, on: &state)
            state.flash = "view \"\(words)\""
            return effects
        }
        return []
    }

    /// Puts a saved view in force; its theme, when another, is the run loop's to load.
    package static func show(_ view: SavedView, on state: inout AppState) -> [Effect] {
        state.apply(view)
        guard let theme = view.theme, theme != state.themeName else { return [] }
        return [.setTheme(theme)]
    }

    /// Records acknowledgements of `keys` with an optional note.
    package static func acknowledge(_ keys: [AlertKey], note: String?, on state: inout AppState) -> [Effect] {
        let note = note?.trimmingSpaces
        let text = note.flatMap { $0.isEmpty ? nil : $0 }
        state.flash = keys.count == 1 ? "acknowledged" : "\(keys.count) alerts acknowledged"
        return keys.map { .record(.acknowledge($0, note: text)) }
    }

    /// "NAME [RADIUS]": a zone round `center`; a last word that is a number is the radius in km.
    package static func addZone(_ spec: String, at center: GeoPoint, on state: inout AppState) -> [Effect] {
        var words = spec.split(separator: " ").map(String.init)
        var radius = defaultRadiusKm
        if words.count > 1, let last = words.last, let km = Double(last.hasSuffix("km") ? String(last.dropLast(2)) : last) {
            guard km > 0, km <= 2000 else {
                state.flash = "a zone's radius is between 0 and 2000 km"
                return []
            }
            radius = km
            words.removeLast()
        }
        let name = words.joined(separator: " ")
        guard !name.isEmpty else {
            state.flash = "a zone needs a name: :zone NAME [KM]"
            return []
        }
        state.flash = "zone \"\(name)\" added (\(Int(radius.rounded())) km)"
        return [.record(.zone(Zone(name: name, shape: .circle(center: center, radiusKm: radius))))]
    }

    /// The map cursor's point (the middle of the map), nil when the layout has no map.
    package static func cursorPoint(_ state: AppState) -> GeoPoint? {
        guard let projection = state.mapProjection else { return nil }
        let c = projection.centerCell
        return projection.point(column: c.x, row: c.y)
    }

    /// What an acknowledgement acts on: the highlighted alert in the alert list, else the
    /// unacknowledged alerts of the incident in the detail view or selected in the feed.
    package static func acknowledgeable(_ state: AppState) -> [AlertKey] {
        if case .alerts(let cursor) = state.overlay {
            let alerts = state.watch.alerts
            guard cursor >= 0, cursor < alerts.count else { return [] }
            let item = alerts[alerts.count - 1 - cursor]
            return item.ack == nil ? [item.raised.key] : []
        }
        guard let slot = target(state) else { return [] }
        let ref = state.ref(slot)
        return state.watch.alerts.filter { $0.ack == nil && $0.raised.key.incident == ref }.map(\.raised.key)
    }

    /// The incident a flag or note is for: the one in the detail view, else the feed's selection.
    package static func target(_ state: AppState) -> IncidentStore.Slot? {
        switch state.overlay {
        case .detail(let seq, _, _):
            let slot = IncidentStore.Slot(seq)
            return state.store.records.indices.contains(seq) && state.store[slot].isLive ? slot : nil
        case .alerts(let cursor):
            let alerts = state.watch.alerts
            guard cursor >= 0, cursor < alerts.count else { return nil }
            return state.slot(for: alerts[alerts.count - 1 - cursor].raised.key.incident)
        default:
            return state.selectedSlot
        }
    }

    /// The handover view, its figures gathered now (the store is walked once, not per frame).
    package static func openHandover(on state: inout AppState) {
        state.watch.handoverSummary = HandoverSummary.gather(state)
        state.overlay = .handover(scroll: 0)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
