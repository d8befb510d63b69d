import MonitorCore
import MonitorState

/// `C`: who holds each place as of the replay moment (or now), drawn over the incident marks in
/// the holder's colour and glyph, reversed so it reads as a holding, not an incident; towns
/// whose holder is unknown are dimmed by `TownLabels` (ARCHITECTURE.md §11).
package enum ControlLayer {
    package static func draw(_ state: AppState, _ projection: Projection, _ ctx: RenderContext, _ inner: Rect,
                             _ canvas: inout Canvas, _ occupancy: inout MapOccupancy) {
        for change in state.store.control.holders(at: state.replayAt) {
            guard let point = change.location, let cell = projection.cell(point) else { continue }
            var style = holderStyle(change.holder, state, ctx)
            style.attributes.insert(.reverse)
            canvas.set(x: inner.x + cell.x, y: inner.y + cell.y, glyph(change.holder, state, ctx), style)
            occupancy.insert(.mark, x: cell.x, y: cell.y)
        }
    }

    /// A holder's glyph: its actor's, or `?` for a name no actor has.
    package static func glyph(_ holder: ControlHolder, _ state: AppState, _ ctx: RenderContext) -> Character {
        switch holder {
        case .actor(let id): ctx.glyph(state.registry[id])
        case .named: "?"
        }
    }

    /// A holder's colour: its actor's, or Other's for a name no actor has.
    package static func holderStyle(_ holder: ControlHolder, _ state: AppState, _ ctx: RenderContext) -> Style {
        switch holder {
        case .actor(let id): ctx.theme.actor(id)
        case .named: ctx.theme.actor(state.registry.otherID)
        }
    }

    /// Whether a town has a known holder at the replay moment (or now).
    package static func isHeld(_ town: String, _ state: AppState) -> Bool {
        state.store.control.holding(town, at: state.replayAt) != nil
    }
}
