import Foundation
import Testing
@testable import MonitorCore

@Suite struct ZoneGeometryTests {
    static let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
    static let goundam = GeoPoint(lat: 16.4145, lon: -3.6708)
    let circle = Zone(name: "Timbuktu 50 km", shape: .circle(center: timbuktu, radiusKm: 50))
    let corridor = Zone(name: "Route Timbuktu-Goundam", shape: .corridor(path: [timbuktu, goundam], widthKm: 10))

    /// `km` kilometres from `p` along a bearing given as a unit vector (east, north) in km.
    static func moved(_ p: GeoPoint, east: Double, north: Double, km: Double) -> GeoPoint {
        let kmPerLon = GeoDistance.kmPerDegree * cos(p.lat * .pi / 180)
        return GeoPoint(lat: p.lat + north * km / GeoDistance.kmPerDegree, lon: p.lon + east * km / kmPerLon)
    }

    /// The unit vector from Timbuktu towards Goundam, in local km, and one square to it.
    static var along: (east: Double, north: Double) {
        let kmPerLon = GeoDistance.kmPerDegree * cos(timbuktu.lat * .pi / 180)
        let e = (goundam.lon - timbuktu.lon) * kmPerLon, n = (goundam.lat - timbuktu.lat) * GeoDistance.kmPerDegree
        let length = (e * e + n * n).squareRoot()
        return (e / length, n / length)
    }
    static var across: (east: Double, north: Double) { (-along.north, along.east) }

    @Test func circleNearTheRim() {
        let north = { (km: Double) in GeoPoint(lat: Self.timbuktu.lat + km / GeoDistance.kmPerDegree, lon: Self.timbuktu.lon) }
        #expect(circle.contains(Self.timbuktu))
        #expect(circle.contains(north(49.5)))
        #expect(!circle.contains(north(50.5)))
        let west = Self.moved(Self.timbuktu, east: -1, north: 0, km: 49.7)
        #expect(circle.contains(west))
        #expect(!circle.contains(Self.moved(Self.timbuktu, east: -1, north: 0, km: 50.3)))
        #expect(!circle.contains(Self.goundam))  // about 81 km away
    }

    @Test func corridorHoldsHalfItsWidthEitherSide() {
        let middle = GeoPoint(lat: (Self.timbuktu.lat + Self.goundam.lat) / 2, lon: (Self.timbuktu.lon + Self.goundam.lon) / 2)
        #expect(corridor.contains(middle))
        #expect(corridor.contains(Self.goundam))
        for side in [1.0, -1.0] {
            let near = Self.moved(middle, east: side * Self.across.east, north: side * Self.across.north, km: 4.8)
            let far = Self.moved(middle, east: side * Self.across.east, north: side * Self.across.north, km: 5.2)
            #expect(corridor.contains(near))
            #expect(!corridor.contains(far))
        }
        // Diré is about 25 km off the road: outside a 10 km corridor, inside a 60 km one.
        let dire = GeoPoint(lat: 16.2571, lon: -3.4013)
        #expect(!corridor.contains(dire))
        #expect(Zone(name: "wide", shape: .corridor(path: [Self.timbuktu, Self.goundam], widthKm: 60)).contains(dire))
    }

    @Test func corridorEndsAreRound() {
        let a = Self.along
        // Beyond Timbuktu, away from Goundam.
        #expect(corridor.contains(Self.moved(Self.timbuktu, east: -a.east, north: -a.north, km: 4.8)))
        #expect(!corridor.contains(Self.moved(Self.timbuktu, east: -a.east, north: -a.north, km: 5.2)))
        // Beyond Goundam, diagonally: 4.8 km from the town is inside, 5.2 km outside.
        let diagonal = (east: (a.east + Self.across.east) / 2.squareRoot(), north: (a.north + Self.across.north) / 2.squareRoot())
        #expect(corridor.contains(Self.moved(Self.goundam, east: diagonal.east, north: diagonal.north, km: 4.8)))
        #expect(!corridor.contains(Self.moved(Self.goundam, east: diagonal.east, north: diagonal.north, km: 5.2)))
    }

    @Test func degenerateCorridors() {
        #expect(!Zone(name: "empty", shape: .corridor(path: [], widthKm: 10)).contains(Self.timbuktu))
        let dot = Zone(name: "dot", shape: .corridor(path: [Self.timbuktu], widthKm: 10))
        #expect(dot.contains(Self.moved(Self.timbuktu, east: 0, north: 1, km: 4.9)))
        #expect(!dot.contains(Self.moved(Self.timbuktu, east: 0, north: 1, km: 5.1)))
        #expect(Zone(name: "empty", shape: .corridor(path: [], widthKm: 10)).boundingBox == nil)
    }

    @Test func boundingBoxHoldsTheZoneAndRejectsFarPoints() throws {
        let box = try #require(circle.boundingBox)
        for bearing in stride(from: 0.0, to: 360.0, by: 15.0) {
            let rad = bearing * .pi / 180
            let rim = Self.moved(Self.timbuktu, east: sin(rad), north: cos(rad), km: 49.9)
            #expect(circle.contains(rim))
            #expect(box.contains(rim))
        }
        #expect(!box.contains(GeoPoint(lat: 16.2717, lon: -0.0447)))  // Gao
        let road = try #require(corridor.boundingBox)
        #expect(road.contains(Self.timbuktu) && road.contains(Self.goundam))
        #expect(!road.contains(GeoPoint(lat: 18.4435, lon: 1.4092)))  // Kidal
    }
}
