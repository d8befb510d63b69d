import Testing
@testable import MonitorCore
@testable import MonitorState

/// The base map is read from its text as bytes; these compare it with a reading through Swift's
/// own `split` and `Double(_:)`, written independently here.
@Suite struct BasemapTextTests {
    /// The reading the byte reader replaced: Substrings and `Double(_:)`.
    static func reference(_ text: String) -> [Basemap.Polyline] {
        var lines: [Basemap.Polyline] = []
        for row in text.split(separator: "\n") {
            let parts = row.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let layer = Basemap.Layer(rawValue: String(parts[0])) else { continue }
            var points: [GeoPoint] = []
            for pair in parts[2].split(separator: " ") {
                let xy = pair.split(separator: ",")
                guard xy.count == 2, let lon = Double(xy[0]), let lat = Double(xy[1]) else { continue }
                points.append(GeoPoint(lat: lat, lon: lon))
            }
            if points.count >= 2 { lines.append(Basemap.Polyline(layer: layer, name: String(parts[1]), points: points)) }
        }
        return lines
    }

    static func same(_ a: [Basemap.Polyline], _ b: [Basemap.Polyline]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.layer == y.layer, x.name == y.name, x.points.count == y.points.count else { return false }
            for (p, q) in zip(x.points, y.points) where p.lat.bitPattern != q.lat.bitPattern || p.lon.bitPattern != q.lon.bitPattern {
                return false
            }
        }
        return true
    }

    @Test func theBundledMapReadsBitForBitAsDoubleReadsIt() {
        let read = Basemap(text: BasemapData.text).polylines
        let expected = Self.reference(BasemapData.text)
        #expect(read.count == expected.count)
        #expect(read.reduce(0) { $0 + $1.points.count } == 5070)
        #expect(Self.same(read, expected))
    }

    @Test func malformedLinesAndPairsAreSkippedTheSameWay() {
        let text = """
            country\tMali\t-1.5,2.25 3,4 x,1 5,6,7 1e1,2 .5,-0.000 7.,8
            lake\tX\t1,2 3,4
            river\tNoPoints\t1,2
            region\t\t10,11  12,13
            river\tNiger
            country\tÉ\t-12.264,14.775 +1,2 0.1234567890123456789,1 99999999999999999,3
            """
        let read = Basemap(text: text).polylines
        let expected = Self.reference(text)
        #expect(read.count == 3)
        #expect(Self.same(read, expected))
    }

    @Test func numbersAgreeWithDoubleOnRandomDecimals() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = Int.random(in: -200...200, using: &generator)
            let decimals = Int.random(in: 0...6, using: &generator)
            var text = whole == 0 && Bool.random(using: &generator) ? "-0" : String(whole)
            if decimals > 0 {
                text += "." + (0..<decimals).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            }
            let bytes = Array(text.utf8)
            let read = bytes.withUnsafeBufferPointer { Basemap.number($0, 0, $0.count) }
            #expect(read?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }
}
