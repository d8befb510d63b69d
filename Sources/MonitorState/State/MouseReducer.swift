import MonitorCore

/// What a click means where it lands: a feed row selects that incident, a map cell centres the
/// map cursor on it, a legend row shows or hides that actor. Focus follows the click.
package enum MouseReducer {
    /// Returns a command when the click means one (a legend row toggles its actor).
    package static func click(x: Int, y: Int, on state: inout AppState) -> Command? {
        guard state.overlay == .none else {
            state.overlay = .none
            return nil
        }
        let layout = Layout(width: state.width, height: state.height)
        let feed = layout.feed.inset(1)
        if feed.contains(x: x, y: y) {
            state.focus = .feed
            let row = state.feedScroll + (y - feed.y)
            if row < state.feed.count { state.select(row: row) }
            return nil
        }
        let legend = layout.legend.inset(1)
        if legend.contains(x: x, y: y) {
            state.focus = .legend
            let index = y - legend.y
            guard index < state.registry.count else { return nil }
            state.legendCursor = index
            return .toggleActor(index)
        }
        let map = layout.map.inset(1)
        if map.contains(x: x, y: y) {
            state.focus = .map
            let projection = MapViewport.projection(state)
            state.map.center = MapViewport.clamped(projection.point(column: x - map.x, row: y - map.y))
        }
        return nil
    }
}
