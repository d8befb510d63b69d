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

    public init(name: String) { self.name = name }
}
