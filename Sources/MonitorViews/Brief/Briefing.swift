import MonitorCore
import MonitorState

/// What a briefing covers beyond the view itself: the headless `brief`'s bounds that the screen has
/// no filter for (ARCHITECTURE.md §11). `:write` leaves it empty: the view as it stands.
public struct BriefScope: Sendable, Equatable {
    /// Incidents before this (seconds UTC) are left out (`--since`, `--from`).
    public var from: Int64?
    /// Only incidents inside this zone (`--zone`).
    public var zone: Zone?

    public init(from: Int64? = nil, zone: Zone? = nil) {
        self.from = from
        self.zone = zone
    }
}

/// A change of who holds a place, as a briefing lists it. HOOK for the control layer (issue 15):
/// the control layer fills `Briefing.controlChanges` and `controlLayerOn`; until then both stay
/// empty and the briefing writes nothing about control.
public struct BriefControlChange: Sendable, Equatable {
    public var place: String
    public var location: GeoPoint?
    public var previous: String?
    public var holder: String
    public var time: Int64
    public var source: String

    public init(place: String, location: GeoPoint?, previous: String?, holder: String, time: Int64, source: String) {
        self.place = place
        self.location = location
        self.previous = previous
        self.holder = holder
        self.time = time
        self.source = source
    }
}

/// The briefing's content gathered once from the state: every builder (Markdown, SVG, CSV, JSON
/// Lines) reads this, so all four files say the same thing.
public struct Briefing: Sendable {
    /// The wall clock when it was written (seconds UTC); names the folder.
    public let writtenAt: Int64
    /// The incidents covered, newest first (all of them; the Markdown lists the first `listed`).
    public let incidents: [Incident]
    /// The first and last moment covered; nil: from the first incident, to the newest.
    public let from: Int64?
    public let through: Int64?
    /// Whether `through` is a replay moment (the officer stepped back in time).
    public let replaying: Bool
    /// The filters in force, as the status line words them, plus the scope's and the map's.
    public let filters: [String]
    public let registry: ActorRegistry
    public let watch: WatchState
    /// The actors hidden by the legend keys, as bits: an incident's colour is its first shown actor's.
    public let hiddenMask: UInt16
    /// The screen map's view (centre and scale): the SVG shows the same ground. nil (no map on
    /// screen, or no screen: `sitmon brief`): the default view, northern Mali.
    public var mapView: Projection?
    /// HOOK (control layer, issue 15): changes of holder within the period, newest first.
    public var controlChanges: [BriefControlChange] = []
    /// HOOK (control layer, issue 15): whether the map draws the holders (the `C` layer on).
    public var controlLayerOn = false

    /// Incidents the Markdown lists one by one; the full count is always given.
    public static let listed = 200

    public init(state: AppState, scope: BriefScope = BriefScope(), writtenAt: Int64) {
        self.writtenAt = writtenAt
        registry = state.registry
        watch = state.watch
        hiddenMask = state.hiddenMask
        mapView = state.mapProjection
        let window = state.windowSpan
        var lower = window?.lowerBound
        if let from = scope.from { lower = max(lower ?? from, from) }
        var chosen: [Incident] = []
        chosen.reserveCapacity(state.feed.count)
        for slot in state.feed {
            let incident = state.store.incident(slot)
            if let lower, incident.time < lower { continue }
            if let zone = scope.zone {
                guard let point = incident.location, zone.contains(point) else { continue }
            }
            chosen.append(incident)
        }
        // Newest first whatever the feed's order; ties by arrival, newest first, as the feed.
        chosen.sort { $0.time != $1.time ? $0.time > $1.time : $0.seq > $1.seq }
        incidents = chosen
        from = lower
        through = state.replayAt ?? window?.upperBound
        replaying = state.replayAt != nil
        var filters = state.filter.summary(registry: state.registry)
        if let restriction = state.map.restriction {
            let c = restriction.center
            filters.append("map cell round \(Self.coordinates(c))")
        }
        if let zone = scope.zone { filters.append("zone \(zone.name)") }
        self.filters = filters
        // Who holds what (ARCHITECTURE.md §11): the changes of hands within the period, and the
        // holders on the map when the officer has the control layer on.
        let until = through
        controlChanges = state.store.control.changesNewestFirst().compactMap { item in
            let change = item.change
            if let lower, change.time < lower { return nil }
            if let until, change.time > until { return nil }
            return BriefControlChange(place: change.place, location: change.location, previous: item.before?.name(state.registry),
                                      holder: change.holder.name(state.registry), time: change.time,
                                      source: [change.source, change.id].compactMap { $0 }.joined(separator: " · "))
        }
        controlLayerOn = state.map.controlShown
    }

    /// `16.77°N 3.01°W`
    public static func coordinates(_ p: GeoPoint) -> String {
        func part(_ v: Double, _ pos: String, _ neg: String) -> String {
            let r = (abs(v) * 100).rounded() / 100
            return "\(r)°" + (v < 0 ? neg : pos)
        }
        return part(p.lat, "N", "S") + " " + part(p.lon, "E", "W")
    }

    /// The folder's name: `sitmon-brief-20230814-0830Z` from the wall clock of writing.
    public var folderName: String {
        let c = TimeParser.civil(writtenAt)
        return "sitmon-brief-\(TimeFormat.pad(c.year, 4))\(TimeFormat.pad(c.month, 2))\(TimeFormat.pad(c.day, 2))-"
            + "\(TimeFormat.pad(c.hour, 2))\(TimeFormat.pad(c.minute, 2))Z"
    }

    /// How the watch log names the incident (flags, notes, alerts), as `AppState.ref` does.
    public static func ref(_ incident: Incident) -> IncidentRef {
        IncidentRef(source: incident.source, id: incident.id ?? IncidentRef.lineID(incident.origin.line))
    }
}
