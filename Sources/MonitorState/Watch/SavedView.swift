import Foundation
import MonitorCore

/// What an officer's view is made of, kept in the watch log: on quit (restored at the next start,
/// as lnav restores its sessions) and under a name (`:view save NAME`). Text (JSON) in the log, so
/// a view from a newer sitmon with more in it still reads (unknown keys are ignored).
public struct SavedView: Codable, Sendable, Equatable {
    /// Hidden actors by legend key (not by number: the legend may change).
    public var hiddenActors: [String] = []
    public var types: [String]?
    public var minFatalities = 0
    /// "all", "day", "week", "month".
    public var window = "all"
    /// The `/` query as typed.
    public var text: String?
    public var flaggedOnly = false
    /// "time" or "arrival".
    public var order = "time"
    public var zoom: Int?
    public var centerLat: Double?
    public var centerLon: Double?
    public var zonesShown = true
    /// The control layer (`C`); nil in a view saved before it existed.
    public var controlShown: Bool?
    public var theme: String?

    public init() {}

    /// The view as it stands.
    public init(_ state: AppState) {
        hiddenActors = state.filter.hiddenActors.sorted().compactMap { Int($0) < state.registry.count ? state.registry[$0].key : nil }
        types = state.filter.types.map { $0.sorted() }
        minFatalities = state.filter.minFatalities
        window = Self.name(state.filter.window)
        text = state.filter.text?.raw
        flaggedOnly = state.filter.flaggedOnly
        order = state.order == .arrival ? "arrival" : "time"
        zoom = state.map.zoom
        centerLat = state.map.center?.lat
        centerLon = state.map.center?.lon
        zonesShown = state.watch.zonesShown
        controlShown = state.map.controlShown
        theme = state.themeName
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A view read back from the log; nil when the text is not one (a damaged or foreign value).
    public static func decode(_ text: String) -> SavedView? {
        try? JSONDecoder().decode(SavedView.self, from: Data(text.utf8))
    }

    static func name(_ window: TimeWindow) -> String {
        switch window {
        case .all: "all"
        case .day: "day"
        case .week: "week"
        case .month: "month"
        }
    }

    static func window(_ name: String) -> TimeWindow {
        switch name {
        case "day": .day
        case "week": .week
        case "month": .month
        default: .all
        }
    }
}

extension AppState {
    /// Puts a saved view in force: filters, order, map, zones; the theme is the run loop's to load
    /// (the caller returns `Effect.setTheme`). What names no actor any more is left out.
    package mutating func apply(_ view: SavedView) {
        var filter = FeedFilter()
        filter.hiddenActors = Set(view.hiddenActors.compactMap { key in
            registry.actors.firstIndex { $0.key == key }.map { ActorID($0) }
        })
        filter.types = view.types.map(Set.init)
        filter.minFatalities = max(0, view.minFatalities)
        filter.window = SavedView.window(view.window)
        filter.text = view.text.flatMap { try? TextQuery($0) } ?? nil
        filter.flaggedOnly = view.flaggedOnly
        self.filter = filter
        order = view.order == "arrival" ? .arrival : .time
        if let zoom = view.zoom { map.zoom = zoom }
        if let lat = view.centerLat, let lon = view.centerLon, lat.isFinite, lon.isFinite {
            map.center = MapViewport.clamped(GeoPoint(lat: lat, lon: lon))
        } else {
            map.center = nil
        }
        map.restriction = nil
        if let shown = view.controlShown { map.controlShown = shown }
        watch.zonesShown = view.zonesShown
    }
}
