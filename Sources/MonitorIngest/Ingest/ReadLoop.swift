#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read loop both tailers share: reads a descriptor up to a byte budget, inflates it if it is
/// compressed (gzip, found by its magic bytes whatever the name), cuts it into records and numbers
/// them. A partial last line is held back until its newline comes (or, for a source that finishes
/// at its end, until the end). Decompression sits here, below every decoder, so each format reads
/// `.gz` alike.
package struct ReadLoop {
    /// How a read stopped.
    package enum Stop: Equatable {
        /// The budget ran out; more may be waiting.
        case budgetSpent
        /// Nothing more to read for now (a non-blocking read would wait).
        case caughtUp
        /// The descriptor reported its end (a read of 0 bytes), or a compressed stream is damaged.
        case atEnd
        /// A read failed with this `errno`.
        case failed(Int32)
    }

    /// A stream that reaches its end is over, so its last line counts without a newline; a file
    /// at its end may still grow, so its partial last line waits.
    package let finishesAtEnd: Bool
    /// Picks the framing from the source's first line (at most `headLimit` bytes), once.
    private let chooseFraming: ([UInt8]) -> Framing
    package static let headLimit = 4096

    /// The number of the last line handed out.
    package var lineNumber: Int { framer?.lineNumber ?? counted }
    private var counted = 0
    private var splitter = LineSplitter()
    private var framer: GeoJSONFramer?
    private var framing: Framing?
    /// Bytes held until the framing is chosen.
    private var undecided: [UInt8] = []
    /// The first line the framing was chosen from, until `takeHead` collects it.
    private var head: [UInt8]?
    /// How much one read asks for, sized by need: nothing while the file is idle, `smallestBuffer`
    /// for a read, doubled up to `largestBuffer` while reads fill it (a big file loading), and
    /// back to nothing when a look finds little (1,500 followed files must not hold 1,500 MiB).
    /// Lines are read straight into the block's room (ARCHITECTURE.md §2); `buffer` is for the
    /// bytes that cannot be: the first read (gzip or not), a framing not chosen yet, a
    /// compressed stream, GeoJSON's framer. It is let go once reads go to the block.
    private var readSize = 0
    private var buffer: [UInt8] = []
    package static let smallestBuffer = 64 << 10
    package static let largestBuffer = 1 << 20
    /// The size of a read now (0 when idle), for tests.
    package var currentReadSize: Int { readSize }
    /// The read buffer's size now, for tests.
    package var bufferCapacity: Int { buffer.count }

    /// Nothing read since the start: the first bytes say whether the source is compressed.
    private var fresh = true
    private var inflater: GzipInflater?
    /// The source is compressed (and is read whole: it is not followed for appends).
    package var compressed: Bool { inflater != nil }
    /// A compressed source was read to its end, or as far as it could be.
    package private(set) var finished = false
    private var damage: ReadDamage?

    package init(finishesAtEnd: Bool, framing: @escaping ([UInt8]) -> Framing = { _ in .lines }) {
        self.finishesAtEnd = finishesAtEnd
        chooseFraming = framing
    }

    /// A buffer of `count` bytes, not zero-filled: read() writes before anything reads.
    private static func uninitialized(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Starts again from line 1 with nothing held back (a file replaced or truncated). The framing
    /// chosen stays: a source keeps its format.
    package mutating func restart() {
        counted = 0
        splitter.reset()
        framer?.reset()
        // A GeoJSON source whose framer handed its lines over starts again with one: the new
        // content may be a collection.
        if framing == .geoJSON, framer == nil { framer = GeoJSONFramer() }
        undecided = []
        fresh = true
        inflater = nil
        finished = false
        damage = nil
    }

    /// What made the rest of the source unreadable, once.
    package mutating func takeDamage() -> ReadDamage? {
        defer { damage = nil }
        return damage
    }

    /// The first line the framing was chosen from, once, for choosing the decoder alike.
    package mutating func takeHead() -> [UInt8]? {
        defer { head = nil }
        return head
    }

    /// Reads `fd` until the budget is spent or nothing is left, appending complete records to
    /// `lines`. `seen` gets each chunk's bytes as read (compressed, if so) before anything else (the
    /// file tailer keeps the first and last bytes to notice a rewrite). Returns why it stopped and
    /// the bytes read. The budget counts bytes after inflating, so a compressed file's lines take
    /// no more memory per poll than a plain one's.
    package mutating func readLines(_ fd: Int32, budget: Int, into lines: inout LineBlock,
                                    seen: (UnsafeRawBufferPointer) -> Void = { _ in }) -> (stop: Stop, bytes: Int) {
        var total = 0
        let first = lines.count
        var stop = Stop.budgetSpent
        var problem: String?
        if finished { return (.atEnd, 0) }
        if readSize == 0 { readSize = Self.smallestBuffer }
        defer {
            // Little came: the next look most likely finds nothing, so hold no buffer until then.
            if stop != .budgetSpent, total < Self.smallestBuffer {
                readSize = 0
                buffer = []
            }
        }
        if readSize == Self.largestBuffer { makeRoomForBigRead(budget - total, in: &lines) }
        while total < budget {
            let inPlace = readsInPlace
            var code: Int32 = 0
            let n: Int
            if inPlace {
                if !buffer.isEmpty { buffer = [] }
                n = splitter.read(into: &lines, upTo: readSize) { room in
                    let got = read(fd, room.baseAddress, room.count)
                    if got < 0 { code = errno } else if got > 0 { seen(UnsafeRawBufferPointer(rebasing: room[0..<got])) }
                    return got
                }
            } else {
                if buffer.count < readSize { buffer = Self.uninitialized(readSize) }
                // A compressed chunk inflates to many times its size: read less of it at a time.
                let want = inflater == nil ? readSize : 64 << 10
                n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
                if n < 0 { code = errno }
            }
            if n < 0 {
                if code == EINTR { continue }
                stop = code == EAGAIN || code == EWOULDBLOCK ? .caughtUp : .failed(code)
                break
            }
            if n == 0 {
                if let inflater {
                    problem = inflater.endProblem
                    finished = true
                }
                if finishesAtEnd || (inflater != nil && problem == nil) { finish(into: &lines) }
                stop = .atEnd
                break
            }
            if inPlace {
                total += n
            } else {
                // Read through a second reference, so handing the bytes on may use `self`.
                let data = buffer
                data.withUnsafeBytes {
                    let chunk = UnsafeRawBufferPointer(rebasing: $0[0..<n])
                    seen(chunk)
                    if fresh {
                        fresh = false
                        if GzipInflater.isGzip(chunk) { inflater = GzipInflater() }
                    }
                    if let inflater {
                        let before = lines.byteCount
                        if let damaged = inflater.inflate(chunk, deliver: { deliver($0, into: &lines) }) {
                            problem = damaged
                            finished = true
                        }
                        total += max(lines.byteCount - before, 1)
                    } else {
                        deliver(chunk, into: &lines)
                        total += n
                    }
                }
            }
            if finished {
                stop = .atEnd
                break
            }
            // A full read means more is waiting: read bigger pieces (fewer system calls).
            if n == readSize {
                if readSize < Self.largestBuffer { readSize = min(Self.largestBuffer, readSize * 2) }
                makeRoomForBigRead(budget - total, in: &lines)
            }
        }
        // A first line still without its end, but nothing more to read for now: choose on it.
        if framing == nil, stop != .budgetSpent, !undecided.isEmpty { decide(into: &lines) }
        if framer == nil {
            for i in first..<lines.count {
                counted += 1
                lines.lines[i].number = counted
            }
        } else if let framer, framer.isSequence {
            // A GeoJSONSeq is lines from here on: cut them here, read in place like any lines
            // (the framer had copied each read's bytes into the block). Numbers and offsets go on
            // from where the framer's splitter stands.
            counted = framer.lineNumber
            splitter = framer.sequenceSplitter
            self.framer = nil
        }
        // Numbered now: the damage is at the line after the last one read whole.
        if let problem { damage = ReadDamage(line: lineNumber + 1, reason: problem) }
        return (stop, total)
    }

    /// A big read goes on (the last read came back full, or the poll before was cut by its budget):
    /// room in the block for all the rest of the poll at once (its last read may overshoot the
    /// budget by one read), so the block grows once instead of by doubling, which would copy it
    /// and fault in every size on the way, and a block handed back (`FileTailer.recycle`) is read
    /// into again at the same size (rounded up to whole reads, so a longer held line does not
    /// make it grow). An unusual budget grows by doubling instead; a quiet file's look, whose read
    /// is not full, takes room for that read alone.
    private mutating func makeRoomForBigRead(_ rest: Int, in lines: inout LineBlock) {
        guard readsInPlace, rest > 0, rest <= 16 << 20 else { return }
        let read = Self.largestBuffer
        let end = lines.byteCount + rest + read + splitter.pendingCount
        lines.reserve(bytes: (end + read - 1) / read * read - lines.byteCount)
    }

    /// Plain lines past the stream's first bytes: read straight into the block and cut there.
    private var readsInPlace: Bool {
        !fresh && inflater == nil && framing != nil && framer == nil && splitter.pastStart
    }

    /// Hands bytes (inflated, if compressed) to the framing, holding them until it is chosen.
    private mutating func deliver(_ bytes: UnsafeRawBufferPointer, into lines: inout LineBlock) {
        guard framing == nil else { return cut(bytes, into: &lines) }
        undecided.append(contentsOf: bytes)
        if undecided.count >= Self.headLimit || bytes.contains(0x0A) { decide(into: &lines) }
    }

    private mutating func decide(into lines: inout LineBlock) {
        let line = undecided.prefix { $0 != 0x0A }.prefix(Self.headLimit)
        head = Array(line)
        let chosen = chooseFraming(Array(line))
        framing = chosen
        if chosen == .geoJSON { framer = GeoJSONFramer() }
        let held = undecided
        undecided = []
        held.withUnsafeBytes { cut($0, into: &lines) }
    }

    private mutating func cut(_ bytes: UnsafeRawBufferPointer, into lines: inout LineBlock) {
        if framer != nil {
            framer?.feed(raw: bytes, into: &lines)
        } else {
            splitter.feed(raw: bytes, into: &lines)
        }
    }

    private mutating func finish(into lines: inout LineBlock) {
        if framing == nil, !undecided.isEmpty { decide(into: &lines) }
        if framer != nil {
            framer?.finish(into: &lines)
        } else {
            splitter.finish(into: &lines)
        }
    }
}
