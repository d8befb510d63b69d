import MonitorCore

/// What the watch log holds, as this sitmon knows it, and the alerts it is showing: an input of
/// the state like the filters (ARCHITECTURE.md §9). Entries come in through `Action.watch`, from
/// the log (other officers' and this one's own, handed back once recorded); the reducer asks for
/// new ones with `Effect.record` and never writes the log itself.
public struct WatchState: Sendable, Equatable {
    /// This officer's login (who records what this sitmon records).
    public var officer = ""
    /// Zones from config.toml, then zones added live (from the log), in that order.
    public var configZones: [Zone] = []
    public var liveZones: [Zone] = []
    /// Alert rules from config.toml ([[alert]]); each zone no rule names alerts on its own.
    public var configRules: [AlertRule] = []
    /// Zones are drawn on the map (`Z` hides them; rules keep working).
    public var zonesShown = true
    /// Alerts, oldest first (the newest `keptAlerts`; the log keeps them all).
    public var alerts: [AlertItem] = []
    public private(set) var unacknowledged = 0
    /// Per alerted incident, how many of its alerts are not yet acknowledged (0: all are): the
    /// feed's and the map's marks.
    public private(set) var alerted: [IncidentRef: Int] = [:]
    /// Incidents flagged now, and by whom.
    public var flagged: [IncidentRef: WatchStamp] = [:]
    /// Flags whose incident is not (yet) in the store: set on the record when it arrives.
    package var flagsWaiting: Set<IncidentRef> = []
    public var notes: [IncidentRef: [NoteItem]] = [:]
    /// Handover notes, oldest first (the newest `keptHandovers`).
    public var handovers: [HandoverItem] = []
    /// Entries already applied, by uid: the log hands back this sitmon's own, and a fetch may
    /// overlap the last.
    package var applied = RecentSet<String>(limit: WatchState.rememberedEntries)
    /// Alerts raised by this sitmon or found in the log: never raised again (the log refuses a
    /// second one too, so forgetting the oldest only risks a second banner, never a second alert).
    package var alertKeys = RecentSet<AlertKey>(limit: WatchState.rememberedEntries)
    /// Why the watch log cannot be used now ("watch log unavailable: …"); nil when it is fine.
    public var logProblem: String?
    /// The last alert raised here, shown in the status line until acknowledged or `bannerSeconds` pass.
    public var banner: AlertBanner?
    /// Incidents of first reads (history) that matched a rule: counted, not alerted.
    public var historicalMatches = 0
    /// Ring the terminal bell on a new alert (`bell = false` in config.toml).
    public var bell = true
    /// The officer's previous session, as found in the log at start (nil: a first start).
    public var lastSession: WatchSession?
    /// The officer's named views (`:view save NAME`), from the log.
    public var views: [String: SavedView] = [:]
    /// The handover view's figures, gathered when it opens.
    public var handoverSummary: HandoverSummary?

    public static let keptAlerts = 5000
    /// How many entry uids and alert keys are remembered (the newest).
    public static let rememberedEntries = 100_000
    public static let keptHandovers = 100
    public static let bannerSeconds: Int64 = 10

    public init() {}

    public var zones: [Zone] { configZones + liveZones }

    /// The rules in force: the config's, then one per zone that none of them names.
    public var rules: [AlertRule] { configRules + AlertRule.implicitRules(for: zones, besides: configRules) }

    /// Recounts the unacknowledged alerts (a few thousand at most, after a rare change).
    package mutating func recount() {
        unacknowledged = 0
        alerted = [:]
        for alert in alerts {
            let open = alert.ack == nil ? 1 : 0
            unacknowledged += open
            alerted[alert.raised.key.incident, default: 0] += open
        }
    }

    /// The index of an alert in `alerts`, searched from the newest.
    package func alertIndex(_ key: AlertKey) -> Int? {
        alerts.lastIndex { $0.raised.key == key }
    }
}

public struct AlertItem: Sendable, Equatable {
    public var uid: String
    public var raised: AlertRaised
    public var stamp: WatchStamp
    public var ack: AckItem?
}

public struct AckItem: Sendable, Equatable {
    public var stamp: WatchStamp
    public var note: String?
}

public struct NoteItem: Sendable, Equatable {
    public var uid: String
    public var text: String
    public var stamp: WatchStamp
}

public struct HandoverItem: Sendable, Equatable {
    public var uid: String
    public var text: String
    public var stamp: WatchStamp
}

/// "ALERT: rule — place — summary" in the status line.
public struct AlertBanner: Sendable, Equatable {
    public var key: AlertKey
    public var text: String
    /// Wall-clock seconds after which it is no longer shown.
    public var until: Int64
}

/// What happened since the officer's last session, for the handover view.
public struct HandoverSummary: Sendable, Equatable {
    /// Seconds UTC of the last session's end.
    public var since: Int64
    /// Incidents that arrived since (unseen), by actor key and by type, most first.
    public var byActor: [(String, Int)]
    public var byType: [(String, Int)]
    public var newIncidents: Int
    /// Sources that have gone silent.
    public var staleSources: [String]

    public static func == (a: HandoverSummary, b: HandoverSummary) -> Bool {
        a.since == b.since && a.newIncidents == b.newIncidents && a.staleSources == b.staleSources
            && a.byActor.map(\.0) == b.byActor.map(\.0) && a.byActor.map(\.1) == b.byActor.map(\.1)
            && a.byType.map(\.0) == b.byType.map(\.0) && a.byType.map(\.1) == b.byType.map(\.1)
    }
}
