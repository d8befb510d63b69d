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
}
