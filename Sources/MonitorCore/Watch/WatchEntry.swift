/// One thing an officer (or their sitmon, for alerts) recorded in the watch log. The log holds
/// these and never the incidents themselves, which stay in the event files.
public struct WatchEntry: Hashable, Sendable {
    /// Unique across officers, processes and restarts; made by whoever records the entry, so a
    /// sitmon recognises its own entry when the log hands it back.
    public var uid: String
    public var stamp: WatchStamp
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        /// A rule matched an incident. The log keeps one per `AlertKey`: never twice.
        case alert(AlertRaised)
        /// An officer acknowledged an alert, with an optional one-line note.
        case acknowledge(AlertKey, note: String?)
        /// An incident was flagged (`on`) or unflagged.
        case flag(IncidentRef, on: Bool)
        case note(IncidentRef, text: String)
        /// A zone added live at the map cursor.
        case zone(Zone)
        case handover(text: String)
        /// A named view of the officer's own (`:view save NAME`), as `SavedView` JSON; nil: deleted.
        case view(name: String, json: String?)
    }

    public init(uid: String, stamp: WatchStamp, kind: Kind) {
        self.uid = uid
        self.stamp = stamp
        self.kind = kind
    }
}

/// Which alert: a rule and the incident it matched (for a surge, the incident that tipped it).
public struct AlertKey: Hashable, Sendable, Comparable {
    public var rule: String
    public var incident: IncidentRef

    public init(rule: String, incident: IncidentRef) {
        self.rule = rule
        self.incident = incident
    }

    public static func < (a: AlertKey, b: AlertKey) -> Bool {
        (a.rule, a.incident) < (b.rule, b.incident)
    }
}

/// What an alert says, kept with it so the alert list reads without the incident in memory.
public struct AlertRaised: Hashable, Sendable {
    public var key: AlertKey
    public var place: String
    public var summary: String
    /// The incident's own time (seconds UTC).
    public var incidentTime: Int64

    public init(key: AlertKey, place: String, summary: String, incidentTime: Int64) {
        self.key = key
        self.place = place
        self.summary = summary
        self.incidentTime = incidentTime
    }
}
