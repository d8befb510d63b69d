import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// Shared helpers for the map tests: the bundled scenario as a state, the map pane cut out of a
/// rendered screen, geometry against the base map's polylines.
enum MapFixtures {
    static let ctx = RenderContext(theme: .fallback(actorCount: 8))

    /// The bundled scenario loaded into a state of the given size.
    static func scenario(width: Int, height: Int) throws -> AppState {
        let path = try #require(BundledScenario.path)
        let (batch, _) = SourceReader(index: 0, path: path).poll()
        var state = AppState(sources: [SourceInfo(name: BundledScenario.displayName)])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: width, height: height))
        _ = reducer.reduce(&state, .ingest(batch))
        return state
    }

    /// A state with no incidents, for drawing the base map and towns alone.
    static func empty(width: Int, height: Int) -> AppState {
        var state = AppState(sources: [SourceInfo(name: "none")])
        _ = Reducer().reduce(&state, .resize(width: width, height: height))
        return state
    }

    /// The map pane's rows of a rendered screen (frame included).
    static func mapLines(_ state: AppState, _ ctx: RenderContext = ctx) -> [String] {
        mapGrid(state, ctx).lines
    }

    /// The map pane of a rendered screen, glyphs and styles, for a snapshot.
    static func mapGrid(_ state: AppState, _ ctx: RenderContext = ctx) -> SnapshotGrid {
        let map = Layout(width: state.width, height: state.height).map
        return SnapshotGrid(Screen.render(state, ctx), columns: map.x..<map.maxX, rows: map.y..<map.maxY)
    }

    /// The map's inner cells of a rendered screen, addressed like the projection's cells.
    struct MapCells {
        let canvas: Canvas
        let inner: Rect
        subscript(x: Int, y: Int) -> Cell { canvas[inner.x + x, inner.y + y] }
    }

    static func mapCells(_ state: AppState, _ ctx: RenderContext = ctx) -> MapCells {
        MapCells(canvas: Screen.render(state, ctx), inner: MapViewport.area(width: state.width, height: state.height))
    }

    static func press(_ keys: [Key], _ state: inout AppState) {
        for key in keys { _ = Reducer().reduce(&state, .key(key)) }
    }

    static func segmentDistanceKm(_ p: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Double {
        // Flat approximation around p: ample for a few kilometres.
        let k = cos(p.lat * .pi / 180)
        let ax = (a.lon - p.lon) * k, ay = a.lat - p.lat, bx = (b.lon - p.lon) * k, by = b.lat - p.lat
        let dx = bx - ax, dy = by - ay
        let l2 = dx * dx + dy * dy
        let t = l2 == 0 ? 0 : max(0, min(1, -(ax * dx + ay * dy) / l2))
        let x = ax + t * dx, y = ay + t * dy
        return (x * x + y * y).squareRoot() * Projection.kmPerDegree
    }

    /// Distance from a point to the nearest polyline of a layer (and name, if given), in km.
    static func distanceKm(_ p: GeoPoint, layer: Basemap.Layer, name: String? = nil) -> Double {
        var best = Double.infinity
        for line in Basemap.standard.polylines where line.layer == layer && (name == nil || line.name == name) {
            for (a, b) in zip(line.points, line.points.dropFirst()) {
                best = min(best, segmentDistanceKm(p, a, b))
            }
        }
        return best
    }
}
