import CByteScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One field of a CSV record, as byte positions in its `LineBlock`'s bytes.
package struct CSVField: Sendable {
    /// The field's text, without its enclosing quotes; doubled quotes are still doubled here.
    package var start: Int
    package var end: Int
    package var flags: Flags
    /// For a field that spans lines: the lines (block indexes) it opens and closes on.
    package var firstLine: Int32 = 0
    package var lastLine: Int32 = 0

    package struct Flags: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        package static let quoted = Flags(rawValue: 1)
        /// Holds `""`, which stands for one quote.
        package static let doubledQuotes = Flags(rawValue: 2)
        /// Runs over more than one physical line: the line breaks are part of the text.
        package static let spansLines = Flags(rawValue: 4)
    }
}

/// Reads CSV records strictly by RFC 4180 from the physical lines of a `LineBlock` (ARCHITECTURE.md §6).
///
/// A field that starts with a quote is quoted: `""` inside it is one quote, line breaks inside it
/// belong to the field, and its closing quote must be followed by a comma or the end of the record;
/// anything else makes the record bad. A quote inside an unquoted field is an ordinary character
/// (as in Python's `csv` and CSV.swift). Lines arrive without their line breaks (`LineSplitter`
/// removes LF and a CR before it); each line is read by its start and count alone, as other
/// bytes may lie between lines of a block.
package enum CSVScanner {
    package enum Outcome: Equatable {
        /// A record whose fields are in `fields`; its last physical line is `lastLine`.
        case record(lastLine: Int)
        /// Spaces and tabs only: not a record, not an error.
        case blank
        /// The record breaks the rules; reading goes on at the line after its first line.
        case bad(String)
        /// A quoted field is still open at the last line available: the record waits for more.
        case needMore
    }

    /// Reads the record that starts at line `first` of `lines`, looking no further than line
    /// `limit - 1`. A record over `maxBytes` (its quoted field never closes) is bad.
    package static func scan(_ bytes: UnsafeRawBufferPointer, _ lines: UnsafeBufferPointer<LineBlock.Line>,
                             first: Int, limit: Int, maxBytes: Int, into fields: inout [CSVField]) -> Outcome {
        var room = [CSVField](repeating: CSVField(start: 0, end: 0, flags: []), count: max(16, fields.capacity))
        while true {
            var count = 0
            let outcome = room.withUnsafeMutableBufferPointer {
                scan(bytes, lines, first: first, limit: limit, maxBytes: maxBytes, into: $0, count: &count)
            }
            if let outcome {
                fields = Array(room.prefix(count))
                return outcome
            }
            room += room
        }
    }

    /// `scan` writing the fields through a pointer into `room`, `count` of them: an append to an
    /// array per field cost a uniqueness check (a runtime call) each. Nil when the record has more
    /// fields than `room` holds: the caller makes more room and reads the record again.
    ///
    /// Commas and quotes are found through their bits, 64 bytes at a time (`Bits`), not by
    /// reading each byte (ARCHITECTURE.md §4).
    package static func scan(_ bytes: UnsafeRawBufferPointer, _ lines: UnsafeBufferPointer<LineBlock.Line>,
                             first: Int, limit: Int, maxBytes: Int, into room: UnsafeMutableBufferPointer<CSVField>,
                             count: inout Int) -> Outcome? {
        // The bits of a chunk of the line, on the stack.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Bits.words) { words in
            scan(bytes, lines, first: first, limit: limit, maxBytes: maxBytes, into: room, count: &count, words: words)
        }
    }

    @inline(__always)
    private static func scan(_ bytes: UnsafeRawBufferPointer, _ lines: UnsafeBufferPointer<LineBlock.Line>,
                             first: Int, limit: Int, maxBytes: Int, into room: UnsafeMutableBufferPointer<CSVField>,
                             count: inout Int, words: UnsafeMutableBufferPointer<UInt64>) -> Outcome? {
        count = 0
        guard let base = bytes.baseAddress else { return .blank }
        guard let words = words.baseAddress else { return nil }
        guard let out = room.baseAddress else { return nil }
        let capacity = room.count
        var line = first
        var pos = lines[line].start
        let lineEnd = pos + lines[line].count
        if lines[line].overlongLength != nil {
            return .bad("line longer than 1 MiB (\(lines[line].overlongLength ?? 0) bytes)")
        }
        if isBlank(base, pos, lineEnd) { return .blank }
        // The record's bytes, line breaks not counted: lines need not lie back to back in the block.
        var recordBytes = lines[line].count
        // Counted here and handed back at each return: a write through `count` per field otherwise,
        // as it might share memory with `room`.
        var n = 0
        defer { count = n }
        var bits = Bits(base, bytes.count, words, start: pos, end: lineEnd)
        while true {
            if pos < bits.end, base.load(fromByteOffset: pos, as: UInt8.self) == quote {
                var flags: CSVField.Flags = .quoted
                let contentStart = pos &+ 1
                let openedOn = line
                var p = contentStart
                while true {
                    if let q = bits.quote(from: p) {
                        if q &+ 1 < bits.end, base.load(fromByteOffset: q &+ 1, as: UInt8.self) == quote {
                            flags.insert(.doubledQuotes)
                            p = q &+ 2
                            continue
                        }
                        var field = CSVField(start: contentStart, end: q, flags: flags)
                        if flags.contains(.spansLines) {
                            field.firstLine = Int32(openedOn)
                            field.lastLine = Int32(line)
                        }
                        guard n < capacity else { return nil }
                        out[n] = field
                        n &+= 1
                        if q &+ 1 == bits.end { return .record(lastLine: line) }
                        let next = base.load(fromByteOffset: q &+ 1, as: UInt8.self)
                        guard next == comma else {
                            return .bad("closing quote of field \(n) followed by \(describe(next)), not a comma or the line end")
                        }
                        pos = q &+ 2
                        break
                    }
                    // The line ends inside the quoted field: its line break is part of the text.
                    line += 1
                    guard line < limit else { return .needMore }
                    if lines[line].overlongLength != nil {
                        return .bad("quoted field runs into a line longer than 1 MiB")
                    }
                    p = lines[line].start
                    let end = p + lines[line].count
                    recordBytes += lines[line].count
                    guard recordBytes <= maxBytes else { return .bad("unterminated quoted field") }
                    bits = Bits(base, bytes.count, words, start: p, end: end)
                    flags.insert(.spansLines)
                }
            } else {
                // Unquoted fields, window after window: each comma ends one, up to the comma
                // before a field that opens with a quote; a field's bytes are not looked at.
                while true {
                    var run = bits.unquotedRun(from: pos)
                    if run != 0 {
                        let at = bits.at
                        repeat {
                            let c = at &+ run.trailingZeroBitCount
                            run &= run &- 1
                            guard n < capacity else { return nil }
                            out[n] = CSVField(start: pos, end: c, flags: [])
                            n &+= 1
                            pos = c &+ 1
                        } while run != 0
                    }
                    if pos < bits.end, base.load(fromByteOffset: pos, as: UInt8.self) == quote { break }
                    if bits.at &+ 64 >= bits.end {
                        // The line's last field.
                        guard n < capacity else { return nil }
                        out[n] = CSVField(start: pos, end: bits.end, flags: [])
                        n &+= 1
                        return .record(lastLine: line)
                    }
                    // The field at `pos` runs on into the next window.
                    bits.next()
                }
            }
        }
    }

    /// The comma and quote bits of one line, made a chunk of up to `chunk` bytes at a time
    /// (`cbs_csv_bits_run`, AVX2 where the processor has it) and read a 64-byte window from `at`
    /// at a time, none past the line's `end`: a field costs a shift and a trailing-zero count
    /// instead of a look at each byte. Windows move forward only (the fuzz tests run the asserts).
    /// Positions are within the block's bytes, so their sums cannot overflow.
    private struct Bits {
        static let chunk = 1024
        /// Words for a chunk: commas and quotes for each 64 bytes.
        static let words = chunk / 32
        let base: UnsafeRawPointer
        /// Bytes readable from `base` (the block's), which may run past the line.
        let total: Int
        let end: Int
        /// The bits of the bytes `chunkStart..<chunkEnd`.
        private let words: UnsafeMutablePointer<UInt64>
        private var chunkStart = 0
        private var chunkEnd = 0
        private(set) var at: Int
        private var commas: UInt64 = 0
        private var quotes: UInt64 = 0

        @inline(__always)
        init(_ base: UnsafeRawPointer, _ total: Int, _ words: UnsafeMutablePointer<UInt64>, start: Int, end: Int) {
            self.base = base
            self.total = total
            self.words = words
            self.end = end
            at = start
            fill(start)
            load(start)
        }

        /// The bits of up to `chunk` bytes of the line from `from`.
        @inline(__always)
        private mutating func fill(_ from: Int) {
            let want = min(end &- from, Self.chunk)
            cbs_csv_bits_run(base + from, want, total &- from, words)
            chunkStart = from
            chunkEnd = from &+ want
        }

        /// The window holding `from` (none at the line's end: no bits).
        @inline(__always)
        private mutating func load(_ from: Int) {
            if from >= chunkEnd {
                if from >= end {
                    at = from
                    commas = 0
                    quotes = 0
                    return
                }
                fill(from)
            }
            assert(from >= chunkStart && from < chunkEnd)
            let k = (from &- chunkStart) &>> 6
            at = chunkStart &+ k &<< 6
            commas = words[2 &* k]
            quotes = words[2 &* k &+ 1]
        }

        /// The commas (bits from `at`) at or after `p`, the start of an unquoted field (which may
        /// lie in an earlier window), in this window and before the first field that opens with a
        /// quote: the ends of a run of unquoted fields. 0 when `p` is past the window.
        @inline(__always)
        func unquotedRun(from p: Int) -> UInt64 {
            let offset = p > at ? UInt64(UInt(bitPattern: p &- at)) : 0
            guard offset < 64 else { return 0 }
            let ahead = ~0 &<< offset
            // A quote just after a comma opens a quoted field; the comma before it ends the run.
            let opens = quotes & (commas &<< 1) & ahead
            let before = opens == 0 ? ~0 : (opens & (0 &- opens)) &- 1
            return commas & ahead & before
        }

        /// Moves to the window after this one (the caller has checked the line goes on).
        @inline(__always)
        mutating func next() {
            load(at &+ 64)
        }

        /// The first quote at or after `p` on the line, or nil.
        @inline(__always)
        mutating func quote(from start: Int) -> Int? {
            precondition(start >= at)
            var p = start
            if p &- at >= 64 { load(p) }
            while true {
                let waiting = quotes &>> UInt64(p &- at)
                if waiting != 0 { return p &+ waiting.trailingZeroBitCount }
                p = at &+ 64
                if p >= end { return nil }
                load(p)
            }
        }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")

    /// Spaces and tabs only (shared with the tests' reference scanner, whose messages must match).
    package static func isBlank(_ base: UnsafeRawPointer, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b != 0x20, b != 0x09 { return false }
            i += 1
        }
        return true
    }

    package static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// A field's text as bytes: quotes undoubled, a line break (LF) where the field crosses lines.
    package static func value(_ field: CSVField, _ bytes: UnsafeRawBufferPointer,
                              _ lines: UnsafeBufferPointer<LineBlock.Line>) -> [UInt8] {
        var out: [UInt8] = []
        value(field, bytes, lines, into: &out)
        return out
    }

    /// `value` written into `out` (emptied first, its room kept): the fast path undoubles a
    /// summary's quotes into one buffer it keeps, not a new array per record.
    package static func value(_ field: CSVField, _ bytes: UnsafeRawBufferPointer,
                              _ lines: UnsafeBufferPointer<LineBlock.Line>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(field.end - field.start + 8)
        func append(_ from: Int, _ to: Int) {
            guard field.flags.contains(.doubledQuotes), let base = bytes.baseAddress else {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from..<to]))
                return
            }
            // Runs between quotes are copied whole; of each `""` one quote is kept.
            var i = from
            while i < to {
                guard let found = memchr(base + i, Int32(quote), to - i) else {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<to]))
                    return
                }
                let q = UnsafeRawPointer(found) - base
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i...q]))
                i = q + 2
            }
        }
        guard field.flags.contains(.spansLines) else {
            append(field.start, field.end)
            return
        }
        let first = Int(field.firstLine), last = Int(field.lastLine)
        for k in first...last {
            let from = k == first ? field.start : lines[k].start
            let to = k == last ? field.end : lines[k].start + lines[k].count
            if k > first { out.append(0x0A) }
            append(from, to)
        }
    }
}
