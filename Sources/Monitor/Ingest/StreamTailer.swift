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
    private var lineNumber = 0
    private var splitter = LineSplitter()
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)

    public init(fd: Int32) {
        self.fd = fd
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    public func poll(budget: Int) -> FileTailer.Batch {
        var batch = FileTailer.Batch()
        guard status == .following else { return batch }
        var total = 0
        while total < budget {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK { status = .unreadable(String(cString: strerror(errno))) }
                break
            }
            if n == 0 {
                splitter.finish(into: &batch.lines)
                status = .ended
                break
            }
            total += n
            buffer.withUnsafeBytes { splitter.feed(raw: UnsafeRawBufferPointer(rebasing: $0[0..<n]), into: &batch.lines) }
        }
        for i in 0..<batch.lines.count {
            lineNumber += 1
            batch.lines.lines[i].number = lineNumber
        }
        batch.more = total >= budget
        return batch
    }
}
