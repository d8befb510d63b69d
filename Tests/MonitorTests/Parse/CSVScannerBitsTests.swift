import CByteScan
import Testing
@testable import MonitorIngest

/// `CSVScanner.scan` walks comma and quote bits made 64 bytes at a time (`CByteScan`); the scalar
/// scanner it replaced (`CSVScannerReference`) must give the same outcome and the same fields for
/// every record: every length and alignment, every byte value at every position, quotes doubled
/// and unclosed, closing quotes followed by junk, CR, records spanning lines, bytes past a line's
/// end that are commas and quotes, lines that end where the block's bytes (or readable memory)
/// end, overlong lines, and rooms too small.
@Suite struct CSVScannerBitsTests {
    /// What a scan gave: its outcome (nil: room too small) and its fields.
    struct Scanned: Equatable {
        var outcome: CSVScanner.Outcome?
        var fields: [[Int]]
    }

    static func fields(_ room: [CSVField], _ count: Int) -> [[Int]] {
        room.prefix(count).map { [$0.start, $0.end, Int($0.flags.rawValue), Int($0.firstLine), Int($0.lastLine)] }
    }

    /// Both scanners on the record at line `first`; records a difference (at most a few per test).
    @discardableResult
    static func agree(_ bytes: UnsafeRawBufferPointer, _ lines: [LineBlock.Line], first: Int, limit: Int, maxBytes: Int,
                      room: Int, _ failures: inout Int, _ label: () -> String) -> Scanned {
        lines.withUnsafeBufferPointer { lines in
            var roomNew = [CSVField](repeating: CSVField(start: -1, end: -1, flags: []), count: room)
            var roomOld = roomNew
            var countNew = -1, countOld = -1
            let new = roomNew.withUnsafeMutableBufferPointer {
                CSVScanner.scan(bytes, lines, first: first, limit: limit, maxBytes: maxBytes, into: $0, count: &countNew)
            }
            let old = roomOld.withUnsafeMutableBufferPointer {
                CSVScannerReference.scan(bytes, lines, first: first, limit: limit, maxBytes: maxBytes, into: $0, count: &countOld)
            }
            let got = Scanned(outcome: new, fields: fields(roomNew, countNew))
            let expected = Scanned(outcome: old, fields: fields(roomOld, countOld))
            if got != expected {
                failures += 1
                if failures <= 5 { Issue.record("\(label()): reference \(expected), bits \(got)") }
            }
            return expected
        }
    }

    /// Lines laid back to back after `prefix` bytes, then `suffix`: the block's bytes and lines.
    static func block(_ lines: [[UInt8]], prefix: [UInt8], suffix: [UInt8]) -> ([UInt8], [LineBlock.Line]) {
        var bytes = prefix
        var out: [LineBlock.Line] = []
        for (k, line) in lines.enumerated() {
            out.append(LineBlock.Line(start: bytes.count, count: line.count, number: k + 1, overlongLength: nil))
            bytes += line
        }
        return (bytes + suffix, out)
    }

    static let pieces: [[UInt8]] = [
        [], Array("a".utf8), Array("Gao".utf8), Array("16.2717".utf8), [0x2C], [0x2C], [0x2C], [0x22], [0x22, 0x22], [0x22],
        Array("\"x\"".utf8), Array("\"a,b\"".utf8), Array("\"say \"\"hi\"\"\"".utf8), Array("\"open".utf8),
        Array("\"bad\"z".utf8), Array("x\"y".utf8), Array("\"\"\"".utf8), [0x0D], [0x09], [0x20], [0x20, 0x20], [0x7F], [0x00],
        Array("é".utf8), Array("日本".utf8), [0xC3], [0xFF], [0x22, 0x2C], [0x2C, 0x22],
        Array("Military Forces of Mali (2021-)".utf8),
        Array("\"On 1 January 2023, near Gao (Gao, Gao), FAMA and JNIM clash near Gao, 9 killed.\"".utf8),
    ]

    /// A random line: CSV-like pieces, or bytes of any value with commas and quotes among them.
    static func line(_ dice: inout SplitMix64, maxPieces: Int = 12) -> [UInt8] {
        if dice.chance(percent: 15) {
            return (0..<dice.inRange(0...150)).map { _ in
                dice.chance(percent: 20) ? dice.pick([0x2C, 0x22]) : UInt8(truncatingIfNeeded: dice.next())
            }
        }
        var out: [UInt8] = []
        for _ in 0..<dice.inRange(0...maxPieces) {
            if dice.chance(percent: 5) {
                out += (0..<dice.inRange(40...140)).map { _ in UInt8(0x61 + dice.below(26)) } // long runs without either
            } else {
                out += dice.pick(pieces)
            }
        }
        return out
    }

    static let junk: [UInt8] = Array(",\"\",,\"x,".utf8)

    static func filler(_ count: Int, _ dice: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in dice.pick(junk) }
    }

    @Test func knownAnswers() {
        func scan(_ lines: [String], limit: Int? = nil) -> Scanned {
            let (bytes, table) = Self.block(lines.map { Array($0.utf8) }, prefix: [], suffix: [])
            var failures = 0
            let scanned = bytes.withUnsafeBytes {
                Self.agree($0, table, first: 0, limit: limit ?? table.count, maxBytes: 1 << 20, room: 64, &failures) { "\(lines)" }
            }
            #expect(failures == 0)
            return scanned
        }
        #expect(scan(["a,\"b\"\"c\","]) == Scanned(outcome: .record(lastLine: 0), fields: [[0, 1, 0, 0, 0], [3, 7, 3, 0, 0], [9, 9, 0, 0, 0]]))
        #expect(scan(["x\"y,z"]).fields == [[0, 3, 0, 0, 0], [4, 5, 0, 0, 0]])
        #expect(scan(["\"a\"b"]).outcome == .bad("closing quote of field 1 followed by \"b\", not a comma or the line end"))
        #expect(scan(["\"open", "still"]).outcome == .needMore)
        #expect(scan(["\"open", "shut\",z"]) == Scanned(outcome: .record(lastLine: 1), fields: [[1, 9, 5, 0, 1], [11, 12, 0, 0, 0]]))
        #expect(scan([" \t "]).outcome == .blank)
        let long = String(repeating: "abcdefg,", count: 20)
        #expect(scan([long]).fields.count == 21)
    }

    /// One line of every length 0…200 at every offset from a 64-byte boundary, with commas and
    /// quotes before and after it in the block.
    @Test func everyLengthAtEveryAlignment() {
        var dice = SplitMix64(seed: 0xA11C5)
        var failures = 0
        let alphabet: [UInt8] = Array("a,\"\",\" \r\té".utf8) + [0x00, 0xFF]
        for length in 0...200 {
            for offset in 0..<64 {
                let text = (0..<length).map { _ in dice.pick(alphabet) }
                let (bytes, lines) = Self.block([text], prefix: Self.filler(offset, &dice), suffix: Self.filler(dice.pick([0, 1, 63, 64]), &dice))
                bytes.withUnsafeBytes { raw in
                    _ = Self.agree(raw, lines, first: 0, limit: 1, maxBytes: 1 << 20, room: 64, &failures) { "\(text) at \(offset)" }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Each byte value at each position of a line with quoted, doubled and plain fields.
    @Test func everyByteValueAtEveryPosition() {
        var failures = 0
        let template = Array("MLI1,\"On 1 May, near \"\"Gao\"\", 9 killed.\",x\"y,,\"\",16.2717,Military Forces of Mali (2021-),\"a,b\",end".utf8)
        for position in template.indices {
            for value in 0...255 {
                var text = template
                text[position] = UInt8(value)
                for next in [Array("\"z\",tail".utf8), []] {
                    let (bytes, lines) = Self.block(next.isEmpty ? [text] : [text, next], prefix: [], suffix: [])
                    bytes.withUnsafeBytes { raw in
                        _ = Self.agree(raw, lines, first: 0, limit: lines.count, maxBytes: 1 << 20, room: 64, &failures) {
                            "\(value) at \(position)"
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Random records of one to five lines, read from each line, with any limit, record size
    /// limit and room, some lines overlong, at any alignment, some ending the block's bytes.
    @Test func randomRecordsAcrossLines() {
        var dice = SplitMix64(seed: 0x5CA77E5)
        var failures = 0
        var seen: [String: Int] = [:]
        for _ in 0..<30_000 {
            let texts = (0..<dice.inRange(1...5)).map { _ in Self.line(&dice) }
            var (bytes, lines) = Self.block(texts, prefix: Self.filler(dice.below(64), &dice),
                                       suffix: dice.chance(percent: 50) ? [] : Self.filler(dice.below(70), &dice))
            if dice.chance(percent: 3) { lines[dice.below(lines.count)].overlongLength = 2 << 20 }
            let first = dice.below(lines.count)
            let limit = dice.inRange((first + 1)...lines.count)
            let maxBytes = dice.chance(percent: 20) ? dice.inRange(0...200) : 1 << 20
            let room = dice.chance(percent: 20) ? dice.inRange(0...8) : 64
            let scanned = bytes.withUnsafeBytes { raw in
                Self.agree(raw, lines, first: first, limit: limit, maxBytes: maxBytes, room: room, &failures) {
                    "\(texts.map { String(decoding: $0, as: UTF8.self).debugDescription }) from \(first) to \(limit), max \(maxBytes), room \(room)"
                }
            }
            let kind: String
            switch scanned.outcome {
            case .record(let last): kind = last > first ? "spanning" : "record"
            case .blank: kind = "blank"
            case .bad(let reason): kind = reason.hasPrefix("closing") ? "junk after quote" : reason
            case .needMore: kind = "needMore"
            case nil: kind = "room"
            }
            seen[kind, default: 0] += 1
        }
        #expect(failures == 0)
        // Every outcome is tried, and more than rarely.
        for kind in ["record", "spanning", "blank", "junk after quote", "needMore", "room", "unterminated quoted field"] {
            #expect(seen[kind, default: 0] > 30, "\(kind): \(seen)")
        }
    }

    /// The bits themselves, both paths (AVX2 when the processor has it, and the portable one),
    /// against a byte-by-byte look: every length 0…300 from every offset, with commas and quotes
    /// past the bytes asked for, and bytes that end where readable memory ends.
    @Test func bitsOfEveryLengthAtEveryAlignment() throws {
        let guarded = try #require(GuardedBytes(pages: 1))
        var dice = SplitMix64(seed: 0xB175)
        var failures = 0
        for want in 0...300 {
            let words = 2 * ((want + 63) / 64)
            for offset in 0..<64 {
                let bytes = (0..<(offset + want + 70)).map { _ in dice.pick(Array(",\"a\u{0}".utf8) + [0xAC, 0xA2, 0xFF]) }
                var expected = [UInt64](repeating: 0, count: words)
                for k in 0..<want {
                    if bytes[offset + k] == 0x2C { expected[2 * (k / 64)] |= 1 << UInt64(k % 64) }
                    if bytes[offset + k] == 0x22 { expected[2 * (k / 64) + 1] |= 1 << UInt64(k % 64) }
                }
                for readable in [want, want + 1, want + 70] {
                    bytes.withUnsafeBytes { raw in
                        guard let from = raw.baseAddress?.advanced(by: offset) else { return }
                        for portable in [false, true] {
                            var got = [UInt64](repeating: 0xDEAD, count: words)
                            got.withUnsafeMutableBufferPointer { out in
                                guard let to = out.baseAddress else { return }
                                if portable { cbs_csv_bits_run_portable(from, want, readable, to) }
                                else { cbs_csv_bits_run(from, want, readable, to) }
                            }
                            if got != expected {
                                failures += 1
                                if failures <= 5 { Issue.record("\(want) bytes at \(offset), portable \(portable): \(got) not \(expected)") }
                            }
                        }
                    }
                }
                // Ending where readable memory ends.
                if offset == 0 {
                    let exact = Array(bytes.prefix(want))
                    guarded.withBytes(exact) { raw in
                        var got = [UInt64](repeating: 0, count: words)
                        got.withUnsafeMutableBufferPointer { out in
                            if let to = out.baseAddress, let from = raw.baseAddress { cbs_csv_bits_run(from, want, want, to) }
                        }
                        #expect(want == 0 || got == expected)
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Lines longer than the scanner's chunk of bits (1,024 bytes), so that fields and quoted
    /// fields cross from one chunk to the next, some of them across lines.
    @Test func longLinesAcrossChunks() {
        var dice = SplitMix64(seed: 0x10C0)
        var failures = 0
        for _ in 0..<2_000 {
            let texts = (0..<dice.inRange(1...3)).map { _ in Self.line(&dice, maxPieces: 120) }
            let (bytes, lines) = Self.block(texts, prefix: Self.filler(dice.below(64), &dice),
                                            suffix: dice.chance(percent: 50) ? [] : Self.filler(dice.below(70), &dice))
            for first in 0..<lines.count {
                bytes.withUnsafeBytes { raw in
                    _ = Self.agree(raw, lines, first: first, limit: lines.count, maxBytes: 1 << 20, room: 512, &failures) {
                        "\(texts.map(\.count)) bytes from \(first)"
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Lines whose bytes end where readable memory ends: a read past them crashes the test.
    @Test func recordsEndingAtAnUnreadablePage() throws {
        let guarded = try #require(GuardedBytes(pages: 1))
        var dice = SplitMix64(seed: 0x9A9F)
        var failures = 0
        for length in 0...200 {
            for _ in 0..<4 {
                var text = Self.line(&dice)
                text = Array(text.prefix(length)) + Self.filler(max(0, length - text.count), &dice)
                let (bytes, lines) = Self.block([Array("\"a".utf8), text], prefix: [], suffix: [])
                guarded.withBytes(bytes) { raw in
                    for first in 0..<2 {
                        _ = Self.agree(raw, lines, first: first, limit: 2, maxBytes: 1 << 20, room: 64, &failures) { "\(text)" }
                    }
                }
            }
        }
        #expect(failures == 0)
    }
}
