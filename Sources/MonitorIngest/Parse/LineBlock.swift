/// Complete lines cut from a stream, in one buffer: a big read becomes one allocation instead of
/// one array per line, and decoders read each line in place. A file is read straight into the
/// block and cut where it lies (ARCHITECTURE.md §2), so between two lines there may be bytes that
/// belong to neither (the line break, a carriage return, the middle of an overlong line): a line
/// is its `start` and `count`, never its neighbour's end.
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

    /// The bytes, then room for more: its count is the block's capacity, and what lies past
    /// `byteCount` was never written (a read fills it; nothing reads it before).
    private var storage: [UInt8] = []
    /// How many bytes of `storage` are the block's.
    public private(set) var byteCount = 0
    public internal(set) var lines: [Line] = []

    public init() {}

    /// The block's bytes; lines index into them.
    public var bytes: ArraySlice<UInt8> { storage[0..<byteCount] }
    /// Bytes the block holds room for without growing.
    public var byteCapacity: Int { storage.count }
    public var count: Int { lines.count }
    public var isEmpty: Bool { lines.isEmpty }

    /// Empties the block but keeps its memory, for the next read.
    package mutating func removeAll() {
        byteCount = 0
        lines.removeAll(keepingCapacity: true)
    }

    /// Room for `extra` more bytes, exactly: for a caller that knows what a poll will bring.
    package mutating func reserve(bytes extra: Int) {
        makeRoom(through: byteCount + extra, geometric: false)
    }

    /// Grows geometrically unless told otherwise (growing to each read's need would copy the whole
    /// block per read of a big poll); only the block's own bytes are copied, not the room after.
    private mutating func makeRoom(through end: Int, geometric: Bool = true) {
        guard end > storage.count else { return }
        let size = geometric ? max(end, storage.count * 2) : end
        let kept = byteCount
        storage = storage.withUnsafeBytes { old in
            // UInt8 needs no initialising: room is written before it is read.
            [UInt8](unsafeUninitializedCapacity: size) { new, initialized in
                if kept > 0, let from = old.baseAddress, let to = new.baseAddress {
                    UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: kept)
                }
                initialized = size
            }
        }
    }

    // MARK: Reading in place (`LineSplitter`)

    /// Lets `fill` write up to `count` bytes at `position` (at or past the block's end) and makes
    /// what it wrote the block's last bytes; returns what `fill` returned (0 or less writes
    /// nothing). Bytes between the old end and `position` are the caller's to write
    /// (`copy(_:to:)`) before anything reads them.
    package mutating func fill(at position: Int, count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        precondition(position >= byteCount && count >= 0)
        makeRoom(through: position + count)
        let n = storage.withUnsafeMutableBytes { fill(UnsafeMutableRawBufferPointer(rebasing: $0[position..<(position + count)])) }
        if n > 0 { byteCount = position + min(n, count) }
        return n
    }

    /// Writes `bytes` over the block's bytes at `position` (room left by `fill(at:count:_:)`).
    package mutating func copy(_ bytes: UnsafeRawBufferPointer, to position: Int) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(position >= 0 && position + bytes.count <= byteCount)
        storage.withUnsafeMutableBytes { all in
            if let to = all.baseAddress { (to + position).copyMemory(from: from, byteCount: bytes.count) }
        }
    }

    /// Gives back the bytes from `position` on (a line not finished yet, moved out).
    package mutating func removeBytes(from position: Int) {
        precondition(position >= 0 && position <= byteCount)
        byteCount = position
    }

    /// The block's bytes, read in place.
    package func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<byteCount])) }
    }

    /// The bytes and the lines at once, for a loop that records the lines it finds in them.
    package mutating func withBytesAndLines<R>(_ body: (UnsafeRawBufferPointer, inout [Line]) -> R) -> R {
        // Moved out, so appending needs no copy and `storage` can be read meanwhile.
        var found = lines
        lines = []
        defer { lines = found }
        return storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<byteCount]), &found) }
    }

    // MARK: Appending copies

    private mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        let at = byteCount
        _ = fill(at: at, count: bytes.count) { room in
            if let from = bytes.baseAddress, let to = room.baseAddress { to.copyMemory(from: from, byteCount: bytes.count) }
            return bytes.count
        }
    }

    package mutating func append(line: UnsafeRawBufferPointer, offset: Int64 = 0) {
        lines.append(Line(start: byteCount, count: line.count, number: 0, overlongLength: nil, offset: offset))
        appendBytes(line)
    }

    /// A line stitched from bytes held back and the bytes that finished it.
    package mutating func append(line head: [UInt8], _ tail: UnsafeRawBufferPointer, offset: Int64) {
        lines.append(Line(start: byteCount, count: head.count + tail.count, number: 0, overlongLength: nil, offset: offset))
        head.withUnsafeBytes { appendBytes($0) }
        appendBytes(tail)
    }

    package mutating func append(overlong start: some Collection<UInt8>, length: Int, offset: Int64) {
        lines.append(Line(start: byteCount, count: start.count, number: 0, overlongLength: length, offset: offset))
        Array(start).withUnsafeBytes { appendBytes($0) }
    }

    /// The kept bytes of line `i` as an array.
    public func array(_ i: Int) -> [UInt8] {
        let line = lines[i]
        return Array(storage[line.start..<(line.start + line.count)])
    }

    /// Line `i` the way line-by-line decoders take it.
    public func piece(_ i: Int) -> LineSplitter.Piece {
        if let length = lines[i].overlongLength { return .overlong(start: array(i), length: length) }
        return .line(array(i))
    }
}
