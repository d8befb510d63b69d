import MonitorCore

/// What the status line and source detail say about one followed file.
public struct SourceInfo: Sendable, Hashable {
    public var name: String
    public var status: SourceStatus = .waiting(.unknown)
    public var linesRead = 0
    public var incidents = 0
    public var badLines = 0
    /// Wall-clock seconds of the last rotation and truncation seen.
    public var rotatedAt: Int64?
    public var truncatedAt: Int64?
    /// The first read (what the file held when sitmon found it) is done: what comes after is
    /// news to the officer (unseen, possibly late).
    public var caughtUp = false
    /// About how many lines the file still held at the last read (a big file being read; 0 once
    /// read to its end), for the progress the status line shows.
    public var linesWaiting = 0
    /// The first read of a big file while it is underway; nil before it and once it is done.
    public var loading: LoadProgress?
    /// How far the officer's last session had read this same file (the watch log's session):
    /// lines from there on arrived while sitmon was not running, so they are news (unseen, alerted).
    public var resumeFrom: Int64?
    /// Where the last line that became an incident starts in the file: the session kept in the
    /// watch log remembers it, so the next start knows what is new.
    public var lastIncidentOffset: Int64?
    /// Wall-clock seconds of the last batch that brought lines.
    public var lastDataAt: Int64?

    public init(name: String) { self.name = name }
}
