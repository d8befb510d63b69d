import MonitorCore

/// Where the map looks for a terminal size: the pane's drawing area and the projection that the
/// view state (zoom level, centre) gives it. The reducer and every view ask here, so they agree.
public enum MapViewport {
    /// The map pane's drawing area (inside its frame) for a terminal size.
    public static func area(width: Int, height: Int) -> Rect {
        Layout(width: width, height: height).map.inset(1)
    }

    public static func ladder(columns: Int, rows: Int) -> ZoomLadder {
        ZoomLadder(columns: columns, rows: rows)
    }

    public static func projection(_ view: MapViewState, columns: Int, rows: Int) -> Projection {
        let level = ladder(columns: columns, rows: rows)[view.zoom]
        return Projection(center: view.center ?? level.home, degreesPerRow: level.degreesPerRow, columns: columns, rows: rows)
    }

    public static func projection(_ state: AppState) -> Projection {
        let area = area(width: state.width, height: state.height)
        return projection(state.map, columns: area.width, rows: area.height)
    }

    /// How far the centre may go: a little past the base map's data, so the officer cannot get
    /// lost in blank space.
    package static let limits = (south: 8.0, north: 27.0, west: -14.0, east: 7.0)

    package static func clamped(_ p: GeoPoint) -> GeoPoint {
        GeoPoint(lat: max(limits.south, min(limits.north, p.lat)), lon: max(limits.west, min(limits.east, p.lon)))
    }
}
