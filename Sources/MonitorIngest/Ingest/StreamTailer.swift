import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an already-open stream (standard input: a pipe from kafka-console-consumer, nats sub, …).
/// Unlike a file, a stream that ends is finished: its last line is used even without a newline.
public final class StreamTailer: ByteSource {
    public let fd: Int32
    public private(set) var status: SourceStatus = .following
    public var path: String? { nil }
    /// A stream that ends is over: its last line counts even without a newline.
    private var loop: ReadLoop

    /// `framing` picks how the stream is cut into records from its first line (`ReadLoop`).
    public init(fd: Int32, framing: @escaping ([UInt8]) -> Framing = { _ in .lines }) {
        self.fd = fd
        loop = ReadLoop(finishesAtEnd: true, framing: framing)
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    public func poll(budget: Int) -> ReadBatch {
        var batch = ReadBatch()
        guard status == .following else { return batch }
        let (stop, _) = loop.readLines(fd, budget: budget, into: &batch.lines)
        switch stop {
        case .budgetSpent: batch.more = true
        case .caughtUp: break
        case .atEnd: status = .ended
        case .failed(let code): status = .unreadable(String(cString: strerror(code)))
        }
        batch.head = loop.takeHead()
        batch.damage = loop.takeDamage()
        return batch
    }
}
