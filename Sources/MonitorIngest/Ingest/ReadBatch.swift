import MonitorCore

/// What one poll of a `ByteSource` read: complete lines and what happened to the source.
public struct ReadBatch: Sendable {
    /// Complete lines read, numbered in their file or stream.
    public var lines = LineBlock()
    public var events: [SourceEvent] = []
    /// True when the read stopped at the byte budget and more is waiting.
    public var more = false
    /// Index in `lines` where reading started again from the top of a file (new, replaced or
    /// truncated): a decoder's state from before no longer applies from there on.
    public var restartAt: Int?
    /// Bytes known to be waiting in the file after this read (from its size when polled).
    public var backlog = 0
    /// Bytes of the file read so far (of a compressed file, its compressed bytes): with `backlog`,
    /// how far a big read has got.
    public var position: Int64 = 0
    /// The source's first line (at most `ReadLoop.headLimit` bytes), on the read that chose how to
    /// cut the source from it: the decoder is chosen from the same bytes.
    public var head: [UInt8]?
    /// What made the rest of the source unreadable (a damaged compressed file), if it happened now.
    public var damage: ReadDamage?
}
