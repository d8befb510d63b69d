import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A followed file whose name now belongs to a new file (rotation), still read by its open
/// descriptor: a writer keeps appending to it until it reopens the name (logrotate's `create`
/// mode, a daemon that reopens on a signal). It is let go once it has been quiet for
/// `quietSeconds`. Read-only, like the tailer that hands it over.
struct RotatedFile {
    /// How long the old file must stay unchanged, after the new one appeared, before it is closed.
    static let quietSeconds: Int64 = 3

    private(set) var fd: Int32
    /// Device and inode: a file renamed back under the name is taken back, not read again.
    let identity: (dev: UInt64, ino: UInt64)
    /// Its lines so far (numbers, a partial last line), handed back with the file.
    private(set) var loop: ReadLoop
    /// When it last grew (or when it was rotated away): the quiet period counts from there.
    private var lastGrowth: Int64

    init(fd: Int32, identity: (dev: UInt64, ino: UInt64), loop: ReadLoop, at now: Int64) {
        self.fd = fd
        self.identity = identity
        self.loop = loop
        lastGrowth = now
    }

    /// Reads what the writer appended since the last look into `lines`, numbered on from the old
    /// file's lines. Returns the bytes read and whether the budget stopped it.
    mutating func read(budget: Int, into lines: inout LineBlock, now: Int64) -> (bytes: Int, cut: Bool) {
        let (stop, bytes) = loop.readLines(fd, budget: budget, into: &lines)
        if bytes > 0 { lastGrowth = now }
        return (bytes, stop == .budgetSpent)
    }

    /// Whether it has been quiet long enough to let go.
    func isDone(now: Int64) -> Bool {
        now - lastGrowth >= Self.quietSeconds
    }

    func release() {
        close(fd)
    }
}
