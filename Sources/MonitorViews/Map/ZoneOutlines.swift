import MonitorCore
import MonitorState
import Foundation

/// Watch zones on the map (ARCHITECTURE.md §9): each circle's or corridor's outline in
/// `map_zone`, over the base map and under incident marks and town labels, and its name above
/// the outline where it covers no mark, town, label or name.
package enum ZoneOutlines {
    /// Points on a full circle's outline.
    static let circleSteps = 72
    /// Points on a half circle (a corridor's round end); joints take a share of it.
    static let capSteps = 18

    /// The outlines, after the base layer and before the incident marks.
    package static func drawOutlines(_ zones: [Zone], _ projection: Projection, _ ctx: RenderContext, _ inner: Rect,
                                     _ canvas: inout Canvas, _ occupancy: inout MapOccupancy) {
        guard !zones.isEmpty else { return }
        var raster = LineRaster(columns: projection.columns, rows: projection.rows)
        for zone in zones {
            for ring in outline(zone) {
                guard var previous = ring.first.map(projection.position) else { continue }
                for point in ring.dropFirst() {
                    let next = projection.position(point)
                    // `.border` keeps the slope characters in ASCII (`.region` draws dots).
                    raster.line(from: previous, to: next, kind: .border)
                    previous = next
                }
            }
        }
        let style = ctx.theme.style(.mapZone)
        for row in 0..<inner.height {
            for column in 0..<inner.width {
                guard var glyph = raster.glyph(column: column, row: row, ascii: ctx.ascii) else { continue }
                let x = inner.x + column, y = inner.y + row
                // Where a base line shares the cell, both sets of braille dots stay.
                if !ctx.ascii, let mine = glyph.unicodeScalars.first?.value, let theirs = canvas[x, y].glyph.unicodeScalars.first?.value,
                   (0x2800...0x28FF).contains(theirs), let both = Unicode.Scalar(mine | theirs) {
                    glyph = Character(both)
                }
                canvas.set(x: x, y: y, glyph, style)
                occupancy.insert(.line, x: column, y: row)
            }
        }
    }

    /// The names, after towns and place names, so they never push those aside.
    package static func drawNames(_ zones: [Zone], _ projection: Projection, _ ctx: RenderContext, _ inner: Rect,
                                  _ canvas: inout Canvas, _ occupancy: inout MapOccupancy) {
        let style = ctx.theme.style(.mapZone)
        for zone in zones {
            let name = ctx.ascii ? AsciiFallback.spell(zone.name) : zone.name
            let width = ctx.measure.columns(name)
            guard let spot = nameSpot(zone, width: width, projection, occupancy) else { continue }
            canvas.put(name, x: inner.x + spot.x, y: inner.y + spot.y, style: style)
            for x in spot.x..<(spot.x + width) { occupancy.insert(.name, x: x, y: spot.y) }
        }
    }

    /// Centred on the row above the outline's top, else the row below its bottom; nil when
    /// neither is free or the name is wider than the map.
    static func nameSpot(_ zone: Zone, width: Int, _ projection: Projection, _ occupancy: MapOccupancy) -> (x: Int, y: Int)? {
        let points = outline(zone).flatMap { $0 }.map(projection.position)
        guard let top = points.map(\.y).min(), let bottom = points.map(\.y).max(),
              let left = points.map(\.x).min(), let right = points.map(\.x).max() else { return nil }
        let x = Int(((left + right) / 2).rounded(.down)) - width / 2
        let blocking: MapOccupancy.Flags = [.mark, .town, .label, .name, .cursor]
        for y in [Int(top.rounded(.down)) - 1, Int(bottom.rounded(.down)) + 1]
        where occupancy.isFree(row: y, from: x, width: width, of: blocking) {
            return (x, y)
        }
        return nil
    }

    /// The zone's outline as rings of points: a circle, or a corridor's edges (half its width
    /// either side of the path, round at the ends and on the outside of each bend, as
    /// `Zone.contains` draws it).
    package static func outline(_ zone: Zone) -> [[GeoPoint]] {
        switch zone.shape {
        case .circle(let center, let radiusKm):
            guard radiusKm > 0 else { return [] }
            let frame = LocalFrame(center)
            return [arc(frame, (0, 0), radiusKm, from: 0, sweep: 2 * .pi, steps: circleSteps)]
        case .corridor(let path, let widthKm):
            guard let first = path.first, widthKm > 0 else { return [] }
            let h = widthKm / 2
            let frame = LocalFrame(first)
            // Vertices in km, repeats dropped (a zero-length segment has no direction).
            var km: [(x: Double, y: Double)] = []
            for p in path.map(frame.km) where km.last.map({ hypot($0.x - p.x, $0.y - p.y) > 1e-9 }) ?? true { km.append(p) }
            if km.count == 1 { return [arc(frame, km[0], h, from: 0, sweep: 2 * .pi, steps: circleSteps)] }
            var rings: [[GeoPoint]] = []
            var directions: [Double] = []
            for (a, b) in zip(km, km.dropFirst()) {
                let angle = atan2(b.y - a.y, b.x - a.x)
                directions.append(angle)
                // Both edges of the segment: normals to the left (+90°) and right.
                for side in [Double.pi / 2, -Double.pi / 2] {
                    let nx = h * cos(angle + side), ny = h * sin(angle + side)
                    rings.append([frame.point(a.x + nx, a.y + ny), frame.point(b.x + nx, b.y + ny)])
                }
            }
            // Round ends: behind the start, beyond the finish.
            rings.append(arc(frame, km[0], h, from: directions[0] + .pi / 2, sweep: .pi, steps: capSteps))
            rings.append(arc(frame, km[km.count - 1], h, from: directions[directions.count - 1] - .pi / 2, sweep: .pi, steps: capSteps))
            // Bends: an arc on the outer side, from one segment's edge to the next's.
            for i in 1..<(km.count - 1) {
                var turn = directions[i] - directions[i - 1]
                turn = atan2(sin(turn), cos(turn))
                let start = directions[i - 1] + (turn > 0 ? -.pi / 2 : .pi / 2)
                let steps = max(2, Int((abs(turn) / .pi * Double(capSteps)).rounded(.up)))
                rings.append(arc(frame, km[i], h, from: start, sweep: turn, steps: steps))
            }
            return rings
        }
    }

    /// Points on an arc round a centre given in the frame's km, counter-clockwise for a positive sweep.
    static func arc(_ frame: LocalFrame, _ center: (x: Double, y: Double), _ radius: Double, from: Double, sweep: Double,
                    steps: Int) -> [GeoPoint] {
        (0...steps).map { i in
            let angle = from + sweep * Double(i) / Double(steps)
            return frame.point(center.x + radius * cos(angle), center.y + radius * sin(angle))
        }
    }

    /// Kilometres east and north of an origin, equirectangular at the origin's latitude: for
    /// drawing, where a cell is kilometres across, the small stretch over a long route is invisible.
    struct LocalFrame {
        let origin: GeoPoint
        let kmPerLon: Double

        init(_ origin: GeoPoint) {
            self.origin = origin
            kmPerLon = GeoDistance.kmPerDegree * cos(origin.lat * .pi / 180)
        }

        func km(_ p: GeoPoint) -> (x: Double, y: Double) {
            ((p.lon - origin.lon) * kmPerLon, (p.lat - origin.lat) * GeoDistance.kmPerDegree)
        }

        func point(_ x: Double, _ y: Double) -> GeoPoint {
            GeoPoint(lat: origin.lat + y / GeoDistance.kmPerDegree, lon: origin.lon + x / max(kmPerLon, 1e-9))
        }
    }
}
