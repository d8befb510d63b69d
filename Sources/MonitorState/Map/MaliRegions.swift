import MonitorCore
import Foundation

/// Which of Mali's regions (admin-1) a point lies in, for the surge rule (ARCHITECTURE.md §9).
///
/// The base map has the regions' boundary *lines* only (Natural Earth's admin-1 lines carry no
/// names, `scripts/README-basemap.md`), so the regions are rebuilt here once: a grid of 0.05°
/// cells (about 5.5 km) over Mali's ring, the boundary lines drawn into it as walls, and each
/// region flooded from its capital up to the walls; wall cells then join the region next to them.
/// A point's region is its cell's, good to a cell near a boundary; a point within one cell
/// outside Mali's ring (the border is good to a kilometre or two) takes the region beside it.
///
/// The regions are the ones the lines draw, Mali's before 2016: Taoudénit is still part of
/// Tombouctou and Ménaka part of Gao.
public struct MaliRegions: Sendable {
    /// Region names, then the point the flood starts from (the capital).
    public static let capitals: [(name: String, at: GeoPoint)] = [
        ("Kayes", GeoPoint(lat: 14.4469, lon: -11.4456)),
        ("Koulikoro", GeoPoint(lat: 12.8627, lon: -7.5599)),
        ("Sikasso", GeoPoint(lat: 11.3176, lon: -5.6665)),
        ("Ségou", GeoPoint(lat: 13.4403, lon: -6.2595)),
        ("Mopti", GeoPoint(lat: 14.4843, lon: -4.1830)),
        ("Tombouctou", GeoPoint(lat: 16.7735, lon: -3.0074)),
        ("Gao", GeoPoint(lat: 16.2717, lon: -0.0447)),
        ("Kidal", GeoPoint(lat: 18.4435, lon: 1.4092)),
        ("Bamako", GeoPoint(lat: 12.6392, lon: -8.0029)),
    ]

    static let step = 0.05
    static let south = 10.0, north = 25.2, west = -12.5, east = 4.5
    static let columns = Int(((east - west) / step).rounded(.up))
    static let rows = Int(((north - south) / step).rounded(.up))

    /// Index into `capitals` plus one per cell; 0: outside Mali. A cell just outside the ring
    /// already holds the region beside it, so a look-up is one read (it runs per arrival, §9).
    private let cells: [UInt8]
    /// Cells a region's flood reached that another's had: each is a gap in the boundary lines
    /// (the tests require none of the bundled map's). 0 for a grid read from text.
    public let leaks: Int

    /// The grid of the bundled base map, read from `MaliRegionsGrid` (a test holds it to the
    /// grid `init(_:)` builds, and rewrites it with `SITMON_RECORD=1`): building it at start cost
    /// 40 million instructions, more than the first screen of a small file (BENCHMARKS.md).
    public static let standard = MaliRegions(encoded: MaliRegionsGrid.runs) ?? MaliRegions(Basemap.standard)

    /// The grid as runs of cells in row order: a letter for the label (`a` outside Mali, `b` for
    /// the first region …), then the run's length in decimal.
    package func encoded(lineLength: Int = 96) -> String {
        var out = "", line = ""
        var i = 0
        while i < cells.count {
            var j = i
            while j < cells.count, cells[j] == cells[i] { j += 1 }
            let run = String(UnicodeScalar(UInt8(ascii: "a") + cells[i])) + String(j - i)
            if line.count + run.count > lineLength {
                out += line + "\n"
                line = ""
            }
            line += run
            i = j
        }
        return out + line
    }

    /// Reads `encoded()`'s text (whitespace ignored); nil unless it is exactly one grid of known
    /// labels.
    package init?(encoded text: String) {
        var cells: [UInt8] = []
        cells.reserveCapacity(Self.gridColumns * Self.gridRows)
        var label: UInt8?
        var length = 0
        func close() -> Bool {
            guard let label else { return true }
            guard length > 0, cells.count + length <= Self.gridColumns * Self.gridRows else { return false }
            cells.append(contentsOf: repeatElement(label, count: length))
            return true
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard close() else { return nil }
                let value = byte - UInt8(ascii: "a")
                guard Int(value) <= Self.capitals.count else { return nil }
                label = value
                length = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard label != nil, length < 1 << 20 else { return nil }
                length = length * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: " "), UInt8(ascii: "\n"):
                continue
            default:
                return nil
            }
        }
        guard close(), cells.count == Self.gridColumns * Self.gridRows else { return nil }
        self.cells = cells
        leaks = 0
    }

    /// Each cell's label (0 outside Mali, else the index in `capitals` plus one), row by row.
    package var labels: [UInt8] { cells }

    public init(_ basemap: Basemap) {
        let rings = basemap.rings(of: "Mali")
        var inside = Self.fill(rings)
        var walls = [Bool](repeating: false, count: Self.columns * Self.rows)
        for line in basemap.polylines where line.layer == .region {
            Self.drawWall(line.points, into: &walls)
            // A line that comes within three cells of the border, at an end or a bend, meets it (the
            // Ségou–Mopti–Tombouctou line stops 0.11° short of the border corner it runs to).
            for v in line.points {
                if let p = Self.nearest(to: v, on: rings), p != v, hypot(p.lat - v.lat, p.lon - v.lon) < 3 * Self.step {
                    Self.drawWall([v, p], into: &walls)
                }
            }
        }
        var labels = [UInt8](repeating: 0, count: inside.count)
        var leaks = 0
        // Each region from its capital, four ways, never through a wall.
        for (i, capital) in Self.capitals.enumerated() {
            guard let start = Self.index(capital.at) else { continue }
            inside[start] = true
            walls[start] = false
            var queue = [start]
            var head = 0
            if labels[start] != 0 { leaks += 1; continue }
            labels[start] = UInt8(i + 1)
            while head < queue.count {
                let at = queue[head]
                head += 1
                Self.neighbours4(at) { next in
                    guard inside[next], !walls[next] else { return }
                    if labels[next] == 0 {
                        labels[next] = UInt8(i + 1)
                        queue.append(next)
                    } else if labels[next] != UInt8(i + 1) {
                        leaks += 1
                    }
                }
            }
        }
        // Walls and anything the floods missed take a labelled neighbour's region, outwards.
        var frontier = labels.indices.filter { labels[$0] != 0 }
        while !frontier.isEmpty {
            var next: [Int] = []
            for at in frontier {
                Self.neighbours8(at) { n in
                    guard inside[n], labels[n] == 0 else { return }
                    labels[n] = labels[at]
                    next.append(n)
                }
            }
            frontier = next
        }
        // Just outside the ring: the region beside it (the first labelled of the eight around, in
        // `neighbours8`'s order), worked out here once rather than on each look-up.
        var near = labels
        for at in labels.indices where labels[at] == 0 {
            var found: UInt8 = 0
            Self.neighbours8(at) { n in if found == 0 { found = labels[n] } }
            near[at] = found
        }
        cells = near
        self.leaks = leaks
    }

    /// The region a point lies in, or nil outside Mali.
    public func region(of point: GeoPoint) -> String? {
        regionIndex(of: point).map { Self.capitals[$0].name }
    }

    /// The region's index in `capitals`, or nil outside Mali: one cell read.
    @inline(__always)
    public func regionIndex(of point: GeoPoint) -> Int? {
        guard let at = Self.index(point) else { return nil }
        let label = cells.withUnsafeBufferPointer { $0[at] }
        return label == 0 ? nil : Int(label) - 1
    }

    /// The grid's size as literals: the computed `columns` and `rows` are lazy globals, a check
    /// per read on the arrival path (`index`); a test holds them equal.
    static let gridColumns = 340, gridRows = 304

    /// The cell of a point, nil off the grid. Compared as doubles first, so a point far off the
    /// grid is turned away, never converted; within it, truncation is the floor.
    @inline(__always)
    static func index(_ p: GeoPoint) -> Int? {
        let fx = (p.lon - west) / step, fy = (p.lat - south) / step
        guard fx >= 0, fy >= 0, fx < Double(gridColumns), fy < Double(gridRows) else { return nil }
        return Int(fy) * gridColumns + Int(fx)
    }

    /// The four cells beside `at` (handed to `body`: no array per cell, the fill visits 100,000).
    @inline(__always)
    static func neighbours4(_ at: Int, _ body: (Int) -> Void) {
        let x = at % gridColumns, y = at / gridColumns
        if x > 0 { body(at - 1) }
        if x + 1 < gridColumns { body(at + 1) }
        if y > 0 { body(at - gridColumns) }
        if y + 1 < gridRows { body(at + gridColumns) }
    }

    @inline(__always)
    static func neighbours8(_ at: Int, _ body: (Int) -> Void) {
        let x = at % gridColumns, y = at / gridColumns
        for dy in -1...1 {
            for dx in -1...1 where dx != 0 || dy != 0 {
                let nx = x + dx, ny = y + dy
                if nx >= 0, ny >= 0, nx < gridColumns, ny < gridRows { body(ny * gridColumns + nx) }
            }
        }
    }

    /// The point of the rings nearest to `v` (in degrees, flat: only near points matter).
    static func nearest(to v: GeoPoint, on rings: [[GeoPoint]]) -> GeoPoint? {
        var best: (GeoPoint, Double)?
        for ring in rings {
            for (a, b) in zip(ring, ring.dropFirst()) {
                let dx = b.lon - a.lon, dy = b.lat - a.lat
                let length = dx * dx + dy * dy
                let t = length > 0 ? min(1, max(0, ((v.lon - a.lon) * dx + (v.lat - a.lat) * dy) / length)) : 0
                let p = GeoPoint(lat: a.lat + t * dy, lon: a.lon + t * dx)
                // Squared: the same nearest point, without a square root per segment.
                let d = (p.lat - v.lat) * (p.lat - v.lat) + (p.lon - v.lon) * (p.lon - v.lon)
                if d < best?.1 ?? .infinity { best = (p, d) }
            }
        }
        return best?.0
    }

    /// Cells whose centre lies inside the rings (even-odd), a row at a time.
    static func fill(_ rings: [[GeoPoint]]) -> [Bool] {
        var inside = [Bool](repeating: false, count: columns * rows)
        for y in 0..<rows {
            let lat = south + (Double(y) + 0.5) * step
            var crossings: [Double] = []
            for ring in rings {
                for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1)) where (a.lat > lat) != (b.lat > lat) {
                    crossings.append(a.lon + (lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat))
                }
            }
            crossings.sort()
            var i = 0
            while i + 1 < crossings.count {
                let from = max(0, Int(((crossings[i] - west) / step - 0.5).rounded(.up)))
                let to = min(columns - 1, Int(((crossings[i + 1] - west) / step - 0.5).rounded(.down)))
                if from <= to { for x in from...to { inside[y * columns + x] = true } }
                i += 2
            }
        }
        return inside
    }

    /// Marks every cell a line passes through, its ends carried on a little (a line that stops
    /// just short of the border or of another line would leave a gap a flood runs through).
    static func drawWall(_ points: [GeoPoint], into walls: inout [Bool]) {
        guard points.count >= 2 else { return }
        var path = points
        let overshoot = step * 2
        for (end, before) in [(0, 1), (points.count - 1, points.count - 2)] {
            let e = points[end], b = points[before]
            let length = hypot(e.lat - b.lat, e.lon - b.lon)
            guard length > 0, e != points[points.count - 1 - end] else { continue }  // a closed ring needs none
            let extended = GeoPoint(lat: e.lat + (e.lat - b.lat) / length * overshoot, lon: e.lon + (e.lon - b.lon) / length * overshoot)
            if end == 0 { path.insert(extended, at: 0) } else { path.append(extended) }
        }
        for (a, b) in zip(path, path.dropFirst()) {
            let n = max(1, Int((max(abs(b.lat - a.lat), abs(b.lon - a.lon)) / (step / 4)).rounded(.up)))
            for i in 0...n {
                let t = Double(i) / Double(n)
                if let at = index(GeoPoint(lat: a.lat + (b.lat - a.lat) * t, lon: a.lon + (b.lon - a.lon) * t)) { walls[at] = true }
            }
        }
    }
}
