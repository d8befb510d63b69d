#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read loop both tailers share: reads a descriptor up to a byte budget, cuts what it read
/// into lines and numbers them. A partial last line is held back until its newline comes (or,
/// for a source that finishes at its end, until the end).
package struct ReadLoop {
    /// How a read stopped.
    package enum Stop: Equatable {
        /// The budget ran out; more may be waiting.
        case budgetSpent
        /// Nothing more to read for now (a non-blocking read would wait).
        case caughtUp
        /// The descriptor reported its end (a read of 0 bytes).
        case atEnd
        /// A read failed with this `errno`.
        case failed(Int32)
    }

    /// A stream that reaches its end is over, so its last line counts without a newline; a file
    /// at its end may still grow, so its partial last line waits.
    package let finishesAtEnd: Bool
    /// The number of the last line handed out.
    package private(set) var lineNumber = 0
    private var splitter = LineSplitter()
    /// The read buffer, sized by need: none while the file is idle, `smallestBuffer` for a read,
    /// doubled up to `largestBuffer` while reads fill it (a big file loading), and given back
    /// when a look finds little (1,500 followed files must not hold 1,500 MiB).
    private var buffer: [UInt8] = []
    package static let smallestBuffer = 64 << 10
    package static let largestBuffer = 1 << 20
    /// The buffer's size now (0 when released), for tests.
    package var bufferCapacity: Int { buffer.count }

    package init(finishesAtEnd: Bool) {
        self.finishesAtEnd = finishesAtEnd
    }

    /// A buffer of `count` bytes, not zero-filled: read() writes before anything reads.
    private static func uninitialized(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Starts again from line 1 with nothing held back (a file replaced or truncated).
    package mutating func restart() {
        lineNumber = 0
        splitter.reset()
    }

    /// Reads `fd` until the budget is spent or nothing is left, appending complete lines to
    /// `lines`. `seen` gets each chunk's bytes before they are split (the file tailer keeps
    /// the first and last bytes to notice a rewrite). Returns why it stopped and the bytes read.
    package mutating func readLines(_ fd: Int32, budget: Int, into lines: inout LineBlock,
                                    seen: (UnsafeRawBufferPointer) -> Void = { _ in }) -> (stop: Stop, bytes: Int) {
        var total = 0
        let first = lines.count
        var stop = Stop.budgetSpent
        if buffer.isEmpty { buffer = Self.uninitialized(Self.smallestBuffer) }
        defer {
            // Little came: the next look most likely finds nothing, so hold no buffer until then.
            if stop != .budgetSpent, total < Self.smallestBuffer { buffer = [] }
        }
        while total < budget {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                stop = errno == EAGAIN || errno == EWOULDBLOCK ? .caughtUp : .failed(errno)
                break
            }
            if n == 0 {
                if finishesAtEnd { splitter.finish(into: &lines) }
                stop = .atEnd
                break
            }
            total += n
            buffer.withUnsafeBytes {
                let chunk = UnsafeRawBufferPointer(rebasing: $0[0..<n])
                seen(chunk)
                splitter.feed(raw: chunk, into: &lines)
            }
            // A full read means more is waiting: read bigger pieces (fewer system calls).
            if n == buffer.count, buffer.count < Self.largestBuffer {
                buffer = Self.uninitialized(min(Self.largestBuffer, buffer.count * 2))
            }
        }
        for i in first..<lines.count {
            lineNumber += 1
            lines.lines[i].number = lineNumber
        }
        return (stop, total)
    }
}
