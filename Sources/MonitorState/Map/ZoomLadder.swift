import MonitorCore

/// The map's zoom levels for one pane size: all of Mali, northern Mali (the default), then fixed
/// scales down to 5 km a cell. The two boxes depend on the pane; the fixed scales do not, so the
/// deepest level means the same on every terminal.
public struct ZoomLadder: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        /// Degrees of latitude per cell row.
        public var degreesPerRow: Double
        /// Where the level looks when the officer has not panned.
        public var home: GeoPoint
        public var name: String
    }

    public let levels: [Level]

    public static let mali = 0
    public static let northernMali = 1
    public static let defaultLevel = northernMali

    /// Height of a cell on the ground at the fixed levels, in km.
    package static let fixedKmPerRow: [Double] = [80, 40, 20, 10, 5]
    /// A fixed level must zoom in at least this much past the default to be worth a key press.
    package static let minimumStep = 0.7

    public init(columns: Int, rows: Int) {
        let all = Projection.mali, north = Projection.northernMali
        let whole = Projection.fitting(south: all.south, north: all.north, west: all.west, east: all.east,
                                       columns: columns, rows: rows)
        let home = Projection.fitting(south: north.south, north: north.north, west: north.west, east: north.east,
                                      columns: columns, rows: rows)
        var levels = [
            Level(degreesPerRow: whole.degreesPerRow, home: whole.center, name: "Mali"),
            Level(degreesPerRow: home.degreesPerRow, home: home.center, name: "northern Mali"),
        ]
        let defaultKm = home.degreesPerRow * Projection.kmPerDegree
        for km in Self.fixedKmPerRow where km < defaultKm * Self.minimumStep {
            levels.append(Level(degreesPerRow: km / Projection.kmPerDegree, home: home.center, name: "\(Int(km)) km cells"))
        }
        self.levels = levels
    }

    public var count: Int { levels.count }

    /// A level index kept inside the ladder (a resize can shorten it).
    public func clamp(_ level: Int) -> Int { max(0, min(count - 1, level)) }

    public subscript(level: Int) -> Level { levels[clamp(level)] }
}
