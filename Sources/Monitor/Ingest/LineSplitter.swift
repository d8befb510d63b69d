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

    public init() {}

    /// Bytes held back because their line is not finished yet.
    public var pendingCount: Int { overlongLength ?? pending.count }

    public mutating func feed(_ bytes: some Collection<UInt8>, into out: inout [Piece]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed(raw: UnsafeRawBufferPointer($0), into: &out) }
        if done == nil { Array(bytes).withUnsafeBytes { feed(raw: $0, into: &out) } }
    }

    /// Cuts straight from the caller's buffer: lines are found with memchr and copied once.
    mutating func feed(raw: UnsafeRawBufferPointer, into out: inout [Piece]) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        let n = raw.count
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
            }
            atStart = false
        }
        while start < n, let found = memchr(base + start, 0x0A, n - start) {
            let newline = UnsafeRawPointer(found) - base
            let piece = UnsafeRawBufferPointer(start: base + start, count: newline - start)
            start = newline + 1
            if let length = overlongLength {
                out.append(.overlong(start: pending, length: length + piece.count))
                pending.removeAll(keepingCapacity: true)
                overlongLength = nil
                continue
            }
            var line: [UInt8]
            if pending.isEmpty {
                var count = piece.count
                if count > 0, piece[count - 1] == 0x0D { count -= 1 }  // CRLF files
                line = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                    if count > 0 { buffer.baseAddress!.update(from: piece.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count) }
                    initialized = count
                }
            } else {
                line = pending
                line.append(contentsOf: piece)
                pending.removeAll(keepingCapacity: true)
                if line.last == 0x0D { line.removeLast() }  // CRLF files
            }
            if line.count > Self.maxLineBytes {
                out.append(.overlong(start: Array(line.prefix(200)), length: line.count))
            } else {
                out.append(.line(line))
            }
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
        if let length = overlongLength {
            out.append(.overlong(start: pending, length: length))
        } else if !pending.isEmpty {
            var line = pending
            if line.last == 0x0D { line.removeLast() }
            out.append(.line(line))
        }
        pending.removeAll()
        overlongLength = nil
    }

    /// Forget everything held back (the file was truncated or replaced).
    public mutating func reset() {
        pending.removeAll()
        overlongLength = nil
        atStart = true
    }
}
