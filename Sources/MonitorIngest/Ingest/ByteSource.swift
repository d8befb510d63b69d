import MonitorCore

/// Something sitmon reads lines from: a followed file or a stream.
public protocol ByteSource: AnyObject {
    var status: SourceStatus { get }
    /// The file followed, for the folder watcher; nil for a stream.
    var path: String? { get }
    /// Reads what is new, up to `budget` bytes.
    func poll(budget: Int) -> ReadBatch
    /// Takes back a block whose lines are decoded, to read into again (no new allocation).
    func recycle(_ lines: LineBlock)
    /// Bytes waiting to be read, as far as the source knows before reading; nil when it cannot tell.
    var unread: Int? { get }
}

extension ByteSource {
    public func recycle(_ lines: LineBlock) {}
    public var unread: Int? { nil }
}
