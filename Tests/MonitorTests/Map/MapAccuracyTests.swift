import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The map must be true: towns in their cells, the Niger where it runs, the border where it is.
///
/// Border points. Natural Earth's 1:10m border is accurate to about a kilometre or two; the twin
/// towns of Tinzaouaten (Mali) and Tin Zaouatine (Algeria) face each other across the wadi that
/// is the border, and every published coordinate for the Malian town falls a few hundred metres
/// north of Natural Earth's line. So a place closer to the line than `borderBand` is a border
/// point: it must be drawn on the border (in a cell the line passes through) at every zoom level,
/// and the gazetteer, not the polygon, says which country it is in. A place farther than that must
/// lie on its own side of the polygon, and wherever one cell is smaller than its distance to the
/// line, its cell must be wholly on that side on the map: no border in it, centre on the right side.
@Suite struct MapAccuracyTests {
    static let borderBand = 2.0  // km
    static let sizes = [(80, 24), (200, 60)]

    /// Mali's border alone, rasterised as the map draws it.
    static let maliOnly = Basemap(polylines: Basemap.standard.polylines.filter { $0.layer == .country && $0.name == "Mali" })
    static let riversOnly = Basemap(polylines: Basemap.standard.polylines.filter { $0.layer == .river })

    /// A projection for a terminal size at a zoom level, centred on a point (nil: the level's home).
    static func projection(width: Int, height: Int, zoom: Int, center: GeoPoint? = nil) -> Projection {
        var view = MapViewState()
        view.zoom = zoom
        view.center = center
        let area = MapViewport.area(width: width, height: height)
        return MapViewport.projection(view, columns: area.width, rows: area.height)
    }

    static func levels(width: Int, height: Int) -> Range<Int> {
        let area = MapViewport.area(width: width, height: height)
        return 0..<ZoomLadder(columns: area.width, rows: area.height).count
    }

    static func hasKind(_ raster: LineRaster, _ kind: LineRaster.Kind, near cell: (x: Int, y: Int), radius: Int) -> Bool {
        for y in (cell.y - radius)...(cell.y + radius) where y >= 0 && y < raster.rows {
            for x in (cell.x - radius)...(cell.x + radius) where x >= 0 && x < raster.columns {
                if raster.kind(column: x, row: y) == kind { return true }
            }
        }
        return false
    }

    // MARK: - Towns

    @Test(arguments: sizes)
    func everyTownLandsInTheCellHoldingItsTrueCoordinates(width: Int, height: Int) {
        for zoom in Self.levels(width: width, height: height) {
            var projections = [Self.projection(width: width, height: height, zoom: zoom)]
            projections += Gazetteer.mali.towns.map { Self.projection(width: width, height: height, zoom: zoom, center: $0.point) }
            for p in projections {
                for town in Gazetteer.mali.towns {
                    guard let cell = p.cell(town.point) else { continue }
                    let b = p.bounds(column: cell.x, row: cell.y)
                    #expect(town.point.lat > b.south - 1e-9 && town.point.lat <= b.north + 1e-9, "\(town.name) at zoom \(zoom)")
                    #expect(town.point.lon >= b.west - 1e-9 && town.point.lon < b.east + 1e-9, "\(town.name) at zoom \(zoom)")
                }
            }
        }
    }

    @Test(arguments: sizes)
    func townMarkersAreDrawnInTheirOwnCells(width: Int, height: Int) {
        for zoom in Self.levels(width: width, height: height) {
            var state = MapFixtures.empty(width: width, height: height)
            state.map.zoom = zoom
            let p = MapViewport.projection(state)
            let cells = MapFixtures.mapCells(state)
            let shown = Gazetteer.mali.towns.filter { $0.rank <= TownLabels.maxRank(kmPerRow: p.kmPerRow) }
            for y in 0..<p.rows {
                for x in 0..<p.columns where cells[x, y].glyph == "•" {
                    #expect(shown.contains { town in p.cell(town.point).map { $0.x == x && $0.y == y } ?? false },
                            "a town marker at (\(x), \(y)) at zoom \(zoom) belongs to no town")
                }
            }
            for town in shown where town.rank == 1 {
                guard let cell = p.cell(town.point) else { continue }
                #expect(cells[cell.x, cell.y].glyph == "•", "\(town.name) has no marker in its cell at zoom \(zoom)")
            }
        }
    }

    // MARK: - The Niger

    @Test func timbuktuIsNorthOfTheRiver() throws {
        let timbuktu = try #require(Gazetteer.mali.lookup("Timbuktu")).point
        // In the data: wherever the Niger crosses Timbuktu's meridian, it is south of the town.
        var crossings: [Double] = []
        for line in Basemap.standard.polylines where line.layer == .river && line.name == "Niger" {
            for (a, b) in zip(line.points, line.points.dropFirst()) where (a.lon - timbuktu.lon) * (b.lon - timbuktu.lon) <= 0 && a.lon != b.lon {
                crossings.append(a.lat + (timbuktu.lon - a.lon) / (b.lon - a.lon) * (b.lat - a.lat))
            }
        }
        #expect(!crossings.isEmpty)
        #expect(crossings.allSatisfy { $0 < timbuktu.lat - 0.05 }, "\(crossings)")
        // On the map: at every level no river is drawn above the town in its column, and once cells
        // are small enough to tell them apart, the river is below it.
        for (width, height) in Self.sizes {
            for zoom in Self.levels(width: width, height: height) {
                let p = Self.projection(width: width, height: height, zoom: zoom, center: timbuktu)
                let raster = BaseLayer.rasterize(p, Self.riversOnly)
                let cell = try #require(p.cell(timbuktu))
                let riverRows = (0..<p.rows).filter { raster.kind(column: cell.x, row: $0) == .river }
                #expect(riverRows.allSatisfy { $0 >= cell.y }, "river above Timbuktu at \(width)x\(height) zoom \(zoom)")
                if p.kmPerRow < 10 {
                    #expect(riverRows.contains { $0 > cell.y }, "no river south of Timbuktu at zoom \(zoom)")
                    #expect(!riverRows.contains(cell.y), "river in Timbuktu's own cell at zoom \(zoom)")
                }
            }
        }
    }

    @Test(arguments: ["Gao", "Bourem"])
    func townIsOnTheRiver(name: String) throws {
        let town = try #require(Gazetteer.mali.lookup(name)).point
        #expect(MapFixtures.distanceKm(town, layer: .river, name: "Niger") < 2)
        for (width, height) in Self.sizes {
            for zoom in Self.levels(width: width, height: height) {
                for center in [nil, town] {
                    let p = Self.projection(width: width, height: height, zoom: zoom, center: center)
                    guard let cell = p.cell(town) else { continue }
                    let raster = BaseLayer.rasterize(p, Self.riversOnly)
                    #expect(Self.hasKind(raster, .river, near: cell, radius: 1), "\(name) off the river at \(width)x\(height) zoom \(zoom)")
                }
            }
        }
    }

    @Test func theRiverIsNamedAndPassesItsTowns() throws {
        // The Niger's inner delta and its bend at Bourem: the named river passes the towns on it.
        // (Not Niafunké: it stands on the Issa Ber arm, which the intermediate-resolution river data
        // lack; the nearest channel drawn is 12 km away.)
        for name in ["Mopti", "Diré", "Bamba", "Bourem", "Gao", "Ansongo"] {
            let town = try #require(Gazetteer.mali.lookup(name)).point
            #expect(MapFixtures.distanceKm(town, layer: .river, name: "Niger") < 5, "\(name)")
        }
        // At Bourem the river turns from flowing east to flowing south-east.
        let niger = Basemap.standard.polylines.filter { $0.layer == .river && $0.name == "Niger" }.flatMap(\.points)
        #expect(niger.contains { $0.lat > 16.9 && $0.lon > -0.5 && $0.lon < -0.3 })
        #expect(niger.contains { $0.lat < 16.5 && $0.lon > -0.2 && $0.lon < 0.1 })
    }

    // MARK: - The border

    @Test(arguments: sizes)
    func borderIsWithinOneCellOfItsTruePositionAtTheDefaultZoom(width: Int, height: Int) {
        let p = Self.projection(width: width, height: height, zoom: ZoomLadder.defaultLevel)
        let raster = BaseLayer.rasterize(p, Self.maliOnly)
        // Every point of the border data, and points a fifth of a cell apart along each segment.
        var checked = 0
        for ring in Self.maliOnly.rings(of: "Mali") {
            for (a, b) in zip(ring, ring.dropFirst()) {
                let steps = max(1, Int(max(abs(b.lat - a.lat) / p.degreesPerRow, abs(b.lon - a.lon) / p.degreesPerColumn) * 5))
                for i in 0...steps {
                    let t = Double(i) / Double(steps)
                    let point = GeoPoint(lat: a.lat + (b.lat - a.lat) * t, lon: a.lon + (b.lon - a.lon) * t)
                    guard let cell = p.cell(point) else { continue }
                    checked += 1
                    #expect(Self.hasKind(raster, .border, near: cell, radius: 1), "border missing near \(point)")
                }
            }
        }
        #expect(checked > 100)
        // Points of the border known independently of Natural Earth: the Algeria–Mali–Mauritania
        // tripoint (25°00'N 4°50'W, Algeria–Mauritania boundary convention) and the straight
        // Mali–Mauritania boundary along 15°30'N.
        for point in [GeoPoint(lat: 25.0, lon: -4.8333), GeoPoint(lat: 15.5, lon: -6.0), GeoPoint(lat: 15.5, lon: -8.0)] {
            let wide = Self.projection(width: width, height: height, zoom: ZoomLadder.mali)
            for q in [p, wide] {
                guard let cell = q.cell(point) else { continue }
                #expect(Self.hasKind(BaseLayer.rasterize(q, Self.maliOnly), .border, near: cell, radius: 1), "\(point)")
            }
        }
    }

    /// Places on either side of Mali's border, and whether they are in Mali.
    static let sides: [(name: String, point: GeoPoint, inMali: Bool)] = [
        ("Tin-Zaouatene", GeoPoint(lat: 19.9625, lon: 2.8575), true),
        ("Bordj Badji Mokhtar", GeoPoint(lat: 21.33, lon: 0.95), false),
        ("Tessalit", GeoPoint(lat: 20.2013, lon: 1.0119), true),
        ("Ménaka", GeoPoint(lat: 15.9199, lon: 2.3961), true),
        ("Léré", GeoPoint(lat: 15.7118, lon: -4.9118), true),
        ("Niamey", GeoPoint(lat: 13.5116, lon: 2.1254), false),
    ]

    @Test func placesNearTheBorderFallOnTheRightSide() {
        for place in Self.sides {
            let km = MapFixtures.distanceKm(place.point, layer: .country, name: "Mali")
            if km < Self.borderBand {
                // A border point: drawn on the line at every level and size.
                for (width, height) in Self.sizes {
                    for zoom in Self.levels(width: width, height: height) {
                        let p = Self.projection(width: width, height: height, zoom: zoom, center: place.point)
                        let cell = p.centerCell
                        #expect(BaseLayer.rasterize(p, Self.maliOnly).kind(column: cell.x, row: cell.y) == .border,
                                "\(place.name) is not drawn on the border at \(width)x\(height) zoom \(zoom)")
                    }
                }
                continue
            }
            #expect(Basemap.standard.contains(place.point, country: "Mali") == place.inMali, "\(place.name)")
            checkDrawnSide(place.name, place.point, inMali: place.inMali, km: km)
        }
    }

    @Test func tinZaouateneIsABorderPointAndBordjBadjiMokhtarIsClearlyOutside() {
        let tin = MapFixtures.distanceKm(GeoPoint(lat: 19.9625, lon: 2.8575), layer: .country, name: "Mali")
        #expect(tin < Self.borderBand)
        #expect(Gazetteer.mali.lookup("Tin-Zaouatene") != nil, "the gazetteer places it in Mali")
        let bbm = GeoPoint(lat: 21.33, lon: 0.95)
        #expect(MapFixtures.distanceKm(bbm, layer: .country, name: "Mali") > 5)
        #expect(!Basemap.standard.contains(bbm, country: "Mali"))
        #expect(Basemap.standard.contains(bbm, country: "Algeria"))
    }

    @Test func pointsAFewKilometresEitherSideOfTheBorderAreDrawnOnTheirSide() {
        // Off the middle of every long border segment, 8 km in and 8 km out.
        var checked = 0
        for ring in Self.maliOnly.rings(of: "Mali") {
            for (a, b) in zip(ring, ring.dropFirst()) {
                let k = cos((a.lat + b.lat) / 2 * .pi / 180)
                let dx = (b.lon - a.lon) * k, dy = b.lat - a.lat
                let length = (dx * dx + dy * dy).squareRoot()
                guard length * Projection.kmPerDegree > 40 else { continue }
                let mid = GeoPoint(lat: (a.lat + b.lat) / 2, lon: (a.lon + b.lon) / 2)
                let offset = 8 / Projection.kmPerDegree / length
                for sign in [-1.0, 1.0] {
                    let point = GeoPoint(lat: mid.lat + sign * dx * offset, lon: mid.lon - sign * dy * offset / k)
                    let km = MapFixtures.distanceKm(point, layer: .country, name: "Mali")
                    guard km > 6 else { continue }  // a corner nearby: skip
                    checkDrawnSide("border offset at \(point)", point, inMali: Basemap.standard.contains(point, country: "Mali"), km: km)
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    /// Where a cell is smaller than the point's distance from the line, the point's cell must be
    /// wholly on the point's side: no border in it and its centre on that side.
    func checkDrawnSide(_ name: String, _ point: GeoPoint, inMali: Bool, km: Double) {
        for (width, height) in Self.sizes {
            for zoom in Self.levels(width: width, height: height) {
                let p = Self.projection(width: width, height: height, zoom: zoom, center: point)
                guard (p.kmPerRow * p.kmPerRow + p.kmPerColumn * p.kmPerColumn).squareRoot() < km else { continue }
                let cell = p.centerCell
                #expect(BaseLayer.rasterize(p, Self.maliOnly).kind(column: cell.x, row: cell.y) != .border,
                        "\(name) drawn on the border at \(width)x\(height) zoom \(zoom)")
                #expect(Basemap.standard.contains(p.point(column: cell.x, row: cell.y), country: "Mali") == inMali,
                        "\(name) drawn on the wrong side at \(width)x\(height) zoom \(zoom)")
            }
        }
    }
}
