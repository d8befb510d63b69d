/// What a click means where it lands: a feed row selects that incident, a map cell centres the
/// map cursor on it, a legend row shows or hides that actor. Focus follows the click.
enum MouseReducer {
    static func click(x: Int, y: Int, on state: inout AppState) {
        guard state.overlay == .none else {
            state.overlay = .none
            return
        }
        let layout = Layout(width: state.width, height: state.height)
        let feed = layout.feed.inset(1)
        if feed.contains(x: x, y: y) {
            state.focus = .feed
            let row = state.feedScroll + (y - feed.y)
            if row < state.feed.count {
                state.selected = row
                state.clampSelection()
            }
            return
        }
        let legend = layout.legend.inset(1)
        if legend.contains(x: x, y: y) {
            state.focus = .legend
            let index = y - legend.y
            if index < state.registry.count {
                state.legendCursor = index
                _ = Reducer().reduce(&state, .command(.toggleActor(index)))
            }
            return
        }
        let map = layout.map.inset(1)
        if map.contains(x: x, y: y) {
            state.focus = .map
            let projection = MapViewport.projection(state)
            state.map.center = MapViewport.clamped(projection.point(column: x - map.x, row: y - map.y))
        }
    }
}
