import Foundation
import MonitorCore

/// Reads a CSV event file in one `CSVTableFormat`: the header, then records decoded into packed
/// segments, a big block on every core (ARCHITECTURE.md §4, §6).
///
/// Records may span lines (a quoted field holding a line break), so a block is cut into chunks by
/// line and each chunk is read on its own as if a record started at its first line. A chunk's
/// guess holds when the chunk before it stopped exactly there; otherwise it is read again from
/// where that chunk stopped, on the calling thread (rare: a record with a line break across the
/// cut). Lines of a record still open at the end of a block wait for the next block.
///
/// A block read ahead (ARCHITECTURE.md §4) may have its chunks read before the blocks before it
/// are finished (`speculator`, `decode(_:_:file:speculated:)`): they guess, as every chunk does,
/// that a record starts at the block's first line. That holds when no record was left open at the
/// end of the block before and the header read then is still the file's; otherwise the guess is
/// dropped and the block read as usual.
///
/// A record the scanner refuses (a closing quote not followed by a comma or the line end, the
/// wrong number of fields, a quoted field that never closes) is one bad line, numbered by its
/// first line, and reading resumes at the line after that one, so no later record is swallowed.
package struct CSVTableReader<Format: CSVTableFormat>: Sendable {
    package let builder: IncidentBuilder
    package let maxRecordBytes: Int
    package private(set) var format: Format?
    /// Lines of a record still open at the end of the last block, with their numbers and offsets.
    private var pending = LineBlock()
    /// Workers' memories of places, sources, types and actor names, kept from block to block and
    /// lent to blocks read ahead as well.
    private let packers: DecodeMemories<CSVPacker>
    /// Moves on whenever the header read changes (a new header, or the file started over), so that
    /// a guess made with an older one is known for what it is.
    private var generation = 0

    package init(builder: IncidentBuilder, maxRecordBytes: Int) {
        self.builder = builder
        self.maxRecordBytes = maxRecordBytes
        packers = DecodeMemories { CSVPacker(builder: builder) }
    }

    package mutating func reset() {
        format = nil
        pending = LineBlock()
        generation += 1
    }

    /// Lines held back because the record they belong to is not finished yet.
    package var pendingLines: Int { pending.count }

    /// Reads the records of a block read ahead, on any thread, before the blocks before it are
    /// finished; nil until the header is read. What it gives is kept only if its guess holds.
    package func speculator() -> BlockSpeculator? {
        guard let format else { return nil }
        let (generation, maxBytes, packers) = (generation, maxRecordBytes, packers)
        return BlockSpeculator { block, range, file in
            let parts = Self.readParts(block, from: range.lowerBound, to: range.upperBound, format: format, file: file,
                                       maxBytes: maxBytes, packers: packers)
            return BlockSpeculation(generation: generation, range: range, parts: parts)
        }
    }

    /// Reads lines `range` of `block`. `speculated`, what `speculator` read of the same lines
    /// ahead, takes the place of reading them again when its guess holds.
    package mutating func decode(_ block: LineBlock, _ range: Range<Int>, file: String,
                                 speculated: BlockSpeculation? = nil) -> CSVBlockOutput {
        var work = block
        var lower = range.lowerBound
        var upper = range.upperBound
        if !pending.isEmpty {
            work = pending
            for i in range { work.append(copyOf: block, line: i) }
            lower = 0
            upper = work.count
            pending = LineBlock()
        }
        var out = CSVBlockOutput()
        var at = lower
        if format == nil {
            at = readHeader(work, from: at, to: upper, file: file, into: &out)
        }
        if let format, at < upper {
            var parts: [Part]?
            // Kept when read with this header over exactly these lines: a header read just now moved
            // `generation`, and lines of a record left open before the block come first in `work`,
            // so the guess that a record starts at the block's first line is not taken there.
            if let speculated, speculated.generation == generation, speculated.range == at..<upper {
                parts = speculated.parts as? [Part]
            }
            at = stitch(parts ?? Self.readParts(work, from: at, to: upper, format: format, file: file, maxBytes: maxRecordBytes,
                                                packers: packers),
                        work, from: at, to: upper, format: format, file: file, into: &out)
        }
        for i in at..<upper { pending.append(copyOf: work, line: i) }
        return out
    }

    /// The first record names the columns. Returns the line after it (or where it waits).
    private mutating func readHeader(_ block: LineBlock, from: Int, to: Int, file: String, into out: inout CSVBlockOutput) -> Int {
        var fields: [CSVField] = []
        var i = from
        return block.bytes.withUnsafeBytes { bytes in
            block.lines.withUnsafeBufferPointer { lines in
                while i < to {
                    switch CSVScanner.scan(bytes, lines, first: i, limit: to, maxBytes: maxRecordBytes, into: &fields) {
                    case .blank: i += 1
                    case .needMore: return i
                    case .bad(let reason):
                        out.badLines.append(Self.bad(reason, bytes, lines[i], file))
                        i += 1
                    case .record(let last):
                        let names = fields.withUnsafeBufferPointer {
                            CSVRecord(bytes: bytes, lines: lines, fields: $0, firstLine: i, lastLine: last).strings()
                        }
                        format = Format(header: names)
                        generation += 1
                        return last + 1
                    }
                }
                return i
            }
        }
    }

    /// What one chunk read: its records and where it stopped.
    fileprivate struct Part: Sendable {
        var from: Int
        var to: Int
        /// The line after the last record read (a record may end past `to`).
        var stop: Int
        /// The record at `stop` waits for lines after the block.
        var waiting = false
        var segment: PackedSegment
        var badLines: [BadLine] = []
    }

    /// Lines `from..<to` cut into chunks, read on every core at once, each as if a record started
    /// at its first line.
    private static func readParts(_ block: LineBlock, from: Int, to: Int, format: Format, file: String, maxBytes: Int,
                                  packers: DecodeMemories<CSVPacker>) -> [Part] {
        let count = to - from
        let chunks = SourceReader.chunkCount(count)
        return packers.with(chunks) { memory in
            // Each part uses only its own packer.
            ParallelChunks.map(count, parts: chunks) { c, range in
                read(block, from: from + range.lowerBound, to: from + range.upperBound, limit: to, format: format,
                     file: file, maxBytes: maxBytes, packer: &memory[c])
            }
        }
    }

    /// The chunks' records in line order, from `from`: a chunk whose guess did not hold (the chunk
    /// before it stopped elsewhere) is read again from there. Returns the line after the last record.
    private func stitch(_ parts: [Part], _ block: LineBlock, from: Int, to: Int, format: Format, file: String,
                        into out: inout CSVBlockOutput) -> Int {
        var at = from
        for part in parts {
            var part = part
            if part.from != at {
                guard at < part.to else { continue }
                part = packers.with(1) { memory in
                    Self.read(block, from: at, to: part.to, limit: to, format: format, file: file, maxBytes: maxRecordBytes,
                              packer: &memory[0])
                }
            }
            out.segments.append(part.segment)
            out.badLines += part.badLines
            at = part.stop
            if part.waiting { break }
        }
        return at
    }

    /// Reads the records that start on lines `from..<to`, looking as far as `limit` for their ends.
    private static func read(_ block: LineBlock, from: Int, to: Int, limit: Int, format: Format, file: String,
                             maxBytes: Int, packer: inout CSVPacker) -> Part {
        var part = Part(from: from, to: to, stop: from, segment: PackedSegment(file: file))
        packer.context.startSegment()
        part.segment.records.reserveCapacity(to - from)
        // The texts kept (summaries, ids) are parts of the records' bytes: room for them all at
        // once, not an array doubling (and copying what it holds) a dozen times per chunk.
        if to > from {
            let first = block.lines[from], last = block.lines[to - 1]
            part.segment.text.reserveCapacity(last.start + last.count - first.start)
        }
        // Room for a record's fields, written by the scanner through a pointer; more when a record
        // has more (it is then read again). Held as a pointer for the whole chunk: an array lent
        // out twice per record cost a uniqueness check and two closures each time.
        var fields = UnsafeMutableBufferPointer<CSVField>.allocate(capacity: format.fieldCount + 1)
        fields.initialize(repeating: CSVField(start: 0, end: 0, flags: []))
        defer { fields.deallocate() }
        var count = 0
        block.bytes.withUnsafeBytes { bytes in
            block.lines.withUnsafeBufferPointer { lines in
                var i = from
                while i < to {
                    var outcome = CSVScanner.Outcome.blank
                    while true {
                        if let scanned = CSVScanner.scan(bytes, lines, first: i, limit: limit, maxBytes: maxBytes,
                                                         into: fields, count: &count) {
                            outcome = scanned
                            break
                        }
                        let more = UnsafeMutableBufferPointer<CSVField>.allocate(capacity: fields.count * 2)
                        more.initialize(repeating: CSVField(start: 0, end: 0, flags: []))
                        fields.deallocate()
                        fields = more
                    }
                    switch outcome {
                    case .blank:
                        i += 1
                        continue
                    case .needMore:
                        part.waiting = true
                        part.stop = i
                        return
                    case .bad(let reason):
                        part.badLines.append(bad(reason, bytes, lines[i], file))
                        i += 1
                        continue
                    case .record(let last):
                        if count != format.fieldCount {
                            part.badLines.append(bad("expected \(format.fieldCount) fields, found \(count)", bytes, lines[i], file))
                            i += 1
                            continue
                        }
                        let record = CSVRecord(bytes: bytes, lines: lines,
                                               fields: UnsafeBufferPointer(start: fields.baseAddress, count: count),
                                               firstLine: i, lastLine: last)
                        if let problem = format.headerProblem {
                            part.badLines.append(bad(problem, bytes, lines[i], file))
                        } else if !format.pack(record, into: &part.segment, &packer) {
                            general(record, format, file, packer.builder, into: &part)
                        }
                        i = last + 1
                    }
                }
                part.stop = i
            }
        }
        part.segment.finish()
        return part
    }

    /// The general path: the record's fields as Strings, through `IncidentBuilder`.
    private static func general(_ record: CSVRecord, _ format: Format, _ file: String, _ builder: IncidentBuilder,
                                into part: inout Part) {
        let origin = Origin(file: file, line: record.number)
        let result = format.fields(record.strings()).flatMap { builder.build($0, origin: origin) }
        switch result {
        case .success(var incident):
            incident.origin.offset = record.offset
            part.segment.records.append(.placeholder(full: part.segment.full.count))
            part.segment.full.append(incident)
        case .failure(let error):
            part.badLines.append(BadLine(origin: origin, reason: error.reason,
                                         excerpt: BadLine.excerpt(record: Array(record.firstLineBytes))))
        }
    }

    private static func bad(_ reason: String, _ bytes: UnsafeRawBufferPointer, _ line: LineBlock.Line, _ file: String) -> BadLine {
        let kept = UnsafeRawBufferPointer(rebasing: bytes[line.start..<(line.start + line.count)])
        return BadLine(origin: Origin(file: file, line: line.number), reason: reason, excerpt: BadLine.excerpt(record: Array(kept)))
    }
}

extension LineBlock {
    /// Appends line `i` of `other` as it is: bytes, number, offset, overlong length.
    package mutating func append(copyOf other: LineBlock, line i: Int) {
        var line = other.lines[i]
        let bytesStart = bytes.count
        other.bytes.withUnsafeBytes { all in
            append(line: UnsafeRawBufferPointer(rebasing: all[line.start..<(line.start + line.count)]), offset: line.offset)
        }
        line.start = bytesStart
        lines[lines.count - 1] = line
    }
}

/// What the fast path of a CSV worker needs: its memory of texts and the builder's tables.
package struct CSVPacker: Sendable {
    package var context = PackedDecodeContext()
    package let builder: IncidentBuilder
    /// The registry's Other, read once.
    package let otherID: ActorID
    /// Where a summary with doubled quotes is undoubled, kept from record to record.
    package var scratch: [UInt8] = []
    /// The last time field read and what it gave: exports come sorted by date, so most rows
    /// repeat the date of the row before and need no parsing.
    private var lastTimeText: [UInt8] = []
    private var lastTime: TimeParser.Parsed?

    package init(builder: IncidentBuilder) {
        self.builder = builder
        otherID = builder.registry.otherID
    }

    /// `parse(text)`, or what it gave the last time, when `text` is the same bytes.
    @inline(__always)
    package mutating func time(_ text: UnsafeRawBufferPointer,
                               _ parse: (UnsafeRawBufferPointer) -> TimeParser.Parsed?) -> TimeParser.Parsed? {
        if let last = lastTime, text.count == lastTimeText.count, let theirs = text.baseAddress,
           lastTimeText.withUnsafeBytes({ $0.baseAddress.map { memcmp($0, theirs, text.count) == 0 } ?? false }) {
            return last
        }
        let parsed = parse(text)
        lastTimeText.removeAll(keepingCapacity: true)
        lastTimeText.append(contentsOf: text)
        lastTime = parsed
        return parsed
    }
}

/// Reads a block read ahead into chunks before the blocks before it are finished
/// (`CSVTableReader.speculator`): safe to call on any thread, and for several blocks at once.
package struct BlockSpeculator: Sendable {
    package let read: @Sendable (_ block: LineBlock, _ range: Range<Int>, _ file: String) -> BlockSpeculation
}

/// Chunks of a block read ahead, for `CSVTableReader.decode(_:_:file:speculated:)`: kept if the
/// header is still the one they were read with and no record was left open before them.
package struct BlockSpeculation: @unchecked Sendable {
    fileprivate let generation: Int
    fileprivate let range: Range<Int>
    /// The reader's chunks (`[CSVTableReader<Format>.Part]`), typed by the reader that made them.
    fileprivate let parts: Any
}
