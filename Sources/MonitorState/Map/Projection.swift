import MonitorCore
import Foundation

/// Maps latitude/longitude to map cells: an equirectangular projection around a centre, with
/// terminal cells taken as twice as tall as wide so distances look right on screen.
///
/// The centre lies at the middle of cell (columns / 2, rows / 2): that cell is the map cursor, so
/// the point the officer panned to is always exactly under it, whatever the pane's parity.
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

    /// The cell whose middle is the centre.
    public var centerCell: (x: Int, y: Int) { (columns / 2, rows / 2) }

    package var west: Double { center.lon - (Double(columns / 2) + 0.5) * degreesPerColumn }
    package var north: Double { center.lat + (Double(rows / 2) + 0.5) * degreesPerRow }
    package var east: Double { west + Double(columns) * degreesPerColumn }
    package var south: Double { north - Double(rows) * degreesPerRow }

    /// Fractional cell coordinates (column, row) of a point; may be outside the pane.
    public func position(_ p: GeoPoint) -> (x: Double, y: Double) {
        ((p.lon - west) / degreesPerColumn, (north - p.lat) / degreesPerRow)
    }

    /// The cell containing a point, or nil when it falls outside the pane.
    public func cell(_ p: GeoPoint) -> (x: Int, y: Int)? {
        cell(lat: p.lat, lon: p.lon)
    }

    /// The same for raw coordinates, so the per-incident loop builds no values.
    @inline(__always)
    public func cell(lat: Double, lon: Double) -> (x: Int, y: Int)? {
        let fx = (lon - west) / degreesPerColumn, fy = (north - lat) / degreesPerRow
        guard fx >= 0, fy >= 0, fx < Double(columns), fy < Double(rows) else { return nil }
        return (Int(fx), Int(fy))
    }

    /// The projection's constants worked out once, for loops that place many points: each
    /// `cell(lat:lon:)` above recomputes a cosine.
    public var grid: Grid { Grid(self) }

    public struct Grid: Sendable, Equatable {
        package let west: Double
        package let north: Double
        package let perColumn: Double
        package let perRow: Double
        package let columns: Double
        package let rows: Double
        public let width: Int

        package init(_ p: Projection) {
            west = p.west
            north = p.north
            perColumn = p.degreesPerColumn
            perRow = p.degreesPerRow
            columns = Double(p.columns)
            rows = Double(p.rows)
            width = p.columns
        }

        /// As `Projection.cell(lat:lon:)`, to the same arithmetic.
        @inline(__always)
        public func cell(lat: Double, lon: Double) -> (x: Int, y: Int)? {
            let fx = (lon - west) / perColumn, fy = (north - lat) / perRow
            guard fx >= 0, fy >= 0, fx < columns, fy < rows else { return nil }
            return (Int(fx), Int(fy))
        }
    }

    /// The geographic point at the centre of a cell.
    public func point(column: Int, row: Int) -> GeoPoint {
        GeoPoint(lat: north - (Double(row) + 0.5) * degreesPerRow, lon: west + (Double(column) + 0.5) * degreesPerColumn)
    }

    /// The cell's edges in degrees: a point is in the cell when west <= lon < east and south < lat <= north.
    public func bounds(column: Int, row: Int) -> (south: Double, north: Double, west: Double, east: Double) {
        let n = north - Double(row) * degreesPerRow
        let w = west + Double(column) * degreesPerColumn
        return (n - degreesPerRow, n, w, w + degreesPerColumn)
    }

    /// Kilometres one column spans (for the scale bar).
    public var kmPerColumn: Double { degreesPerColumn * cos(center.lat * .pi / 180) * Self.kmPerDegree }

    /// Kilometres one row spans: the height of a cell on the ground.
    public var kmPerRow: Double { degreesPerRow * Self.kmPerDegree }

    /// Length of a degree of latitude (and of longitude at the equator).
    public static let kmPerDegree = 111.2

    /// Northern Mali, the default view (ARCHITECTURE.md §5).
    public static let northernMali = (south: 14.0, north: 25.0, west: -6.5, east: 4.5)

    /// All of Mali, the widest view (ARCHITECTURE.md §5).
    public static let mali = (south: 10.1, north: 25.0, west: -12.25, east: 4.25)

    /// The projection that shows a whole box in a pane, centred.
    public static func fitting(south: Double, north: Double, west: Double, east: Double, columns: Int, rows: Int) -> Projection {
        let middle = GeoPoint(lat: (south + north) / 2, lon: (west + east) / 2)
        let cosLat = cos(middle.lat * .pi / 180)
        let byRows = (north - south) / Double(max(rows, 1))
        let byColumns = (east - west) * cosLat * 2 / Double(max(columns, 1))
        let degreesPerRow = max(byRows, byColumns)
        // With an even count the pane's middle is an edge between cells, half a cell before the
        // middle of the centre cell: move the centre by that half so the box stays centred.
        let center = GeoPoint(lat: middle.lat - (rows % 2 == 0 ? degreesPerRow / 2 : 0),
                              lon: middle.lon + (columns % 2 == 0 ? degreesPerRow / 4 / cosLat : 0))
        return Projection(center: center, degreesPerRow: degreesPerRow, columns: columns, rows: rows)
    }
}
