/// An officer's last session, kept in the watch log: when it ended and how far each source had
/// been read, so the next start knows what arrived meanwhile (unseen, and alerted once).
public struct WatchSession: Hashable, Sendable {
    public var officer: String
    /// Seconds UTC of the last save (on quit, and now and then while running).
    public var savedAt: Int64
    public var sources: [SourceMark]
    /// The officer's view (filters, order, map, theme) as the app serialises it; nil: none kept.
    public var view: String?

    public init(officer: String, savedAt: Int64, sources: [SourceMark], view: String? = nil) {
        self.officer = officer
        self.savedAt = savedAt
        self.sources = sources
        self.view = view
    }
}

/// How far one source had been read: the file's identity and the byte offset reached.
public struct SourceMark: Hashable, Sendable {
    /// The path as sitmon was given it, made absolute.
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64

    public init(path: String, device: UInt64, inode: UInt64, offset: Int64) {
        self.path = path
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}
