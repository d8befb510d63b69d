import Foundation

/// How places read on screen: coordinates with hemisphere letters, compass directions.
public enum GeoText {
    /// `16.77N 3.01W`
    public static func coordinates(_ p: GeoPoint, decimals: Int = 2) -> String {
        let lat = String(format: "%.\(decimals)f", abs(p.lat)) + (p.lat < 0 ? "S" : "N")
        let lon = String(format: "%.\(decimals)f", abs(p.lon)) + (p.lon < 0 ? "W" : "E")
        return lat + " " + lon
    }

    /// One of eight compass points for the direction from `a` to `b`.
    public static func compass(from a: GeoPoint, to b: GeoPoint) -> String {
        let dx = (b.lon - a.lon) * cos((a.lat + b.lat) / 2 * .pi / 180)
        let dy = b.lat - a.lat
        let degrees = atan2(dx, dy) * 180 / .pi  // 0 = north, clockwise
        let points = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
        let index = Int(((degrees + 360 + 22.5).truncatingRemainder(dividingBy: 360)) / 45)
        return points[max(0, min(7, index))]
    }

    /// Where a point is, as a watch officer says it: "near Timbuktu (4 km)" close by, otherwise
    /// "62 km NE of Kidal".
    public static func relative(_ p: GeoPoint, _ gazetteer: Gazetteer) -> String? {
        guard let town = gazetteer.nearest(to: p) else { return nil }
        let km = GeoDistance.km(p, town.point)
        if km < 1 { return "at \(town.name)" }
        if km < 15 { return "near \(town.name) (\(Int(km.rounded())) km)" }
        return "\(Int(km.rounded())) km \(compass(from: town.point, to: p)) of \(town.name)"
    }
}
