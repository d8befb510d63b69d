import MonitorCore

/// What one look at a source produced: incidents, skipped lines and what happened to the file.
public struct IngestBatch: Sendable {
    public var source: Int
    /// Incidents from the JSON Lines fast path, in the form the store takes over directly.
    public internal(set) var packed = PackedIncidents()
    /// Incidents built in full (other formats, tests).
    private var listed: [Incident] = []
    public var badLines: [BadLine] = []
    /// Ids of incidents the source withdrew.
    public var retractions: [String] = []
    public var linesRead = 0
    /// About how many more lines the source already holds (a big file being read): the store
    /// makes room for them at once instead of growing step by step.
    public var linesWaiting = 0
    /// Bytes of the file read after this batch, and still waiting in it (0 when not known, as
    /// for a stream): how far a big read has got, for the status line's progress.
    public var bytesRead: Int64 = 0
    public var bytesWaiting: Int64 = 0
    public var status: SourceStatus
    public var events: [SourceEvent] = []
    /// The read reached the end of what the source held: its first read, if not done, is done.
    public var reachedEnd = false
    /// Wall-clock seconds (UTC) when the lines were read: when they arrived, for the officer.
    public var arrivedAt: Int64 = 0
    /// The same moment in milliseconds, for the rate of a big read.
    public var arrivedAtMillis: Int64 = 0

    public init(source: Int, status: SourceStatus) {
        self.source = source
        self.status = status
    }

    /// Every incident of the batch in order, built in full. Building a packed batch's incidents
    /// costs time: the reducer and the store go through `incidentCount` and `packed` instead.
    public var incidents: [Incident] {
        get { packed.isEmpty ? listed : packed.materialize() + listed }
        set {
            packed = PackedIncidents()
            listed = newValue
        }
        _modify {
            if !packed.isEmpty {
                listed = packed.materialize() + listed
                packed = PackedIncidents()
            }
            yield &listed
        }
    }

    /// Incidents built in full (after the packed ones).
    package var listedIncidents: [Incident] { listed }

    public var incidentCount: Int { packed.count + listed.count }

    public var isEmpty: Bool {
        incidentCount == 0 && badLines.isEmpty && retractions.isEmpty && linesRead == 0 && events.isEmpty
    }
}
