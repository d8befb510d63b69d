import Foundation
import MonitorCore
import MonitorState

/// `map.svg`: the screen's map as a picture, from the same basemap data and projection
/// (ARCHITECTURE.md §5, §11): borders, regions, the Niger, towns, zones, incidents in their
/// actors' theme colours, a legend and a scale bar. Pure: a `Briefing` and a theme in, SVG out.
public enum BriefMapSVG {
    /// The map's size in pixels, and the legend's width beside it.
    public static let mapWidth = 880
    public static let legendWidth = 240
    static let top = 36
    /// The newest this many located incidents are drawn; more would make a file no viewer opens
    /// (the legend says how many were left out; the CSV and JSON Lines hold them all).
    public static let maxDots = 20_000

    /// The projection the picture uses: the screen's centre and ground at a finer grid of one
    /// column per pixel (a row, twice as tall as a column as on the terminal, is two pixels).
    public static func projection(_ brief: Briefing) -> Projection {
        let box = Projection.northernMali
        guard let view = brief.mapView, view.columns > 0, view.rows > 0 else {
            return Projection.fitting(south: box.south, north: box.north, west: box.west, east: box.east,
                                      columns: mapWidth, rows: mapWidth / 2)
        }
        let scale = Double(mapWidth) / Double(view.columns)
        let rows = max(1, Int((Double(view.rows) * scale).rounded()))
        return Projection(center: view.center, degreesPerRow: view.degreesPerRow / scale, columns: mapWidth, rows: rows)
    }

    /// Where a point lands in the picture, in pixels.
    public static func pixel(_ p: GeoPoint, _ projection: Projection) -> (x: Double, y: Double) {
        let q = projection.position(p)
        return (q.x, Double(top) + q.y * 2)
    }

    public static func render(_ brief: Briefing, theme: Theme) -> String {
        let projection = projection(brief)
        let mapHeight = projection.rows * 2
        let width = mapWidth + legendWidth
        let height = top + mapHeight
        var svg = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">",
            "<title>\(SVGColor.escape("Incidents, " + BriefMarkdown.period(brief)))</title>",
            "<defs><clipPath id=\"map\"><rect x=\"0\" y=\"\(top)\" width=\"\(mapWidth)\" height=\"\(mapHeight)\"/></clipPath></defs>",
            "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>",
            "<rect x=\"0\" y=\"\(top)\" width=\"\(mapWidth)\" height=\"\(mapHeight)\" fill=\"#f4f1e8\"/>",
            "<text x=\"10\" y=\"24\" font-size=\"18\" fill=\"#222\">\(SVGColor.escape("Incidents, " + BriefMarkdown.period(brief)))</text>",
            "<g clip-path=\"url(#map)\">",
        ]
        svg += basemap(projection)
        svg += zones(brief.watch.zones, projection)
        svg += towns(projection)
        svg += control(brief, projection)
        svg += incidents(brief, theme: theme, projection)
        svg.append("</g>")
        svg.append("<rect x=\"0\" y=\"\(top)\" width=\"\(mapWidth)\" height=\"\(mapHeight)\" fill=\"none\" stroke=\"#888\"/>")
        svg += legend(brief, theme: theme, x: mapWidth + 16, y: top + 20, outside: outside(brief, projection))
        svg += scaleBar(projection, y: height - 24)
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    private static func path(_ points: [GeoPoint], _ projection: Projection) -> String {
        points.enumerated().map { i, p in
            let q = pixel(p, projection)
            return (i == 0 ? "M" : "L") + number(q.x) + " " + number(q.y)
        }.joined()
    }

    private static func basemap(_ projection: Projection) -> [String] {
        Basemap.standard.polylines.map { line in
            let style: String
            switch line.layer {
            case .country:
                style = line.name == "Mali" ? "stroke=\"#333\" stroke-width=\"1.6\"" : "stroke=\"#999\" stroke-width=\"1\""
            case .region: style = "stroke=\"#b5ad9a\" stroke-width=\"0.8\" stroke-dasharray=\"4 3\""
            case .river: style = "stroke=\"#4f8fc9\" stroke-width=\"1.5\""
            }
            return "<path class=\"\(line.layer.rawValue)\" d=\"\(path(line.points, projection))\" fill=\"none\" \(style)/>"
        }
    }

    private static func zones(_ zones: [Zone], _ projection: Projection) -> [String] {
        var out: [String] = []
        for zone in zones {
            for ring in ZoneOutlines.outline(zone) {
                out.append("<path class=\"zone\" d=\"\(path(ring, projection))\" fill=\"none\" stroke=\"#b03a2e\" stroke-width=\"1.2\" stroke-dasharray=\"6 3\"/>")
            }
            if let first = ZoneOutlines.outline(zone).first?.max(by: { $0.lat < $1.lat }) {
                let q = pixel(first, projection)
                out.append("<text x=\"\(number(q.x))\" y=\"\(number(q.y - 4))\" font-size=\"11\" fill=\"#b03a2e\" text-anchor=\"middle\">\(SVGColor.escape(zone.name))</text>")
            }
        }
        return out
    }

    /// The gazetteer's main towns (rank 1 and 2): a dot and a name.
    private static func towns(_ projection: Projection) -> [String] {
        Gazetteer.mali.towns.filter { $0.rank <= 2 }.map { town in
            let q = pixel(town.point, projection)
            return "<circle cx=\"\(number(q.x))\" cy=\"\(number(q.y))\" r=\"2\" fill=\"#555\"/>"
                + "<text x=\"\(number(q.x + 5))\" y=\"\(number(q.y - 5))\" font-size=\"\(town.rank == 1 ? 12 : 10)\" fill=\"#444\">\(SVGColor.escape(town.name))</text>"
        }
    }

    /// HOOK (control layer, issue 15): the newest holder of each place, when the layer is on.
    private static func control(_ brief: Briefing, _ projection: Projection) -> [String] {
        guard brief.controlLayerOn else { return [] }
        var latest: [String: BriefControlChange] = [:]
        for change in brief.controlChanges where change.location != nil {
            if let known = latest[change.place], known.time >= change.time { continue }
            latest[change.place] = change
        }
        return latest.values.sorted { $0.place < $1.place }.compactMap { change in
            guard let point = change.location else { return nil }
            let q = pixel(point, projection)
            return "<rect class=\"holder\" x=\"\(number(q.x - 9))\" y=\"\(number(q.y - 9))\" width=\"18\" height=\"18\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/>"
                + "<text x=\"\(number(q.x + 11))\" y=\"\(number(q.y + 12))\" font-size=\"10\" fill=\"#222\">\(SVGColor.escape(change.holder))</text>"
        }
    }

    /// One dot per located incident, oldest first so the newest lie on top; more dead, a bigger dot.
    private static func incidents(_ brief: Briefing, theme: Theme, _ projection: Projection) -> [String] {
        brief.incidents.prefix(maxDots).reversed().compactMap { incident in
            guard let point = incident.location else { return nil }
            let q = pixel(point, projection)
            let lead = AppState.lead(ActorList(incident.actors), hiddenMask: brief.hiddenMask, other: brief.registry.otherID)
            let radius = 3.5 + min(6, Double(incident.fatalities ?? 0).squareRoot())
            return "<circle class=\"incident\" cx=\"\(number(q.x))\" cy=\"\(number(q.y))\" r=\"\(number(radius))\" fill=\"\(actorColor(lead, theme: theme))\" stroke=\"#ffffff\" stroke-width=\"0.6\"/>"
        }
    }

    private static func outside(_ brief: Briefing, _ projection: Projection) -> Int {
        brief.incidents.filter { incident in
            guard let p = incident.location else { return true }
            return projection.cell(p) == nil
        }.count
    }

    private static func legend(_ brief: Briefing, theme: Theme, x: Int, y: Int, outside: Int) -> [String] {
        var counts = [Int](repeating: 0, count: brief.registry.count)
        for incident in brief.incidents {
            let lead = AppState.lead(ActorList(incident.actors), hiddenMask: brief.hiddenMask, other: brief.registry.otherID)
            if Int(lead) < counts.count { counts[Int(lead)] += 1 }
        }
        var out = ["<text x=\"\(x)\" y=\"\(y)\" font-size=\"14\" fill=\"#222\">Incidents by actor</text>"]
        var row = y + 22
        for id in counts.indices where counts[id] > 0 {
            let actor = brief.registry.actors[id]
            out.append("<circle cx=\"\(x + 6)\" cy=\"\(row - 4)\" r=\"6\" fill=\"\(actorColor(ActorID(id), theme: theme))\"/>"
                + "<text x=\"\(x + 18)\" y=\"\(row)\" font-size=\"12\" fill=\"#222\">\(SVGColor.escape(actor.key)) (\(counts[id]))</text>")
            row += 20
        }
        if brief.incidents.isEmpty {
            out.append("<text x=\"\(x)\" y=\"\(row)\" font-size=\"12\" fill=\"#222\">No incident in this window</text>")
            row += 20
        }
        row += 8
        out.append("<text x=\"\(x)\" y=\"\(row)\" font-size=\"11\" fill=\"#555\">A bigger dot: more killed</text>")
        row += 16
        if brief.incidents.count > maxDots {
            out.append("<text x=\"\(x)\" y=\"\(row)\" font-size=\"11\" fill=\"#555\">the newest \(maxDots) of \(brief.incidents.count) drawn</text>")
            row += 16
        }
        if outside > 0 {
            out.append("<text x=\"\(x)\" y=\"\(row)\" font-size=\"11\" fill=\"#555\">\(outside) not on this map (unlocated or outside)</text>")
            row += 16
        }
        out.append("<path d=\"M\(x) \(row)h14\" stroke=\"#4f8fc9\" stroke-width=\"1.5\"/><text x=\"\(x + 20)\" y=\"\(row + 4)\" font-size=\"11\" fill=\"#555\">river</text>")
        row += 16
        out.append("<path d=\"M\(x) \(row)h14\" stroke=\"#b5ad9a\" stroke-dasharray=\"4 3\"/><text x=\"\(x + 20)\" y=\"\(row + 4)\" font-size=\"11\" fill=\"#555\">region</text>")
        if !brief.watch.zones.isEmpty {
            row += 16
            out.append("<path d=\"M\(x) \(row)h14\" stroke=\"#b03a2e\" stroke-dasharray=\"6 3\"/><text x=\"\(x + 20)\" y=\"\(row + 4)\" font-size=\"11\" fill=\"#555\">zone</text>")
        }
        return out
    }

    /// A bar of a round distance about a sixth of the map wide.
    private static func scaleBar(_ projection: Projection, y: Int) -> [String] {
        let kmPerPixel = projection.kmPerColumn
        guard kmPerPixel > 0 else { return [] }
        let km = ScaleBar.distances.last { $0 / kmPerPixel <= Double(mapWidth) / 6 } ?? ScaleBar.distances[0]
        let length = km / kmPerPixel
        return ["<g class=\"scale\"><rect x=\"16\" y=\"\(y - 14)\" width=\"\(number(length + 60))\" height=\"26\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>"
            + "<path d=\"M20 \(y)h\(number(length))M20 \(y - 4)v8M\(number(20 + length)) \(y - 4)v8\" stroke=\"#222\" stroke-width=\"1.5\"/>"
            + "<text x=\"\(number(24 + length))\" y=\"\(y + 4)\" font-size=\"11\" fill=\"#222\">\(Int(km)) km</text></g>"]
    }

    /// An actor's theme colour; a theme that leaves it to the terminal gets a fixed palette.
    public static func actorColor(_ id: ActorID, theme: Theme) -> String {
        let fallback = ["#1f5fa8", "#7b2d8e", "#d98c1a", "#222222", "#2e8b57", "#c0392b", "#6d6d6d", "#8c564b"]
        return SVGColor.hex(theme.actor(id).fg, fallback: fallback[Int(id) % fallback.count])
    }

    /// Two decimals at most: small files, sub-pixel accuracy.
    static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
