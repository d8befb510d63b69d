#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream into lines. A last line without its newline is held back until the
/// newline arrives, so a writer caught mid-line never produces half an incident.
///
/// Bytes are cut where they lie in the block (ARCHITECTURE.md §2): a read lands in the block's
/// room (`read`), or a chunk is copied there whole (`feed`), and each line is recorded as a
/// position and a length. Only the unfinished last line is moved, out to `pending` and back in
/// front of the next bytes once its newline comes.
///
/// A line is its bytes up to the newline, less a carriage return just before it; its file offset
/// is where its first byte was; a UTF-8 byte-order mark at the start of the stream belongs to no
/// line. A line longer than `maxLineBytes` (so counted) is reported as overlong with its first
/// 200 bytes. Where the stream was cut into reads changes none of this.
public struct LineSplitter: Sendable {
    /// Longer lines are cut off and reported rather than held in memory.
    public static let maxLineBytes = 1 << 20
    /// What an overlong line keeps of its start, for the error report.
    package static let overlongKept = 200

    public enum Piece: Sendable, Equatable {
        case line([UInt8])
        /// A line over `maxLineBytes`: only its start is kept, for the error report.
        case overlong(start: [UInt8], length: Int)
    }

    /// `maxLineBytes`, or less in tests (overlong lines cheap to make).
    private let maxLine: Int
    /// The line not finished yet; for an overlong one, its first `overlongKept` bytes.
    private var pending: [UInt8] = []
    /// An overlong line not finished yet: its length so far, and whether its last byte is a
    /// carriage return (not counted if the newline follows).
    private var overlongLength: Int?
    private var overlongEndsInCR = false
    private var atStart = true
    /// Bytes fed since the last reset, and where the line being gathered starts: a file tailer
    /// resets the splitter whenever it reads from the top, so these are file offsets.
    private var position: Int64 = 0
    private var lineStart: Int64 = 0

    public init() {
        maxLine = Self.maxLineBytes
    }

    /// A splitter with a smaller limit, for tests.
    package init(maxLineBytes: Int) {
        precondition(maxLineBytes >= Self.overlongKept)
        maxLine = maxLineBytes
    }

    /// Bytes held back because their line is not finished yet.
    public var pendingCount: Int { overlongLength ?? pending.count }

    /// Past the start of the stream, where a byte-order mark may be: reading in place can begin.
    package var pastStart: Bool { !atStart }

    public mutating func feed(_ bytes: some Collection<UInt8>, into out: inout [Piece]) {
        var block = LineBlock()
        feed(bytes, into: &block)
        for i in 0..<block.count { out.append(block.piece(i)) }
    }

    public mutating func feed(_ bytes: some Collection<UInt8>, into block: inout LineBlock) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed(raw: UnsafeRawBufferPointer($0), into: &block) }
        if done == nil { Array(bytes).withUnsafeBytes { feed(raw: $0, into: &block) } }
    }

    /// Cuts bytes from the caller's buffer: copied into the block in one piece, then cut there.
    package mutating func feed(raw: UnsafeRawBufferPointer, into block: inout LineBlock) {
        guard raw.count > 0 else { return }
        var rest = raw
        if atStart {
            // A UTF-8 byte-order mark at the start of a file is not part of the first line.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let prefix = pending + raw.prefix(3)
            if prefix.count < 3, bom.starts(with: prefix) {
                pending.append(contentsOf: raw)
                position += Int64(raw.count)
                return
            }
            if prefix.starts(with: bom) {
                let skipped = 3 - pending.count
                pending.removeAll()
                position += Int64(skipped)
                lineStart = position
                rest = UnsafeRawBufferPointer(rebasing: raw[skipped...])
            }
            atStart = false
        }
        _ = cut(into: &block, upTo: rest.count) { room in
            if let from = rest.baseAddress, let to = room.baseAddress { to.copyMemory(from: from, byteCount: rest.count) }
            return rest.count
        }
    }

    /// Lets `fill` write the stream's next bytes (up to `count`, a `read()`) straight into the
    /// block's room, and cuts them there. Returns what `fill` returned. Only once `pastStart`.
    package mutating func read(into block: inout LineBlock, upTo count: Int,
                               _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        precondition(!atStart, "a byte-order mark is looked for by feed(raw:into:)")
        return cut(into: &block, upTo: count, fill)
    }

    /// The new bytes go after room for the held ones, which are copied there once a newline
    /// among the new bytes finishes their line; until then the new bytes join the held ones.
    private mutating func cut(into block: inout LineBlock, upTo count: Int,
                              _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        let at = block.byteCount
        let held = pending.count
        let from = at + held
        let n = block.fill(at: from, count: count, fill)
        guard n > 0 else { return n }
        position += Int64(n)
        let end = from + n
        let firstNewline: Int? = block.withBytes { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base + from, 0x0A, n) else { return nil }
            return UnsafeRawPointer(found) - base
        }
        guard let firstNewline else {
            block.withBytes { hold(UnsafeRawBufferPointer(rebasing: $0[from..<end])) }
            block.removeBytes(from: at)
            return n
        }
        pending.withUnsafeBytes { block.copy($0, to: at) }
        // A long line's memory is let go; a usual one's kept for the next.
        pending.removeAll(keepingCapacity: pending.capacity <= 64 << 10)
        let rest = block.withBytesAndLines { bytes, lines in
            recordLines(bytes, from: at, newBytesFrom: from, firstNewline: firstNewline, into: &lines)
        }
        block.withBytes { hold(UnsafeRawBufferPointer(rebasing: $0[rest..<end])) }
        block.removeBytes(from: rest)
        return n
    }

    /// Records the lines of `bytes[start...]` that a newline ends, the first at `firstNewline`;
    /// returns where the unfinished last line starts. `bytes[start..<newBytesFrom]` is what was
    /// held (an overlong line's kept start, if one is under way).
    private mutating func recordLines(_ bytes: UnsafeRawBufferPointer, from start: Int, newBytesFrom: Int,
                                      firstNewline: Int, into lines: inout [LineBlock.Line]) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let end = bytes.count
        var head = start
        var newline = firstNewline
        if let length = overlongLength {
            // The overlong line under way ends: what came since it was held is counted, not kept.
            let skipped = newline - newBytesFrom
            let cr = skipped > 0 ? base.load(fromByteOffset: newline - 1, as: UInt8.self) == 0x0D : overlongEndsInCR
            lines.append(LineBlock.Line(start: head, count: newBytesFrom - head, number: 0,
                                        overlongLength: length + skipped - (cr ? 1 : 0), offset: lineStart))
            lineStart += Int64(length + skipped + 1)
            overlongLength = nil
            head = newline + 1
            guard head < end, let found = memchr(base + head, 0x0A, end - head) else { return head }
            newline = UnsafeRawPointer(found) - base
        }
        while true {
            var count = newline - head
            // CRLF files: the carriage return is not part of the line.
            if count > 0, base.load(fromByteOffset: newline - 1, as: UInt8.self) == 0x0D { count -= 1 }
            lines.append(LineBlock.Line(start: head, count: count > maxLine ? Self.overlongKept : count, number: 0,
                                        overlongLength: count > maxLine ? count : nil, offset: lineStart))
            lineStart += Int64(newline + 1 - head)
            head = newline + 1
            guard head < end, let found = memchr(base + head, 0x0A, end - head) else { return head }
            newline = UnsafeRawPointer(found) - base
        }
    }

    /// Keeps bytes of the unfinished line: all of them up to `maxLine + 1` (a carriage return
    /// may yet fall away), past that its first `overlongKept` and a count.
    private mutating func hold(_ bytes: UnsafeRawBufferPointer) {
        guard let last = bytes.last else { return }
        if let length = overlongLength {
            overlongLength = length + bytes.count
            overlongEndsInCR = last == 0x0D
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count > maxLine + 1 {
            overlongLength = pending.count
            overlongEndsInCR = last == 0x0D
            pending.removeSubrange(Self.overlongKept...)
        }
    }

    /// The stream ended: a last line without its newline is complete after all.
    public mutating func finish(into out: inout [Piece]) {
        var block = LineBlock()
        finish(into: &block)
        for i in 0..<block.count { out.append(block.piece(i)) }
    }

    public mutating func finish(into block: inout LineBlock) {
        if let length = overlongLength {
            block.append(overlong: pending, length: length - (overlongEndsInCR ? 1 : 0), offset: lineStart)
        } else if !pending.isEmpty {
            if pending.last == 0x0D { pending.removeLast() }
            if pending.count > maxLine {
                block.append(overlong: pending.prefix(Self.overlongKept), length: pending.count, offset: lineStart)
            } else {
                block.append(line: pending, UnsafeRawBufferPointer(start: nil, count: 0), offset: lineStart)
            }
        }
        pending.removeAll()
        overlongLength = nil
        overlongEndsInCR = false
        lineStart = position
    }

    /// Starts cutting at `position` of a stream another framer read up to there, at a line start
    /// (`GeoJSONFramer` hands a sequence over after its first line).
    package mutating func resume(at position: Int64) {
        reset()
        atStart = false
        self.position = position
        lineStart = position
    }

    /// Forget everything held back (the file was truncated or replaced).
    public mutating func reset() {
        pending.removeAll()
        overlongLength = nil
        overlongEndsInCR = false
        atStart = true
        position = 0
        lineStart = 0
    }
}
