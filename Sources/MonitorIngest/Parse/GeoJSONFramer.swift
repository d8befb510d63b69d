/// Cuts GeoJSON bytes into records that each stand alone, whatever the line structure, so
/// features are decoded (in parallel, `PackedFeatureDecoder`) as they are read and a collection
/// never has to be held whole (ARCHITECTURE.md §6).
///
/// - A first value that is complete on its own line and is not a collection makes the source a
///   GeoJSONSeq (RFC 8142): from the next line on, records are lines, cut by `LineSplitter`.
/// - Otherwise values are followed byte by byte. Each element of a top-level object's `features`
///   array is a record, numbered by the line its first byte is on; the collection's other members
///   are skipped. Any other top-level value is one record. Text that is not JSON at the top level
///   is a record up to the end of its line (the decoder reports it). Then the next value is looked
///   at afresh, as the line-fed `GeoJSONDecoder` does.
/// - A bracket that closes the wrong container, or a line break inside a string, breaks the record
///   it is in: what it holds up to the end of that line becomes its (bad) record, and reading
///   resumes at the next line, inside the same `features` list if it was in one.
///
/// Only the record being cut is kept (up to `LineSplitter.maxLineBytes`; a longer one is reported
/// as overlong), so memory does not grow with the document. Nesting depth is not limited here:
/// the decoder's scanner rejects a feature nested too deep, and only that feature.
package struct GeoJSONFramer: Sendable {
    private enum Mode: Sendable { case documents, sequence }
    private var mode = Mode.documents
    private var lines = LineSplitter()

    /// Bytes fed since the last reset (a file offset) and the number of the line being read.
    private var position: Int64 = 0
    private var line = 1
    private var atStart = true

    /// Open containers of the current top-level value: `{` or `[`.
    private var stack: [UInt8] = []
    private var inString = false
    private var escaped = false
    /// The last string that ended directly inside the top-level object (a key, or a value).
    private var lastKey = KeyBytes()
    private var collectingKey = false
    /// Inside the top-level object's `features` array (depth 2).
    private var inFeatures = false
    /// The current top-level value held a `features` list: it is a collection, not a record.
    private var isCollection = false
    /// The first value since the last reset: decides whether the source is a sequence.
    private var firstValue = true
    private var valueLine = 0

    /// The record being cut: where it started, and its bytes from earlier chunks.
    private var recording = false
    private var recordStart: Int64 = 0
    private var recordLine = 0
    private var pending: [UInt8] = []
    private var overlongLength: Int?
    /// A scalar element of `features` (not a container) is being cut.
    private var scalarElement = false
    /// Text that is not JSON at the top level: its record runs to the end of the line.
    private var junk = false
    /// After a break: bytes up to the end of the line are dropped.
    private var skippingLine = false
    /// Bytes of indentation on the current line so far, and whether only indentation came yet.
    private var column = 0
    private var atLineStart = true
    /// The indentation of the line the current feature began on, when it began a line: a later
    /// line that begins with `{` at the same indentation while that feature is still open means
    /// the feature lost a closing bracket; it is cut there, so the features after it still load.
    private var featureColumn: Int?
    /// The feature being cut began inside a line and no line has begun since: one that begins
    /// with `{` means this feature, on one line like its neighbours, lost a closing bracket.
    private var featureOnOneLine = false

    package init() {}

    /// The number of the last line begun.
    package var lineNumber: Int { mode == .sequence ? line - 1 + sequenceLines : line }
    private var sequenceLines = 0

    package mutating func reset() {
        self = GeoJSONFramer()
    }

    /// A GeoJSONSeq past its first value: the rest is lines (`LineSplitter`), which the reader
    /// can cut itself, in place (`ReadLoop`).
    package var isSequence: Bool { mode == .sequence }

    /// The splitter a sequence's lines go through, where it stands (offsets, a line held back).
    package var sequenceSplitter: LineSplitter { lines }

    /// Cuts what `raw` completes into records appended to `block`, numbered in their file.
    package mutating func feed(raw: UnsafeRawBufferPointer, into block: inout LineBlock) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        var from = 0
        if mode == .documents {
            from = scanDocuments(UnsafeRawBufferPointer(start: base, count: raw.count), into: &block)
        }
        if mode == .sequence, from < raw.count {
            let first = block.count
            lines.feed(raw: UnsafeRawBufferPointer(start: base + from, count: raw.count - from), into: &block)
            numberSequence(from: first, in: &block)
        }
    }

    /// The source ended: a record still open is complete as far as it goes (its decoder says what
    /// is wrong with it).
    package mutating func finish(into block: inout LineBlock) {
        if mode == .sequence {
            let first = block.count
            lines.finish(into: &block)
            numberSequence(from: first, in: &block)
            return
        }
        if recording { emit(UnsafeRawBufferPointer(start: nil, count: 0), into: &block) }
        stack.removeAll()
        inString = false
    }

    private mutating func numberSequence(from first: Int, in block: inout LineBlock) {
        for i in first..<block.count {
            sequenceLines += 1
            block.lines[i].number = line - 1 + sequenceLines
        }
    }

    // MARK: Documents

    /// Follows values byte by byte; returns where sequence mode takes over (or the chunk's end).
    private mutating func scanDocuments(_ chunk: UnsafeRawBufferPointer, into block: inout LineBlock) -> Int {
        let n = chunk.count
        var i = 0
        if atStart {
            atStart = false
            if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { i = 3 }
        }
        // Where the open record starts in this chunk (nil: it began in an earlier one).
        var startInChunk: Int? = nil
        func begin(_ k: Int, _ this: inout GeoJSONFramer) {
            this.recording = true
            this.recordStart = this.position + Int64(k)
            this.recordLine = this.line
            this.pending.removeAll(keepingCapacity: true)
            this.overlongLength = nil
            startInChunk = k
        }
        func end(through k: Int, _ this: inout GeoJSONFramer, _ block: inout LineBlock) {
            let s = startInChunk ?? 0
            this.emit(UnsafeRawBufferPointer(rebasing: chunk[s..<max(s, k)]), into: &block)
            startInChunk = nil
        }
        while i < n {
            if inString, !escaped, !collectingKey, let base = chunk.baseAddress {
                // Most bytes are plain text inside strings: skip them eight at a time up to the
                // first that needs a look (a quote, a backslash, a control such as LF, non-ASCII).
                while i + 8 <= n {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    let mask = JSONCursor.attentionMask(word)
                    if mask != 0 {
                        i += mask.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                if i >= n { break }
            } else if !inString, !junk, !skippingLine, !atLineStart, stack.count >= 3 {
                // Inside a feature, nothing but its own end, a line break or damage needs the
                // general loop below: the rest is walked here, with the state in locals.
                i = walkInside(chunk, from: i)
                if i >= n { break }
            }
            let b = chunk[i]
            if skippingLine {
                if b == 0x0A { skippingLine = false; line += 1; atLineStart = true; column = 0 }
                i += 1
                continue
            }
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                    collectingKey = false
                } else if b == 0x0A {
                    // JSON strings never hold a raw line break: the record is broken here.
                    breakRecord(at: i, chunk, &startInChunk, into: &block)
                    line += 1
                    atLineStart = true
                    column = 0
                } else if collectingKey {
                    lastKey.append(b)
                }
                i += 1
                continue
            }
            if junk {
                if b == 0x0A {
                    var upto = i
                    if upto > 0, chunk[upto - 1] == 0x0D { upto -= 1 }
                    end(through: upto, &self, &block)
                    junk = false
                    line += 1
                    atLineStart = true
                    column = 0
                    if enterSequenceIfDecided() {
                        position += Int64(i + 1)
                        lines.resume(at: position)
                        return i + 1
                    }
                }
                i += 1
                continue
            }
            let lineStarting = atLineStart && b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D
            if b == 0x20 || b == 0x09 {
                if atLineStart { column += 1 }
            } else if b != 0x0A {
                atLineStart = false
            }
            // A feature that began inside a line and goes on over the next: it is pretty-printed.
            if lineStarting, featureOnOneLine, b != 0x7B { featureOnOneLine = false }
            switch b {
            case 0x0A:
                line += 1
                atLineStart = true
                column = 0
                if stack.isEmpty, !recording, enterSequenceIfDecided() {
                    position += Int64(i + 1)
                    lines.resume(at: position)
                    return i + 1
                }
            case 0x20, 0x09, 0x0D, 0x1E:
                break
            case 0x22:
                if stack.isEmpty {
                    begin(i, &self)
                    junk = true
                } else {
                    inString = true
                    collectingKey = stack.count == 1 && stack[0] == 0x7B
                    if collectingKey { lastKey = KeyBytes() }
                    if stack.count == 2, inFeatures, !recording { begin(i, &self); scalarElement = true }
                }
            case 0x7B, 0x5B:
                if b == 0x7B, lineStarting, inFeatures, recording, stack.count > 2,
                   column == featureColumn || featureOnOneLine {
                    cutUnclosedFeature(&startInChunk, chunk, at: i, into: &block)
                }
                if stack.isEmpty {
                    begin(i, &self)
                    isCollection = false
                    valueLine = line
                } else if stack.count == 1, b == 0x5B, stack[0] == 0x7B, lastKey.isFeatures {
                    // The collection's features: its other members are not kept.
                    inFeatures = true
                    isCollection = true
                    recording = false
                    pending.removeAll(keepingCapacity: true)
                    startInChunk = nil
                } else if stack.count == 2, inFeatures, !recording {
                    begin(i, &self)
                    featureColumn = lineStarting ? column : nil
                    featureOnOneLine = !lineStarting
                }
                stack.append(b)
            case 0x7D, 0x5D:
                guard let open = stack.last else {
                    begin(i, &self)  // a closing bracket with nothing open: not JSON
                    junk = true
                    break
                }
                guard open == b - 2 else {
                    breakRecord(at: i, chunk, &startInChunk, into: &block)
                    break
                }
                if scalarElement, stack.count == 2 {
                    end(through: trimmedEnd(chunk, i, startInChunk), &self, &block)
                    scalarElement = false
                }
                stack.removeLast()
                if stack.count == 2, inFeatures, recording {
                    end(through: i + 1, &self, &block)
                } else if stack.count == 1, inFeatures {
                    inFeatures = false
                } else if stack.isEmpty {
                    if recording { end(through: i + 1, &self, &block) }
                    if firstValue, !isCollection, valueLine == line { pendingSequence = true }
                    firstValue = false
                }
            case 0x2C:
                if scalarElement, stack.count == 2 {
                    end(through: trimmedEnd(chunk, i, startInChunk), &self, &block)
                    scalarElement = false
                }
            default:
                if stack.isEmpty {
                    begin(i, &self)
                    junk = true
                } else if stack.count == 2, inFeatures, !recording {
                    begin(i, &self)
                    scalarElement = true
                }
            }
            i += 1
        }
        // Keep the open record's bytes of this chunk for the next one.
        if recording { keep(UnsafeRawBufferPointer(rebasing: chunk[(startInChunk ?? 0)..<n])) }
        position += Int64(n)
        return n
    }

    /// Walks the inside of a value nested three deep or more (a feature's members) from `start`,
    /// outside a string, up to the first byte the general loop must see: a line break, a bracket
    /// that closes the wrong container or brings the value back to depth 2, or the chunk's end.
    /// Strings are skipped eight bytes at a time; brackets in between are only counted.
    private mutating func walkInside(_ chunk: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = chunk.baseAddress else { return start }
        let n = chunk.count
        var j = start
        var inText = false
        var afterBackslash = false
        while j < n {
            if inText {
                // (Not straight after a backslash: the escaped byte must be looked at.)
                while !afterBackslash, j + 8 <= n {
                    let mask = JSONCursor.attentionMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: j, as: UInt64.self)))
                    if mask != 0 {
                        j += mask.trailingZeroBitCount >> 3
                        break
                    }
                    j += 8
                }
                guard j < n else { break }
                let c = base.load(fromByteOffset: j, as: UInt8.self)
                if afterBackslash {
                    afterBackslash = false
                } else if c == 0x5C {
                    afterBackslash = true
                } else if c == 0x22 {
                    inText = false
                } else if c == 0x0A {
                    break  // a line break inside a string: the general loop reports it
                }
                j += 1
                continue
            }
            let c = base.load(fromByteOffset: j, as: UInt8.self)
            switch c {
            case 0x22:
                inText = true
            case 0x7B, 0x5B:
                stack.append(c)
            case 0x7D, 0x5D:
                guard stack.count > 3, stack.last == c - 2 else {
                    inString = false
                    return j
                }
                stack.removeLast()
            case 0x0A:
                return j
            default:
                break
            }
            j += 1
        }
        inString = inText
        escaped = afterBackslash
        return j
    }

    /// The first value closed on the line it began on: sequence mode from the next line, unless
    /// that line held more than the value.
    private var pendingSequence = false

    private mutating func enterSequenceIfDecided() -> Bool {
        guard pendingSequence else { return false }
        pendingSequence = false
        mode = .sequence
        sequenceLines = 0
        return true
    }

    /// End of a scalar element of `features`: before the comma or bracket and the spaces before it.
    private func trimmedEnd(_ chunk: UnsafeRawBufferPointer, _ k: Int, _ startInChunk: Int?) -> Int {
        var end = k
        let floor = startInChunk ?? 0
        while end > floor, [0x20, 0x09, 0x0D, 0x0A].contains(chunk[end - 1]) { end -= 1 }
        return end
    }

    /// The feature being cut lacks a closing bracket (a line that begins like it began is at `k`):
    /// it ends, as a bad record, with the line before, and the features list goes on.
    private mutating func cutUnclosedFeature(_ startInChunk: inout Int?, _ chunk: UnsafeRawBufferPointer, at k: Int,
                                             into block: inout LineBlock) {
        let s = startInChunk ?? 0
        var stop = max(s, k)
        while stop > s, [0x20, 0x09, 0x0D, 0x0A].contains(chunk[stop - 1]) { stop -= 1 }
        emit(UnsafeRawBufferPointer(rebasing: chunk[s..<stop]), into: &block)
        startInChunk = nil
        stack = [0x7B, 0x5B]
        scalarElement = false
    }

    /// The record in progress is broken at `k`: it becomes a record up to the end of this line,
    /// and reading resumes at the next line (inside `features` if it was in them).
    private mutating func breakRecord(at k: Int, _ chunk: UnsafeRawBufferPointer, _ startInChunk: inout Int?,
                                      into block: inout LineBlock) {
        var upto = k
        while upto < chunk.count, chunk[upto] != 0x0A { upto += 1 }
        if !recording {
            recording = true
            recordStart = position + Int64(k)
            recordLine = line
            pending.removeAll(keepingCapacity: true)
            overlongLength = nil
            startInChunk = k
        }
        let s = startInChunk ?? 0
        var stop = max(s, upto)
        if stop > s, chunk[stop - 1] == 0x0D { stop -= 1 }
        emit(UnsafeRawBufferPointer(rebasing: chunk[s..<stop]), into: &block)
        startInChunk = nil
        inString = false
        escaped = false
        scalarElement = false
        if inFeatures {
            stack = [0x7B, 0x5B]
        } else {
            stack.removeAll()
            firstValue = false
        }
        // The rest of the line (the break was not its line break) is part of the damage.
        if chunk[k] != 0x0A { skippingLine = true }
    }

    private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        if let length = overlongLength {
            overlongLength = length + bytes.count
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count > LineSplitter.maxLineBytes {
            overlongLength = pending.count
            pending.removeSubrange(200...)
        }
    }

    /// Appends the record: its bytes from earlier chunks, then `tail`.
    private mutating func emit(_ tail: UnsafeRawBufferPointer, into block: inout LineBlock) {
        defer {
            recording = false
            pending.removeAll(keepingCapacity: true)
            overlongLength = nil
        }
        let first = block.count
        let total = (overlongLength ?? pending.count) + tail.count
        if overlongLength != nil || total > LineSplitter.maxLineBytes {
            var start = pending
            if start.count < 200 { start += tail.prefix(200 - start.count) }
            block.append(overlong: start.prefix(200), length: total, offset: recordStart)
        } else if pending.isEmpty {
            block.append(line: tail, offset: recordStart)
        } else {
            block.append(line: pending, tail, offset: recordStart)
        }
        block.lines[first].number = recordLine
    }
}

/// The first bytes of a string, enough to tell whether it is `features`.
private struct KeyBytes: Sendable {
    private var bytes: (UInt64, UInt64) = (0, 0)
    private var count = 0

    mutating func append(_ b: UInt8) {
        if count < 8 { bytes.0 |= UInt64(b) << (8 * UInt64(count)) } else if count < 16 { bytes.1 |= UInt64(b) << (8 * UInt64(count - 8)) }
        count += 1
    }

    /// "features", byte for byte.
    var isFeatures: Bool { count == 8 && bytes.0 == 0x7365_7275_7461_6566 }
}
