import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorState
@testable import MonitorViews

@Suite struct ZoneOutlineTests {
    static let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
    static let goundam = GeoPoint(lat: 16.4145, lon: -3.6708)
    static let circle = Zone(name: "Timbuktu 50 km", shape: .circle(center: timbuktu, radiusKm: 50))
    static let road = Zone(name: "Route Timbuktu-Goundam", shape: .corridor(path: [timbuktu, goundam], widthKm: 10))
    static let zoneStyle = Style(fg: .indexed(205))

    /// The scenario centred on Timbuktu at the first zoom level finer than 12 km a row.
    func state(width: Int = 100, height: Int = 30) throws -> AppState {
        var state = try MapFixtures.scenario(width: width, height: height)
        state.map.center = Self.timbuktu
        let area = MapViewport.area(width: width, height: height)
        let levels = ZoomLadder(columns: area.width, rows: area.height).count
        state.map.zoom = (0..<levels).first { zoom in
            var s = state.map
            s.zoom = zoom
            return MapViewport.projection(s, columns: area.width, rows: area.height).kmPerRow <= 12
        } ?? levels - 1
        return state
    }

    func render(_ state: AppState, zones: [Zone], show: Bool = true, ascii: Bool = false) -> Canvas {
        var theme = Theme.fallback(actorCount: 8)
        theme.elements[.mapZone] = Self.zoneStyle
        let ctx = RenderContext(theme: theme, ascii: ascii)
        let map = Layout(width: state.width, height: state.height).map
        var canvas = Canvas(width: map.width, height: map.height, ascii: ascii)
        MapView.draw(state, ctx, in: Rect(x: 0, y: 0, width: map.width, height: map.height), on: &canvas, zones: zones, showZones: show)
        return canvas
    }

    @Test func timbuktuCircleSnapshot() throws {
        let canvas = render(try state(), zones: [Self.circle])
        Snapshot.check(canvas, named: "map-zone-timbuktu-50km")
        // The name is there, in the zone's style.
        let text = canvas.trimmedLines.joined(separator: "\n")
        #expect(text.contains("Timbuktu 50 km"))
    }

    @Test func outlineCellsAreInTheZoneStyleAroundTheCentre() throws {
        let state = try state()
        let canvas = render(state, zones: [Self.circle])
        let map = Layout(width: state.width, height: state.height).map
        let projection = MapViewport.projection(state.map, columns: map.width - 2, rows: map.height - 2)
        let zoneCells = (0..<canvas.height).flatMap { y in (0..<canvas.width).map { (x: $0, y: y) } }
            .filter { canvas[$0.x, $0.y].style == Self.zoneStyle && canvas[$0.x, $0.y].glyph.unicodeScalars.first.map { (0x2800...0x28FF).contains($0.value) } == true }
        #expect(zoneCells.count > 20)
        // Every outline cell lies about 50 km from Timbuktu: within a cell's size of the rim.
        let slack = max(projection.kmPerRow, projection.kmPerColumn) * 1.5
        for cell in zoneCells {
            let point = projection.point(column: cell.x - 1, row: cell.y - 1)
            #expect(abs(GeoDistance.km(point, Self.timbuktu) - 50) <= slack, "\(cell) is off the rim")
        }
    }

    @Test func hiddenZonesDrawNothing() throws {
        let state = try state()
        #expect(render(state, zones: [Self.circle, Self.road], show: false).trimmedLines == render(state, zones: []).trimmedLines)
        #expect(render(state, zones: [Self.circle]).trimmedLines != render(state, zones: []).trimmedLines)
    }

    @Test func corridorOutlineFollowsTheRoad() {
        let rings = ZoneOutlines.outline(Self.road)
        let points = rings.flatMap { $0 }
        #expect(!points.isEmpty)
        // Every outline point lies half the width from the path.
        for p in points {
            #expect(abs(Zone.distanceKm(from: p, toPath: [Self.timbuktu, Self.goundam]) - 5) < 0.05)
        }
        // A bend gets an arc on its outer side, still half the width from the path.
        let bent = Zone(name: "bend", shape: .corridor(path: [Self.goundam, Self.timbuktu, GeoPoint(lat: 16.2717, lon: -0.0447)], widthKm: 20))
        guard case .corridor(let path, _) = bent.shape else { return }
        let arc = ZoneOutlines.outline(bent).last ?? []
        #expect(arc.count >= 3)
        for p in arc { #expect(abs(Zone.distanceKm(from: p, toPath: path) - 10) < 0.1) }
    }

    @Test func asciiOutlinesAreASCII() throws {
        let canvas = render(try state(), zones: [Self.circle, Self.road], ascii: true)
        #expect(canvas.trimmedLines.allSatisfy { $0.allSatisfy(\.isASCII) })
    }
}
