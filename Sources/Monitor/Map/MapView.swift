import Foundation

/// The map pane: base layers, towns, incidents on top, a scale bar.
public enum MapView {
    /// Neighbour names and where to write them (each anchor lies inside that country).
    static let countryLabels: [(name: String, at: GeoPoint)] = [
        ("ALGERIA", GeoPoint(lat: 23.6, lon: 1.8)),
        ("MAURITANIA", GeoPoint(lat: 19.0, lon: -8.5)),
        ("NIGER", GeoPoint(lat: 17.2, lon: 5.2)),
        ("BURKINA FASO", GeoPoint(lat: 13.4, lon: -1.6)),
        ("MALI", GeoPoint(lat: 21.0, lon: -2.0)),
    ]

    public static func projection(for rect: Rect) -> Projection {
        let inner = rect.inset(1)
        let box = Projection.northernMali
        return Projection.fitting(south: box.south, north: box.north, west: box.west, east: box.east,
                                  columns: inner.width, rows: inner.height)
    }

    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        Frame.draw(rect, title: "Map · northern Mali", focused: state.focus == .map, theme: ctx.theme, on: &canvas)
        let inner = rect.inset(1)
        guard inner.width > 2, inner.height > 2 else { return }
        let projection = projection(for: rect)
        var lines = Array(repeating: false, count: inner.width * inner.height)
        drawBase(projection, ctx, inner, &canvas, &lines)
        var occupied = Array(repeating: false, count: inner.width * inner.height)
        drawIncidents(state, projection, ctx, inner, &canvas, &occupied)
        drawTowns(projection, ctx, inner, &canvas, &occupied)
        drawCountryNames(projection, ctx, inner, &canvas, occupied: occupied, lines: lines)
        drawScale(projection, ctx, rect, &canvas)
    }

    /// Draws borders and rivers; marks the cells they cross in `lines`.
    static func drawBase(_ projection: Projection, _ ctx: RenderContext, _ inner: Rect, _ canvas: inout Canvas, _ lines: inout [Bool]) {
        var raster = LineRaster(columns: inner.width, rows: inner.height)
        for polyline in ctx.basemap.polylines {
            let kind: LineRaster.Kind
            switch polyline.layer {
            case .river: kind = .river
            case .region: kind = .region
            case .country: kind = polyline.name == "Mali" ? .border : .neighbour
            }
            var previous = projection.position(polyline.points[0])
            for point in polyline.points.dropFirst() {
                let next = projection.position(point)
                raster.line(from: previous, to: next, kind: kind)
                previous = next
            }
        }
        for row in 0..<inner.height {
            for column in 0..<inner.width {
                guard let glyph = raster.glyph(column: column, row: row, ascii: ctx.ascii) else { continue }
                lines[row * inner.width + column] = true
                let element: ThemeElement
                switch raster.kind(column: column, row: row) {
                case .river: element = .mapRiver
                case .border: element = .mapBorder
                case .region: element = .mapRegion
                default: element = .mapNeighbour
                }
                canvas.set(x: inner.x + column, y: inner.y + row, glyph, ctx.theme.style(element))
            }
        }
    }

    /// One mark per cell: the actor's glyph, or a "contested" mark when several actors share it.
    static func drawIncidents(_ state: AppState, _ projection: Projection, _ ctx: RenderContext, _ inner: Rect,
                              _ canvas: inout Canvas, _ occupied: inout [Bool]) {
        struct Mark { var count = 0; var actors: Set<ActorID> = []; var lead: ActorID = 0; var selected = false }
        var marks: [Int: Mark] = [:]
        let selected = state.selectedSlot
        for slot in state.feed {
            let record = state.store[slot]
            guard record.isLocated,
                  let cell = projection.cell(GeoPoint(lat: Double(record.lat), lon: Double(record.lon))) else { continue }
            let key = cell.y * inner.width + cell.x
            var mark = marks[key] ?? Mark()
            mark.count += 1
            let lead = state.leadActor(record.actors)
            mark.actors.insert(lead)
            mark.lead = lead
            if slot == selected { mark.selected = true }
            marks[key] = mark
        }
        for (key, mark) in marks {
            let x = key % inner.width, y = key / inner.width
            var style: Style
            let glyph: Character
            if mark.actors.count > 1 {
                glyph = ctx.ascii ? "*" : "✱"
                style = ctx.theme.style(.text).adding(.bold)
            } else {
                glyph = ctx.glyph(state.registry[mark.lead])
                style = ctx.theme.actor(mark.lead)
                if mark.count >= 3 { style = style.adding(.bold) }
            }
            if mark.selected { style = ctx.theme.style(.mapSelected) }
            canvas.set(x: inner.x + x, y: inner.y + y, glyph, style)
            occupied[key] = true
        }
    }

    /// Towns in rank order; a label goes right of its town, else left, else is dropped whole.
    static func drawTowns(_ projection: Projection, _ ctx: RenderContext, _ inner: Rect, _ canvas: inout Canvas,
                          _ occupied: inout [Bool]) {
        let towns = ctx.gazetteer.towns.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
        // Small scales show only the major towns, so the river and the marks stay readable.
        let kmPerRow = projection.degreesPerRow * 111.2
        let maxRank = kmPerRow > 70 ? 1 : kmPerRow > 35 ? 2 : kmPerRow > 15 ? 3 : 4
        var cells: [(x: Int, y: Int, town: Town)] = []
        for (_, town) in towns where town.rank <= maxRank {
            guard let cell = projection.cell(town.point) else { continue }
            cells.append((cell.x, cell.y, town))
        }
        // Markers first, so no label covers another town.
        for entry in cells where !occupied[entry.y * inner.width + entry.x] {
            canvas.set(x: inner.x + entry.x, y: inner.y + entry.y, ctx.ascii ? "o" : "•", ctx.theme.style(.mapTown))
            occupied[entry.y * inner.width + entry.x] = true
        }
        for entry in cells {
            let name = ctx.ascii ? AsciiFallback.spell(entry.town.name) : entry.town.name
            let width = ctx.measure.columns(name)
            for start in [entry.x + 1, entry.x - width] {
                let range = (start - (start > entry.x ? 0 : 1))..<(start + width + (start > entry.x ? 1 : 0))
                guard start >= 0, start + width <= inner.width else { continue }
                let free = range.allSatisfy { x in x < 0 || x >= inner.width || x == entry.x || !occupied[entry.y * inner.width + x] }
                guard free else { continue }
                canvas.put(name, x: inner.x + start, y: inner.y + entry.y, style: ctx.theme.style(.mapLabel))
                for x in range where x >= 0 && x < inner.width { occupied[entry.y * inner.width + x] = true }
                break
            }
        }
    }

    /// Country names go only where they cover no line, mark or label; otherwise they are left out.
    static func drawCountryNames(_ projection: Projection, _ ctx: RenderContext, _ inner: Rect, _ canvas: inout Canvas,
                                 occupied: [Bool], lines: [Bool]) {
        for (name, anchor) in countryLabels {
            guard let cell = projection.cell(anchor) else { continue }
            let start = cell.x - name.count / 2
            guard start >= 0, start + name.count <= inner.width else { continue }
            let row = cell.y * inner.width
            guard (start..<(start + name.count)).allSatisfy({ !occupied[row + $0] && !lines[row + $0] }) else { continue }
            canvas.put(name, x: inner.x + start, y: inner.y + cell.y, style: ctx.theme.style(.mapCountryName))
        }
    }

    /// A scale bar on the bottom border: the longest round distance that fits in a few columns.
    static func drawScale(_ projection: Projection, _ ctx: RenderContext, _ rect: Rect, _ canvas: inout Canvas) {
        let perColumn = projection.kmPerColumn
        guard perColumn > 0 else { return }
        let choices = [10.0, 20, 50, 100, 200, 250, 500, 1000]
        guard let km = choices.last(where: { $0 / perColumn <= Double(max(4, rect.width / 6)) }) else { return }
        let columns = max(2, Int((km / perColumn).rounded()))
        let bar = ctx.ascii ? "|" + String(repeating: "-", count: columns - 1) + "|" : "├" + String(repeating: "─", count: columns - 1) + "┤"
        let label = " \(bar) \(Int(km)) km  N↑ "
        let width = ctx.measure.columns(label)
        guard width + 4 < rect.width else { return }
        canvas.put(label, x: rect.maxX - 2 - width, y: rect.maxY - 1, style: ctx.theme.style(.dim))
    }
}
