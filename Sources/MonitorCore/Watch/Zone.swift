/// An area the watch keeps an eye on: a circle round a point or a corridor along a path. Zones
/// come from config.toml or are added live at the map cursor (then they go into the watch log).
public struct Zone: Hashable, Sendable {
    public var name: String
    public var shape: Shape

    public enum Shape: Hashable, Sendable {
        /// Everything within `radiusKm` of `center` (great-circle distance).
        case circle(center: GeoPoint, radiusKm: Double)
        /// A route between places: everything within `widthKm / 2` of the polyline `path`, so
        /// `widthKm` is the corridor's full width (`Geo/ZoneGeometry.swift`).
        case corridor(path: [GeoPoint], widthKm: Double)
    }

    public init(name: String, shape: Shape) {
        self.name = name
        self.shape = shape
    }
}
