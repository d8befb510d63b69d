/// What one look at a source produced: incidents, skipped lines and what happened to the file.
public struct IngestBatch: Sendable {
    public var source: Int
    public var incidents: [Incident] = []
    public var badLines: [BadLine] = []
    /// Ids of incidents the source withdrew.
    public var retractions: [String] = []
    public var linesRead = 0
    public var status: SourceStatus
    public var events: [SourceEvent] = []

    public init(source: Int, status: SourceStatus) {
        self.source = source
        self.status = status
    }

    public var isEmpty: Bool {
        incidents.isEmpty && badLines.isEmpty && retractions.isEmpty && linesRead == 0 && events.isEmpty
    }
}
