import Foundation

/// Great-circle distance on a spherical earth; good to a fraction of a percent here.
public enum GeoDistance {
    public static let earthRadiusKm = 6371.0
    /// Length of a degree of latitude on that sphere (about 111.19 km).
    public static let kmPerDegree = earthRadiusKm * .pi / 180

    public static func km(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad
        let dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }
}
