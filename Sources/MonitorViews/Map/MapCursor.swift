import MonitorCore
import MonitorState

/// The map cursor: the cell in the middle of the map (the view moves under it). What lies there
/// is shown in the status line and, in map focus, in a list inside the map.
public enum MapCursor {
    /// The cursor's cell and its centre, or nil when the map has no room.
    package static func cell(_ projection: Projection) -> (x: Int, y: Int, point: GeoPoint)? {
        guard projection.columns > 0, projection.rows > 0 else { return nil }
        let c = projection.centerCell
        return (c.x, c.y, projection.point(column: c.x, row: c.y))
    }

    /// How many plotted incidents lie in the cursor's cell.
    package static func count(_ state: AppState, _ projection: Projection) -> Int {
        guard let cursor = cell(projection) else { return 0 }
        return IncidentCells(state, projection).count(x: cursor.x, y: cursor.y)
    }

    /// The status line's map segment: "16.77N 3.01W · near Timbuktu (4 km) · 3 incidents".
    public static func statusText(_ state: AppState, _ ctx: RenderContext) -> String? {
        let projection = MapViewport.projection(state)
        guard let cursor = cell(projection) else { return nil }
        var parts = [GeoText.coordinates(cursor.point)]
        if let near = GeoText.relative(cursor.point, ctx.gazetteer) { parts.append(near) }
        parts.append(counted(count(state, projection), "incident"))
        return parts.joined(separator: " · ")
    }

    /// Said in the status line while the feed is restricted to a map cell.
    public static func restrictionText(_ state: AppState) -> String? {
        guard let restriction = state.map.restriction else { return nil }
        return "feed: map cell \(GeoText.coordinates(restriction.center, decimals: 1)) (Esc: all)"
    }
}
