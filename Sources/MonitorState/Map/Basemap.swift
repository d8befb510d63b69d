import MonitorCore
import MonitorIngest

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

    /// Reads `<layer>\t<name>\t<lon>,<lat> …` lines; anything malformed is skipped. Read as bytes:
    /// splitting the 72 KB text into Substrings and parsing each number with `Double(_:)` cost
    /// 100 million instructions, about 30 ms on the first frame's path (BENCHMARKS.md).
    public init(text: String) {
        var text = text
        let lines = text.withUTF8 { Self.polylines(in: $0) }
        self.init(polylines: lines)
    }

    private static func polylines(in bytes: UnsafeBufferPointer<UInt8>) -> [Polyline] {
        var lines: [Polyline] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if let line = polyline(bytes, start, end) { lines.append(line) }
            start = end + 1
        }
        return lines
    }

    /// One line, or nil when its layer is unknown, a tab is missing or fewer than two points read.
    private static func polyline(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Polyline? {
        func tab(after i: Int) -> Int? {
            var k = i
            while k < end, bytes[k] != 0x09 { k += 1 }
            return k < end ? k : nil
        }
        guard let firstTab = tab(after: start), let secondTab = tab(after: firstTab + 1),
              let layer = Layer(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<firstTab]), as: UTF8.self))
        else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(firstTab + 1)..<secondTab]), as: UTF8.self)
        var points: [GeoPoint] = []
        var i = secondTab + 1
        while i < end {
            // One space-separated pair; a pair that is not two numbers is skipped, as before.
            var pairEnd = i
            while pairEnd < end, bytes[pairEnd] != 0x20 { pairEnd += 1 }
            if pairEnd > i, let point = pair(bytes, i, pairEnd) { points.append(point) }
            i = pairEnd + 1
        }
        return points.count >= 2 ? Polyline(layer: layer, name: name, points: points) : nil
    }

    private static func pair(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> GeoPoint? {
        var comma = start
        while comma < end, bytes[comma] != 0x2C { comma += 1 }
        guard comma < end, let lon = number(bytes, start, comma), let lat = number(bytes, comma + 1, end) else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    /// `-12.264` and the like through the CSV reader's `CSVPacking.decimal` (digits over a power of
    /// ten, one correctly rounded division: the value `Double(_:)` reads); any other form is left
    /// to `Double(_:)`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let text = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        return CSVPacking.decimal(text) ?? Double(String(decoding: text, as: UTF8.self))
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
