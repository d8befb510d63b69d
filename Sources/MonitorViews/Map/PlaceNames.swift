import MonitorCore
import MonitorState

/// Country and region names. A name goes only where it covers no line, mark, town or label (with
/// a blank cell on either side); otherwise it is left out, never cut.
package enum PlaceNames {
    /// Where each country's name goes by preference; every anchor lies inside that country.
    package static let countries: [(name: String, label: String, at: GeoPoint)] = [
        ("Algeria", "ALGERIA", GeoPoint(lat: 23.6, lon: 1.8)),
        ("Mauritania", "MAURITANIA", GeoPoint(lat: 19.0, lon: -8.5)),
        ("Niger", "NIGER", GeoPoint(lat: 17.2, lon: 5.2)),
        ("Burkina Faso", "BURKINA FASO", GeoPoint(lat: 13.4, lon: -1.6)),
        ("Mali", "MALI", GeoPoint(lat: 21.0, lon: -2.0)),
    ]

    /// Mali's regions as Natural Earth 1:10m draws them (the pre-2016 set: Taoudénit is still part
    /// of Tombouctou and Ménaka of Gao, so they get no name of their own). Anchors lie inside each.
    package static let regions: [(label: String, at: GeoPoint)] = [
        ("TOMBOUCTOU", GeoPoint(lat: 19.9, lon: -3.6)),
        ("KIDAL", GeoPoint(lat: 19.0, lon: 2.2)),
        ("GAO", GeoPoint(lat: 17.2, lon: 2.3)),
        ("MOPTI", GeoPoint(lat: 14.75, lon: -2.3)),
    ]

    /// How many points of a coarse grid are tried when a country's anchor is off the map.
    package static let gridSteps = 6
    /// Region names only from this scale down: coarser, they crowd out the towns.
    package static let regionsBelowKmPerRow = 50.0

    package static func draw(_ projection: Projection, _ ctx: RenderContext, _ inner: Rect, _ canvas: inout Canvas,
                             _ occupancy: inout MapOccupancy) {
        for country in countries {
            guard let cell = spot(for: country, projection, ctx, occupancy) else { continue }
            write(country.label, at: cell, ctx.theme.style(.mapCountryName), inner, &canvas, &occupancy)
        }
        for region in regions where projection.kmPerRow < regionsBelowKmPerRow {
            // Regions read in spaced capitals, the cartographers' way to tell them from towns and countries.
            let text = region.label.map(String.init).joined(separator: " ")
            guard let cell = projection.cell(region.at), free(text.count, centredAt: cell, occupancy) else { continue }
            write(text, at: cell, ctx.theme.style(.mapRegion), inner, &canvas, &occupancy)
        }
    }

    /// The anchor if its cell is on the map and free; else the first free point of a coarse grid
    /// over the pane that lies inside the country, so a zoomed-in view still names its neighbours.
    package static func spot(for country: (name: String, label: String, at: GeoPoint), _ projection: Projection,
                             _ ctx: RenderContext, _ occupancy: MapOccupancy) -> (x: Int, y: Int)? {
        let width = country.label.count
        if let cell = projection.cell(country.at) {
            return free(width, centredAt: cell, occupancy) ? cell : nil
        }
        for gy in 0..<gridSteps {
            for gx in 0..<gridSteps {
                let cell = (x: (2 * gx + 1) * projection.columns / (2 * gridSteps), y: (2 * gy + 1) * projection.rows / (2 * gridSteps))
                guard free(width, centredAt: cell, occupancy),
                      ctx.basemap.contains(projection.point(column: cell.x, row: cell.y), country: country.name) else { continue }
                return cell
            }
        }
        return nil
    }

    /// Free of everything, with two clear cells each side so a name never reads as part of a label.
    package static func free(_ width: Int, centredAt cell: (x: Int, y: Int), _ occupancy: MapOccupancy) -> Bool {
        let start = cell.x - width / 2
        guard occupancy.isFree(row: cell.y, from: start, width: width, of: [.line, .mark, .town, .label, .name, .cursor]) else {
            return false
        }
        for x in [start - 2, start - 1, start + width, start + width + 1]
        where !occupancy[x, cell.y].isDisjoint(with: [.mark, .town, .label, .name]) {
            return false
        }
        return true
    }

    private static func write(_ text: String, at cell: (x: Int, y: Int), _ style: Style, _ inner: Rect,
                              _ canvas: inout Canvas, _ occupancy: inout MapOccupancy) {
        let start = cell.x - text.count / 2
        canvas.put(text, x: inner.x + start, y: inner.y + cell.y, style: style)
        for x in start..<(start + text.count) { occupancy.insert(.name, x: x, y: cell.y) }
    }
}
