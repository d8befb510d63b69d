import Foundation

/// Whether a point is in a zone (ARCHITECTURE.md §9).
///
/// - A circle holds the points whose great-circle distance from its centre is at most the radius.
/// - A corridor's `widthKm` is its full width: it holds the points within `widthKm / 2` of its
///   path, so `width_km = 10` is 5 km either side of the road. Ends are round (a point within the
///   half-width of the first or last place is inside), as a route includes the towns it joins.
///   The path runs straight in latitude and longitude between its places, as the map draws it;
///   distances to it are measured in a local equirectangular frame at the point's latitude, which
///   is within 0.1% of the great-circle distance at corridor widths (tens of km) at these latitudes.
extension Zone {
    public func contains(_ point: GeoPoint) -> Bool {
        switch shape {
        case .circle(let center, let radiusKm):
            return GeoDistance.km(center, point) <= radiusKm
        case .corridor(let path, let widthKm):
            guard widthKm >= 0, !path.isEmpty else { return false }
            return Self.distanceKm(from: point, toPath: path) <= widthKm / 2
        }
    }

    /// A box holding the whole zone (nil when the zone holds nothing), for cheap rejection.
    public var boundingBox: GeoBox? {
        switch shape {
        case .circle(let center, let radiusKm):
            return radiusKm >= 0 ? GeoBox.around([center], km: radiusKm) : nil
        case .corridor(let path, let widthKm):
            return widthKm >= 0 ? GeoBox.around(path, km: widthKm / 2) : nil
        }
    }

    /// Kilometres from a point to the nearest point of a polyline (a single point: to it).
    public static func distanceKm(from point: GeoPoint, toPath path: [GeoPoint]) -> Double {
        guard let first = path.first else { return .infinity }
        let kmPerLat = GeoDistance.kmPerDegree
        let kmPerLon = kmPerLat * cos(point.lat * .pi / 180)
        // Kilometres east and north of the point.
        func local(_ p: GeoPoint) -> (x: Double, y: Double) {
            ((p.lon - point.lon) * kmPerLon, (p.lat - point.lat) * kmPerLat)
        }
        var a = local(first)
        var best = (a.x * a.x + a.y * a.y).squareRoot()
        for vertex in path.dropFirst() {
            let b = local(vertex)
            let dx = b.x - a.x, dy = b.y - a.y
            let lengthSquared = dx * dx + dy * dy
            // Where along the segment the point's foot falls, kept on the segment.
            let t = lengthSquared > 0 ? min(1, max(0, -(a.x * dx + a.y * dy) / lengthSquared)) : 0
            let fx = a.x + t * dx, fy = a.y + t * dy
            best = min(best, (fx * fx + fy * fy).squareRoot())
            a = b
        }
        return best
    }
}
