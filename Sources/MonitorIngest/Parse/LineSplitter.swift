#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream into lines. A last line without its newline is held back until the
/// newline arrives, so a writer caught mid-line never produces half an incident.
public struct LineSplitter: Sendable {
    /// Longer lines are cut off and reported rather than held in memory.
    public static let maxLineBytes = 1 << 20

    public enum Piece: Sendable, Equatable {
        case line([UInt8])
        /// A line over `maxLineBytes`: only its start is kept, for the error report.
        case overlong(start: [UInt8], length: Int)
    }

    private var pending: [UInt8] = []
    private var overlongLength: Int?
    private var atStart = true
    /// Bytes fed since the last reset, and where the line being gathered starts: a file tailer
    /// resets the splitter whenever it reads from the top, so these are file offsets.
    private var position: Int64 = 0
    private var lineStart: Int64 = 0

    public init() {}

    /// Bytes held back because their line is not finished yet.
    public var pendingCount: Int { overlongLength ?? pending.count }

    public mutating func feed(_ bytes: some Collection<UInt8>, into out: inout [Piece]) {
        var block = LineBlock()
        feed(bytes, into: &block)
        for i in 0..<block.count { out.append(block.piece(i)) }
    }

    public mutating func feed(_ bytes: some Collection<UInt8>, into block: inout LineBlock) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed(raw: UnsafeRawBufferPointer($0), into: &block) }
        if done == nil { Array(bytes).withUnsafeBytes { feed(raw: $0, into: &block) } }
    }

    /// Cuts straight from the caller's buffer: lines are found with memchr and their bytes copied
    /// once, into the block.
    package mutating func feed(raw: UnsafeRawBufferPointer, into block: inout LineBlock) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        let n = raw.count
        let at = position
        position += Int64(n)
        var start = 0
        if atStart {
            // A UTF-8 byte-order mark at the start of a file is not part of the first line.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let prefix = pending + raw.prefix(3)
            if prefix.count < 3, bom.starts(with: prefix) {
                pending.append(contentsOf: raw)
                return
            }
            if prefix.starts(with: bom) {
                let fromPending = pending.count
                pending.removeAll()
                start = 3 - fromPending
                lineStart = at + Int64(start)
            }
            atStart = false
        }
        block.reserve(bytes: n - start + pending.count)
        while start < n, let found = memchr(base + start, 0x0A, n - start) {
            let newline = UnsafeRawPointer(found) - base
            var piece = UnsafeRawBufferPointer(start: base + start, count: newline - start)
            start = newline + 1
            let offset = lineStart
            lineStart = at + Int64(start)
            if let length = overlongLength {
                block.append(overlong: pending, length: length + piece.count, offset: offset)
                pending.removeAll(keepingCapacity: true)
                overlongLength = nil
                continue
            }
            // CRLF files: the carriage return is not part of the line.
            if pending.isEmpty {
                if piece.last == 0x0D { piece = UnsafeRawBufferPointer(rebasing: piece.dropLast()) }
                if piece.count > Self.maxLineBytes {
                    block.append(overlong: piece.prefix(200), length: piece.count, offset: offset)
                } else {
                    block.append(line: piece, offset: offset)
                }
                continue
            }
            if piece.isEmpty {
                if pending.last == 0x0D { pending.removeLast() }
            } else if piece.last == 0x0D {
                piece = UnsafeRawBufferPointer(rebasing: piece.dropLast())
            }
            let length = pending.count + piece.count
            if length > Self.maxLineBytes {
                block.append(overlong: (pending + piece.prefix(200)).prefix(200), length: length, offset: offset)
            } else {
                block.append(line: pending, piece, offset: offset)
            }
            // A long line's memory is let go; a usual one's kept for the next.
            pending.removeAll(keepingCapacity: pending.capacity <= 64 << 10)
        }
        let rest = UnsafeRawBufferPointer(start: base + start, count: n - start)
        if let length = overlongLength {
            overlongLength = length + rest.count
        } else {
            pending.append(contentsOf: rest)
            if pending.count > Self.maxLineBytes {
                overlongLength = pending.count
                pending = Array(pending.prefix(200))
            }
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
            block.append(overlong: pending, length: length, offset: lineStart)
        } else if !pending.isEmpty {
            if pending.last == 0x0D { pending.removeLast() }
            block.append(line: pending, UnsafeRawBufferPointer(start: nil, count: 0), offset: lineStart)
        }
        pending.removeAll()
        overlongLength = nil
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
        atStart = true
        position = 0
        lineStart = 0
    }
}
