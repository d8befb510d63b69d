import MonitorCore

/// The base map layers, parsed once from the generated `BasemapData`.
public struct Basemap: Sendable {
    public enum Layer: String, Sendable {
        case country, region, river
    }

    public struct Polyline: Sendable {
        public var layer: Layer
        public var name: String
        public var points: [GeoPoint]
    }

    public let polylines: [Polyline]
    /// Country rings by name, gathered once: point-in-country tests run while drawing.
    private let ringsByCountry: [String: [[GeoPoint]]]

    public init(polylines: [Polyline]) {
        self.polylines = polylines
        ringsByCountry = Dictionary(grouping: polylines.filter { $0.layer == .country }, by: \.name).mapValues { $0.map(\.points) }
    }

    /// Reads `<layer>\t<name>\t<lon>,<lat> …` lines; anything malformed is skipped.
    public init(text: String) {
        var lines: [Polyline] = []
        for row in text.split(separator: "\n") {
            let parts = row.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let layer = Layer(rawValue: String(parts[0])) else { continue }
            var points: [GeoPoint] = []
            for pair in parts[2].split(separator: " ") {
                let xy = pair.split(separator: ",")
                guard xy.count == 2, let lon = Double(xy[0]), let lat = Double(xy[1]) else { continue }
                points.append(GeoPoint(lat: lat, lon: lon))
            }
            if points.count >= 2 { lines.append(Polyline(layer: layer, name: String(parts[1]), points: points)) }
        }
        self.init(polylines: lines)
    }

    public static let standard = Basemap(text: BasemapData.text)

    /// Country boundary rings by name (a country may have several).
    public func rings(of country: String) -> [[GeoPoint]] {
        ringsByCountry[country] ?? []
    }

    /// Whether a point lies inside a country (even-odd rule over its rings).
    public func contains(_ point: GeoPoint, country: String) -> Bool {
        var inside = false
        for ring in rings(of: country) {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.lat > point.lat) != (b.lat > point.lat),
                   point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }
}
