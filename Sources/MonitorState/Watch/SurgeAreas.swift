import MonitorCore

/// The areas the surge rule watches that an incident falls in: each zone holding its point, and
/// its region of Mali (`Map/MaliRegions.swift`), named "<region> region" so it never reads as a
/// zone (ARCHITECTURE.md §9). An incident without a location is in none.
public struct SurgeAreas: Sendable {
    public let zones: [Zone]
    private let boxes: [GeoBox?]
    public let regions: MaliRegions

    public init(zones: [Zone], regions: MaliRegions = .standard) {
        self.zones = zones
        boxes = zones.map(\.boundingBox)
        self.regions = regions
    }

    /// Zone names in order, then the region's; O(zones).
    public func areas(of point: GeoPoint?) -> [String] {
        guard let point else { return [] }
        var names: [String] = []
        for (zone, box) in zip(zones, boxes) where box?.contains(point) == true && zone.contains(point) {
            names.append(zone.name)
        }
        if let region = regions.region(of: point) { names.append(Self.areaName(region: region)) }
        return names
    }

    public static func areaName(region: String) -> String { region + " region" }

    /// How many areas there are: the zones, then the regions (`MaliRegions.capitals`).
    public var count: Int { zones.count + MaliRegions.capitals.count }

    /// The name of area number `n` (as `areas(of:)` names it).
    public func name(_ n: Int) -> String {
        n < zones.count ? zones[n].name : Self.areaName(region: MaliRegions.capitals[n - zones.count].name)
    }

    /// The numbers of the areas a point lies in, zones first, handed to `body` one by one: the
    /// per-arrival form of `areas(of:)`, with no array or text made.
    @inline(__always)
    public func forEachArea(of point: GeoPoint, _ body: (Int) -> Void) {
        for i in zones.indices where boxes[i]?.contains(point) == true && zones[i].contains(point) { body(i) }
        if let region = regions.regionIndex(of: point) { body(zones.count + region) }
    }
}
