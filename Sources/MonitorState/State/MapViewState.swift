import MonitorCore

/// Where the map looks and what it restricts: a zoom level, a centre (the map cursor sits on it)
/// and, after Enter on a cell, the cell the feed is restricted to.
public struct MapViewState: Sendable, Equatable {
    /// Index into the pane's `ZoomLadder`; clamped when the ladder is shorter.
    public var zoom = ZoomLadder.defaultLevel
    /// The point under the map cursor; nil means the zoom level's own home (the box it fits).
    public var center: GeoPoint?
    /// When set, the feed shows only incidents inside this cell.
    public var restriction: MapRestriction?
    /// The control layer (`C`): places drawn in their holder's colour and glyph (ARCHITECTURE.md §11).
    public var controlShown = false

    public init() {}
}

/// One map cell, kept with the projection it was picked in, so zooming or panning afterwards does
/// not change which incidents the feed shows.
public struct MapRestriction: Sendable, Equatable {
    public let projection: Projection
    public let column: Int
    public let row: Int
    private let grid: Projection.Grid

    public init(projection: Projection, column: Int, row: Int) {
        self.projection = projection
        self.column = column
        self.row = row
        grid = projection.grid
    }

    /// The middle of the cell.
    public var center: GeoPoint { projection.point(column: column, row: row) }

    /// Whether an incident lies in the cell (by the same arithmetic the map uses to plot it).
    @inline(__always)
    public func admits(_ record: borrowing StoredIncident) -> Bool {
        guard record.isLocated, let cell = grid.cell(lat: Double(record.lat), lon: Double(record.lon)) else { return false }
        return cell.x == column && cell.y == row
    }
}
