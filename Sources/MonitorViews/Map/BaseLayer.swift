import MonitorCore
import MonitorState

/// Borders, regions and rivers, rasterised into sub-cell dots (braille) or ASCII strokes.
package enum BaseLayer {
    package static func draw(_ projection: Projection, _ ctx: RenderContext, _ inner: Rect, _ canvas: inout Canvas,
                             _ occupancy: inout MapOccupancy) {
        let raster = rasterize(projection, ctx.basemap)
        for row in 0..<inner.height {
            for column in 0..<inner.width {
                guard let glyph = raster.glyph(column: column, row: row, ascii: ctx.ascii) else { continue }
                occupancy.insert(.line, x: column, y: row)
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

    /// Every base polyline drawn into a raster the size of the projection.
    package static func rasterize(_ projection: Projection, _ basemap: Basemap) -> LineRaster {
        var raster = LineRaster(columns: projection.columns, rows: projection.rows)
        for polyline in basemap.polylines {
            let kind: LineRaster.Kind
            switch polyline.layer {
            case .river: kind = .river
            case .region: kind = .region
            case .country: kind = polyline.name == "Mali" ? .border : .neighbour
            }
            guard var previous = polyline.points.first.map(projection.position) else { continue }
            for point in polyline.points.dropFirst() {
                let next = projection.position(point)
                raster.line(from: previous, to: next, kind: kind)
                previous = next
            }
        }
        return raster
    }
}
