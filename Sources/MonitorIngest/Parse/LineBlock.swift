/// Complete lines cut from a stream, their bytes back to back in one buffer: a big read becomes
/// one allocation instead of one array per line, and decoders read each line in place.
public struct LineBlock: Sendable {
    /// One line of the block. `count` bytes of it are kept from `start`; an overlong line keeps
    /// only its beginning and says how long it really was.
    public struct Line: Sendable, Equatable {
        public var start: Int
        public var count: Int
        /// Line number in its file (from 1), set by the tailer.
        public var number: Int
        /// For a line over `LineSplitter.maxLineBytes`: its full length; nil for an ordinary line.
        public var overlongLength: Int?
        /// Where the line starts in its file (bytes since the splitter's last reset), so the detail
        /// view can read it again.
        public var offset: Int64 = 0
    }

    public private(set) var bytes: [UInt8] = []
    public internal(set) var lines: [Line] = []

    public init() {}

    public var count: Int { lines.count }
    public var isEmpty: Bool { lines.isEmpty }

    /// Empties the block but keeps its memory, for the next read.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Room for `extra` more bytes, growing geometrically (reserveCapacity alone would copy the
    /// whole block on every read of a big poll).
    package mutating func reserve(bytes extra: Int) {
        let needed = bytes.count + extra
        if needed > bytes.capacity { bytes.reserveCapacity(max(needed, bytes.capacity * 2)) }
    }

    package mutating func append(line: UnsafeRawBufferPointer, offset: Int64 = 0) {
        lines.append(Line(start: bytes.count, count: line.count, number: 0, overlongLength: nil, offset: offset))
        bytes.append(contentsOf: line)
    }

    /// A line stitched from bytes held back and the bytes that finished it.
    package mutating func append(line head: [UInt8], _ tail: UnsafeRawBufferPointer, offset: Int64) {
        lines.append(Line(start: bytes.count, count: head.count + tail.count, number: 0, overlongLength: nil, offset: offset))
        bytes.append(contentsOf: head)
        bytes.append(contentsOf: tail)
    }

    package mutating func append(overlong start: some Collection<UInt8>, length: Int, offset: Int64) {
        lines.append(Line(start: bytes.count, count: start.count, number: 0, overlongLength: length, offset: offset))
        bytes.append(contentsOf: start)
    }

    /// The kept bytes of line `i` as an array.
    public func array(_ i: Int) -> [UInt8] {
        let line = lines[i]
        return Array(bytes[line.start..<(line.start + line.count)])
    }

    /// Line `i` the way line-by-line decoders take it.
    public func piece(_ i: Int) -> LineSplitter.Piece {
        if let length = lines[i].overlongLength { return .overlong(start: array(i), length: length) }
        return .line(array(i))
    }
}
