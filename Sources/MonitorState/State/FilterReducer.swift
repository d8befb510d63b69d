import MonitorCore

/// Carries out the filter commands: solo and invert actors, fatalities, time window, event types,
/// the text prompt, clearing everything. Called by `Reducer`; performs no I/O.
package enum FilterReducer {
    package static func run(_ command: Command, on state: inout AppState) {
        switch command {
        case .soloPrefix:
            state.pendingSolo = true
            state.flash = "show only: press 1-\(state.registry.count) (any other key cancels)"
        case .solo(let index):
            solo(index, on: &state)
        case .soloLegendActor:
            solo(state.legendCursor, on: &state)
        case .invertActors:
            let all = Set((0..<state.registry.count).map { ActorID($0) })
            state.hidden = all.subtracting(state.hidden)
            state.soloUndo = nil
        case .cycleFatalities:
            let steps = FeedFilter.fatalitySteps
            state.filter.minFatalities = steps.first { $0 > state.filter.minFatalities } ?? steps[0]
        case .cycleWindow:
            state.filter.window = state.filter.window.next
        case .clearFilters:
            state.filter = FeedFilter()
            state.map.restriction = nil
            state.soloUndo = nil
        case .openFatalitiesPrompt:
            state.numberPrompt = NumberPrompt()
        case .openTextPrompt:
            state.prompt = TextPrompt(text: state.filter.text?.raw ?? "", previous: state.filter.text)
        case .openTypePicker:
            state.typeChoices = typesInStore(state.store)
            state.overlay = .types(cursor: 0)
        case .toggleType:
            guard case .types(let cursor) = state.overlay, state.typeChoices.indices.contains(cursor) else { return }
            let type = state.typeChoices[cursor]
            var shown = state.filter.types ?? Set(state.typeChoices)
            if shown.contains(type) { shown.remove(type) } else { shown.insert(type) }
            // Every type present shown is the same as no type filter.
            state.filter.types = shown.isSuperset(of: state.typeChoices) ? nil : shown
        case .allTypes:
            state.filter.types = nil
        default:
            break
        }
    }

    /// Shows only one actor; asked again for the same actor, restores what was hidden before.
    private static func solo(_ index: Int, on state: inout AppState) {
        guard index >= 0, index < state.registry.count else { return }
        let others = Set((0..<state.registry.count).filter { $0 != index }.map { ActorID($0) })
        if state.hidden == others, let undo = state.soloUndo {
            state.hidden = undo
            state.soloUndo = nil
        } else {
            if state.soloUndo == nil { state.soloUndo = state.hidden }
            state.hidden = others
        }
    }

    /// The event types of the stored incidents, by label, sorted.
    package static func typesInStore(_ store: IncidentStore) -> [String] {
        var seen = Set<UInt32>()
        for slot in store.timeOrder { seen.insert(store[slot].type) }
        return seen.map { store.text($0) }.sorted()
    }
}
