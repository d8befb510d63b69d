import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorState

@Suite struct MapProjectionTests {
    @Test(arguments: [(48, 12), (49, 13), (108, 57), (1, 1)])
    func centreLiesInTheMiddleOfTheCursorCell(columns: Int, rows: Int) throws {
        let p = Projection(center: GeoPoint(lat: 16.7735, lon: -3.0074), degreesPerRow: 0.2, columns: columns, rows: rows)
        let cell = try #require(p.cell(p.center))
        #expect(cell.x == p.centerCell.x && cell.y == p.centerCell.y)
        let middle = p.point(column: p.centerCell.x, row: p.centerCell.y)
        #expect(abs(middle.lat - p.center.lat) < 1e-9 && abs(middle.lon - p.center.lon) < 1e-9)
    }

    @Test func cellsAreTwiceAsTallAsWideOnTheGround() {
        let p = Projection(center: GeoPoint(lat: 19.5, lon: -1), degreesPerRow: 0.2, columns: 100, rows: 50)
        #expect(abs(p.kmPerRow - 2 * p.kmPerColumn) < 1e-9)
    }

    @Test func aPointIsInsideTheBoundsOfItsCell() {
        let p = Projection(center: GeoPoint(lat: 19.5, lon: -1), degreesPerRow: 0.19, columns: 108, rows: 57)
        for town in Gazetteer.mali.towns {
            guard let cell = p.cell(town.point) else { continue }
            let b = p.bounds(column: cell.x, row: cell.y)
            #expect(town.point.lat > b.south && town.point.lat <= b.north + 1e-12, "\(town.name)")
            #expect(town.point.lon >= b.west - 1e-12 && town.point.lon < b.east, "\(town.name)")
        }
    }

    @Test func pointsOffThePaneHaveNoCell() {
        let p = Projection(center: GeoPoint(lat: 19.5, lon: -1), degreesPerRow: 0.2, columns: 10, rows: 10)
        #expect(p.cell(GeoPoint(lat: 30, lon: -1)) == nil)
        #expect(p.cell(GeoPoint(lat: 19.5, lon: 20)) == nil)
        #expect(p.cell(lat: .nan, lon: 0) == nil)
    }

    @Test func fittingShowsTheWholeBox() {
        let box = Projection.northernMali
        let p = Projection.fitting(south: box.south, north: box.north, west: box.west, east: box.east, columns: 48, rows: 12)
        for corner in [GeoPoint(lat: box.south + 0.3, lon: box.west + 0.3), GeoPoint(lat: box.north - 0.3, lon: box.east - 0.3)] {
            #expect(p.cell(corner) != nil)
        }
    }
}

@Suite struct ZoomLadderTests {
    @Test(arguments: [(48, 12), (108, 57), (78, 13)])
    func fromAllOfMaliDownToAboutFiveKmACell(columns: Int, rows: Int) {
        let ladder = ZoomLadder(columns: columns, rows: rows)
        #expect(ladder.count >= 4)
        // The widest level shows all of Mali, the default is today's northern Mali box.
        let whole = Projection(center: ladder[0].home, degreesPerRow: ladder[0].degreesPerRow, columns: columns, rows: rows)
        for corner in [GeoPoint(lat: 10.3, lon: -12), GeoPoint(lat: 24.9, lon: 4.1), GeoPoint(lat: 10.3, lon: 4.1)] {
            #expect(whole.cell(corner) != nil)
        }
        let box = Projection.northernMali
        let fit = Projection.fitting(south: box.south, north: box.north, west: box.west, east: box.east, columns: columns, rows: rows)
        #expect(ladder[ZoomLadder.defaultLevel].degreesPerRow == fit.degreesPerRow)
        // Every step zooms in, and the last is 5 km a cell.
        for i in 1..<ladder.count { #expect(ladder[i].degreesPerRow < ladder[i - 1].degreesPerRow) }
        #expect(abs(ladder[ladder.count - 1].degreesPerRow * Projection.kmPerDegree - 5) < 1e-9)
    }

    @Test func levelsOutsideTheLadderAreClamped() {
        let ladder = ZoomLadder(columns: 108, rows: 57)
        #expect(ladder.clamp(-3) == 0)
        #expect(ladder.clamp(99) == ladder.count - 1)
        #expect(ladder[99].degreesPerRow == ladder[ladder.count - 1].degreesPerRow)
    }
}
