import Glibc
@testable import MonitorIngest

/// The scalar scanner `CSVScanner.scan` was before it walked comma and quote bits (`CByteScan`),
/// kept as the independent reference its tests compare with: memchr for quotes, commas eight
/// bytes at a time in a word. The same rules, RFC 4180 as `CSVScanner` documents them.
enum CSVScannerReference {
    typealias Outcome = CSVScanner.Outcome

    static func scan(_ bytes: UnsafeRawBufferPointer, _ lines: UnsafeBufferPointer<LineBlock.Line>,
                     first: Int, limit: Int, maxBytes: Int, into room: UnsafeMutableBufferPointer<CSVField>,
                     count: inout Int) -> Outcome? {
        count = 0
        guard let base = bytes.baseAddress else { return .blank }
        guard let out = room.baseAddress else { return nil }
        let capacity = room.count
        var line = first
        var pos = lines[line].start
        var end = pos + lines[line].count
        if lines[line].overlongLength != nil {
            return .bad("line longer than 1 MiB (\(lines[line].overlongLength ?? 0) bytes)")
        }
        if CSVScanner.isBlank(base, pos, end) { return .blank }
        // The record's bytes, line breaks not counted: lines need not lie back to back in the block.
        var recordBytes = lines[line].count
        while true {
            if pos < end, base.load(fromByteOffset: pos, as: UInt8.self) == quote {
                var flags: CSVField.Flags = .quoted
                let contentStart = pos + 1
                let openedOn = line
                var p = contentStart
                while true {
                    if p < end, let found = memchr(base + p, Int32(quote), end - p) {
                        let q = UnsafeRawPointer(found) - base
                        if q + 1 < end, base.load(fromByteOffset: q + 1, as: UInt8.self) == quote {
                            flags.insert(.doubledQuotes)
                            p = q + 2
                            continue
                        }
                        var field = CSVField(start: contentStart, end: q, flags: flags)
                        if flags.contains(.spansLines) {
                            field.firstLine = Int32(openedOn)
                            field.lastLine = Int32(line)
                        }
                        guard count < capacity else { return nil }
                        out[count] = field
                        count += 1
                        if q + 1 == end { return .record(lastLine: line) }
                        let next = base.load(fromByteOffset: q + 1, as: UInt8.self)
                        guard next == comma else {
                            return .bad("closing quote of field \(count) followed by \(CSVScanner.describe(next)), not a comma or the line end")
                        }
                        pos = q + 2
                        break
                    }
                    // The line ends inside the quoted field: its line break is part of the text.
                    line += 1
                    guard line < limit else { return .needMore }
                    if lines[line].overlongLength != nil {
                        return .bad("quoted field runs into a line longer than 1 MiB")
                    }
                    p = lines[line].start
                    end = p + lines[line].count
                    recordBytes += lines[line].count
                    guard recordBytes <= maxBytes else { return .bad("unterminated quoted field") }
                    flags.insert(.spansLines)
                }
            } else {
                let c = nextComma(base, pos, end)
                guard count < capacity else { return nil }
                out[count] = CSVField(start: pos, end: c, flags: [])
                count += 1
                if c == end { return .record(lastLine: line) }
                pos = c + 1
            }
        }
    }

    /// The position of the first comma in `from..<end`, or `end`. Fields are short: eight bytes
    /// at a time in a word beats a call to memchr.
    @inline(__always)
    private static func nextComma(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var p = from
        while p + 8 <= end {
            let x = base.loadUnaligned(fromByteOffset: p, as: UInt64.self) ^ (ones &* UInt64(comma))
            let zero = (x &- ones) & ~x & (ones &* 0x80)
            if zero != 0 { return p + (zero.trailingZeroBitCount >> 3) }
            p += 8
        }
        while p < end, base.load(fromByteOffset: p, as: UInt8.self) != comma { p += 1 }
        return p
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
}
