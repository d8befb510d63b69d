import MonitorCore

/// An incident a source withdrew (`"retract": true`), kept so the officer can see what
/// disappeared from the screen and when.
public struct Retraction: Sendable, Equatable {
    public var id: String
    public var place: String
    public var summary: String
    /// Incident time of what was withdrawn.
    public var time: Int64
    /// Wall-clock seconds (UTC) when the retraction arrived.
    public var at: Int64
    /// The file that withdrew it.
    public var file: String

    public init(id: String, place: String, summary: String, time: Int64, at: Int64, file: String) {
        self.id = id
        self.place = place
        self.summary = summary
        self.time = time
        self.at = at
        self.file = file
    }
}
