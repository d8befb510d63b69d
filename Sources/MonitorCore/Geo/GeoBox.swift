import Foundation

/// A latitude/longitude box, for rejecting points cheaply before an exact test. Boxes here never
/// cross the antimeridian (the map covers lon −13…6, ARCHITECTURE.md §5).
public struct GeoBox: Sendable, Hashable {
    public var south: Double
    public var north: Double
    public var west: Double
    public var east: Double

    public init(south: Double, north: Double, west: Double, east: Double) {
        self.south = south
        self.north = north
        self.west = west
        self.east = east
    }

    /// Edges included.
    @inlinable public func contains(_ p: GeoPoint) -> Bool {
        p.lat >= south && p.lat <= north && p.lon >= west && p.lon <= east
    }

    /// The smallest box holding every point, widened on each side by `km` (nil for no points).
    public static func around(_ points: [GeoPoint], km: Double) -> GeoBox? {
        guard let first = points.first else { return nil }
        var box = GeoBox(south: first.lat, north: first.lat, west: first.lon, east: first.lon)
        for p in points.dropFirst() {
            box.south = min(box.south, p.lat)
            box.north = max(box.north, p.lat)
            box.west = min(box.west, p.lon)
            box.east = max(box.east, p.lon)
        }
        // A degree of longitude is shortest at the latitude farthest from the equator the box
        // reaches; 1% more keeps rounding from ever rejecting a point the exact test accepts.
        let margin = max(0, km) * 1.01
        let dLat = margin / GeoDistance.kmPerDegree
        let farthest = min(89.0, max(abs(box.south - dLat), abs(box.north + dLat)))
        let dLon = dLat / cos(farthest * .pi / 180)
        return GeoBox(south: box.south - dLat, north: box.north + dLat, west: box.west - dLon, east: box.east + dLon)
    }
}
