import Foundation

/// Maps latitude/longitude to map cells: an equirectangular projection around a centre, with
/// terminal cells taken as twice as tall as wide so distances look right on screen.
public struct Projection: Sendable, Equatable {
    public var center: GeoPoint
    /// Degrees of latitude one cell row covers.
    public var degreesPerRow: Double
    public var columns: Int
    public var rows: Int

    public init(center: GeoPoint, degreesPerRow: Double, columns: Int, rows: Int) {
        self.center = center
        self.degreesPerRow = degreesPerRow
        self.columns = columns
        self.rows = rows
    }

    /// Degrees of longitude one cell column covers: half a row's height, stretched by latitude.
    public var degreesPerColumn: Double {
        degreesPerRow / 2 / cos(center.lat * .pi / 180)
    }

    var west: Double { center.lon - Double(columns) / 2 * degreesPerColumn }
    var north: Double { center.lat + Double(rows) / 2 * degreesPerRow }

    /// Fractional cell coordinates (column, row) of a point; may be outside the pane.
    public func position(_ p: GeoPoint) -> (x: Double, y: Double) {
        ((p.lon - west) / degreesPerColumn, (north - p.lat) / degreesPerRow)
    }

    /// The cell containing a point, or nil when it falls outside the pane.
    public func cell(_ p: GeoPoint) -> (x: Int, y: Int)? {
        let pos = position(p)
        let x = Int(floor(pos.x)), y = Int(floor(pos.y))
        guard x >= 0, y >= 0, x < columns, y < rows else { return nil }
        return (x, y)
    }

    /// The geographic point at the centre of a cell.
    public func point(column: Int, row: Int) -> GeoPoint {
        GeoPoint(lat: north - (Double(row) + 0.5) * degreesPerRow, lon: west + (Double(column) + 0.5) * degreesPerColumn)
    }

    /// Kilometres one column spans (for the scale bar).
    public var kmPerColumn: Double { degreesPerColumn * cos(center.lat * .pi / 180) * 111.2 }

    /// Northern Mali, the default view (DESIGN.md §5).
    public static let northernMali = (south: 14.0, north: 25.0, west: -6.5, east: 4.5)

    /// The projection that shows a whole box in a pane, centred.
    public static func fitting(south: Double, north: Double, west: Double, east: Double, columns: Int, rows: Int) -> Projection {
        let center = GeoPoint(lat: (south + north) / 2, lon: (west + east) / 2)
        let cosLat = cos(center.lat * .pi / 180)
        let byRows = (north - south) / Double(max(rows, 1))
        let byColumns = (east - west) * cosLat * 2 / Double(max(columns, 1))
        return Projection(center: center, degreesPerRow: max(byRows, byColumns), columns: columns, rows: rows)
    }
}
