import MonitorCore

/// Carries out map commands: pan, zoom, centre on the selection, restrict the feed to a cell.
/// Called by `Reducer`; like it, it performs no I/O.
package enum MapReducer {
    package static func run(_ command: MapCommand, on state: inout AppState) {
        let area = MapViewport.area(width: state.width, height: state.height)
        let ladder = MapViewport.ladder(columns: area.width, rows: area.height)
        let projection = MapViewport.projection(state.map, columns: area.width, rows: area.height)
        state.map.zoom = ladder.clamp(state.map.zoom)
        switch command {
        case .pan(let dx, let dy):
            pan(&state, projection, columns: Double(dx), rows: Double(dy))
        case .panPage(let dx, let dy):
            pan(&state, projection, columns: Double(dx * max(1, area.width / 4)), rows: Double(dy * max(1, area.height / 4)))
        case .zoomIn:
            state.map.zoom = ladder.clamp(state.map.zoom + 1)
        case .zoomOut:
            state.map.zoom = ladder.clamp(state.map.zoom - 1)
        case .reset:
            state.map.zoom = ZoomLadder.defaultLevel
            state.map.center = nil
        case .centerOnSelection:
            guard let slot = state.selectedSlot else { return }
            guard let point = state.store.location(slot) else {
                // Doing nothing would look like a dead key.
                let place = state.store.text(state.store[slot].place)
                state.flash = place.isEmpty ? "no position: this incident has no place or coordinates"
                    : "no position: \(place) is not in the gazetteer and the line has no coordinates"
                return
            }
            state.map.center = MapViewport.clamped(point)
        case .restrictToCursor:
            guard area.width > 0, area.height > 0 else { return }
            let cell = projection.centerCell
            let restriction = MapRestriction(projection: projection, column: cell.x, row: cell.y)
            // An empty cell would only empty the feed: nothing to show there, so nothing happens.
            var occupied = false
            state.walkPassing(restricted: false, newestFirst: true) { slot in
                occupied = restriction.admits(state.store[slot])
                return !occupied
            }
            guard occupied else {
                // Said, not silent: Enter on an empty cell would otherwise look like a dead key.
                state.flash = "no incident shown in this cell"
                return
            }
            state.map.restriction = restriction
            state.selected = 0
            state.feedScroll = 0
        case .liftRestriction:
            guard state.map.restriction != nil else { return }
            // The officer was reading an incident of that cell: it stays selected in the whole feed.
            let keep = state.selectedSlot
            state.map.restriction = nil
            state.selectionPin = keep
        }
    }

    /// Moves the centre by a number of cells (east and south positive).
    private static func pan(_ state: inout AppState, _ projection: Projection, columns: Double, rows: Double) {
        let center = projection.center
        let moved = GeoPoint(lat: center.lat - rows * projection.degreesPerRow,
                             lon: center.lon + columns * projection.degreesPerColumn)
        state.map.center = MapViewport.clamped(moved)
    }
}
