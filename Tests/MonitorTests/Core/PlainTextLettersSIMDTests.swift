import CByteScan
import Testing
@testable import MonitorCore

/// `LetterFold.plainTextLetters` is a hand-written byte scan in C (`CByteScan`: AVX2 when the
/// processor has it, one byte at a time otherwise). Both paths must give exactly what the Swift
/// reference (`LetterFoldReference`, the implementation before them) gives, on every length and
/// alignment, every byte value and two-byte sequence, and random hostile text; and known answers
/// pin the reference itself.
@Suite struct PlainTextLettersSIMDTests {
    /// An answer as one number: the letters, bit 32 for all-ASCII, or `CBS_NOT_PLAIN`.
    static func code(_ answer: (letters: UInt32, ascii: Bool)?) -> UInt64 {
        guard let answer else { return CBS_NOT_PLAIN }
        return UInt64(answer.letters) | (answer.ascii ? 1 << 32 : 0)
    }

    /// Compares the dispatched, AVX2 and scalar answers with the reference's; returns the
    /// reference's, and records a difference (at most a few per test, so a failure stays readable).
    @discardableResult
    static func agree(_ raw: UnsafeRawBufferPointer, _ failures: inout Int, _ label: () -> String) -> UInt64 {
        let expected = code(LetterFoldReference.plainTextLetters(raw))
        let dispatched = code(LetterFold.plainTextLetters(raw))
        let avx2 = raw.baseAddress.map { cbs_plain_text_letters_avx2($0, raw.count) } ?? code((0, true))
        let scalar = raw.baseAddress.map { cbs_plain_text_letters_scalar($0, raw.count) } ?? code((0, true))
        if dispatched != expected || avx2 != expected || scalar != expected {
            failures += 1
            if failures <= 5 {
                Issue.record("\(label()): reference \(String(expected, radix: 16)), dispatched \(String(dispatched, radix: 16)), avx2 \(String(avx2, radix: 16)), scalar \(String(scalar, radix: 16))")
            }
        }
        return expected
    }

    static let printable: [UInt8] = Array(0x20...0x7E)
    static let latin: [[UInt8]] = ["é", "É", "ï", "ß", "ŉ", "×", "ſ", "\u{A0}", "\u{AD}", "\u{2FF}", "\u{180}", "Ž", "ø"].map { Array($0.utf8) }
    static let hostile: [[UInt8]] = [
        [0x00], [0x09], [0x0A], [0x0D], [0x1B], [0x1F], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x85],
        [0xC2, 0x9F], [0xC3], [0xC3, 0x28], [0xC3, 0xC3], [0xCC, 0x81], [0xE2, 0x82], [0xE2, 0x82, 0xAC], [0xED, 0xA0, 0x80],
        [0xEF, 0xBB, 0xBF], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8], [0xFE], [0xFF],
    ]

    /// Random text of `count` bytes (a character may run one past): plain, with Latin letters, or hostile.
    static func text(_ count: Int, _ mode: Int, _ dice: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 4)
        while out.count < count {
            switch mode {
            case 0: out.append(dice.pick(printable))
            case 1: if dice.chance(percent: 8) { out += dice.pick(latin) } else { out.append(dice.pick(printable)) }
            case 2:
                if dice.chance(percent: 3) { out += dice.pick(hostile) }
                else if dice.chance(percent: 5) { out += dice.pick(latin) } else { out.append(dice.pick(printable)) }
            default: out.append(UInt8(truncatingIfNeeded: dice.next()))
            }
        }
        return out
    }

    @Test func knownAnswers() {
        func answer(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { Self.code(LetterFold.plainTextLetters($0)) } }
        let a: UInt64 = 1, e: UInt64 = 1 << 4, g: UInt64 = 1 << 6, o: UInt64 = 1 << 14, ascii: UInt64 = 1 << 32
        #expect(answer([]) == ascii)
        #expect(answer(Array("Gao".utf8)) == g | a | o | ascii)
        // Digits in pairs (8 and 9 share bit 30); a space is another character.
        #expect(answer(Array("a 89".utf8)) == a | 1 << 31 | 1 << 30 | ascii)
        #expect(answer(Array("0123456789".utf8)) == 0b11111 << 26 | ascii)
        #expect(answer(Array("ÉGAO".utf8)) == e | g | a | o)
        // A ligature is another character; ŉ folds to n.
        #expect(answer(Array("Ĳ".utf8)) == 1 << 31)
        #expect(answer(Array("ŉ".utf8)) == 1 << 13)
        #expect(answer(Array("\u{A0}".utf8)) == 1 << 31)
        #expect(answer(Array(String(repeating: "z", count: 40).utf8) + Array("Ž".utf8)) == 1 << 25)
        for bad: [UInt8] in [[0x7F], [0x09], [0xC3], [0xC2, 0x85], [0xE2, 0x82, 0xAC], [0x61, 0x80], [0xC0, 0x80]] {
            #expect(answer(bad) == CBS_NOT_PLAIN, "\(bad)")
            #expect(answer(Array(repeating: 0x61, count: 45) + bad) == CBS_NOT_PLAIN, "\(bad) after 45 letters")
        }
    }

    /// Every length 0…200 at every offset from a 64-byte boundary, with bytes past the end that
    /// would change the answer if they were read.
    @Test func everyLengthAtEveryAlignment() {
        var dice = SplitMix64(seed: 0x1E77E25)
        var failures = 0, refused = 0, nonASCII = 0
        var buffer = [UInt8](repeating: 0, count: 64 + 200 + 64)
        for length in 0...200 {
            for offset in 0..<64 {
                for mode in 0..<3 {
                    let body = Array(Self.text(length, mode, &dice).prefix(length))
                    for k in buffer.indices { buffer[k] = k % 3 == 0 ? 0x00 : 0x51 } // NUL and 'Q' around it
                    buffer.replaceSubrange(offset..<(offset + length), with: body)
                    let expected = buffer.withUnsafeBytes {
                        Self.agree(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + length)]), &failures) { "\(body) at \(offset)" }
                    }
                    if expected == CBS_NOT_PLAIN { refused += 1 } else if expected & (1 << 32) == 0 { nonASCII += 1 }
                }
            }
        }
        #expect(failures == 0)
        #expect(refused > 2_000 && nonASCII > 2_000)
    }

    /// Each byte value at each position of texts around the 32-byte step.
    @Test func everyByteValueAtEveryPosition() {
        var failures = 0
        var dice = SplitMix64(seed: 0xB17E5)
        for length in [1, 2, 31, 32, 33, 63, 64, 65, 100] {
            let filler = Self.text(length, 0, &dice).prefix(length)
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = Array(filler)
                    bytes[position] = UInt8(value)
                    bytes.withUnsafeBytes { _ = Self.agree($0, &failures) { "\(value) at \(position) of \(length)" } }
                }
            }
        }
        #expect(failures == 0)
    }

    /// Every pair of bytes, alone and where a 32-byte step starts, ends, is cut by it, and at the end.
    @Test func everyTwoByteSequence() {
        var failures = 0, letters = 0
        let filler = Array("Timbuktu region, 12 killed; ".utf8)
        let long = Array((filler + filler + filler).prefix(70))
        for lead in 0...255 {
            for next in 0...255 {
                let pair = [UInt8(lead), UInt8(next)]
                let answer = pair.withUnsafeBytes { Self.agree($0, &failures) { "\(pair)" } }
                if answer != CBS_NOT_PLAIN, answer & 0x7FFF_FFFF != 0 { letters += 1 }
                for position in [0, 30, 31, 32, 63, 68] {
                    var bytes = long
                    bytes.replaceSubrange(position..<(position + 2), with: pair)
                    bytes.withUnsafeBytes { _ = Self.agree($0, &failures) { "\(pair) at \(position)" } }
                }
                let tail = Array(long.prefix(31)) + pair
                tail.withUnsafeBytes { _ = Self.agree($0, &failures) { "\(pair) ending 33 bytes" } }
            }
        }
        #expect(failures == 0)
        // The letters of U+00C0–U+017F (less the signs and ligatures) are letters.
        #expect(letters > 150)
    }

    /// Each two-byte character U+0080–U+07FF against `LetterFold.latinBase`, not the reference.
    @Test func twoByteCharactersFoldToTheirBaseLetters() {
        for code in 0x80...0x7FF {
            let bytes = [UInt8(0xC0 | code >> 6), UInt8(0x80 | code & 0x3F)]
            let got = bytes.withUnsafeBytes { cbs_plain_text_letters_avx2($0.baseAddress!, 2) }
            let scalar = bytes.withUnsafeBytes { cbs_plain_text_letters_scalar($0.baseAddress!, 2) }
            let expected: UInt64 = code < 0xA0 || code > 0x2FF ? CBS_NOT_PLAIN
                : UInt64(LetterFold.latinBase(code).map { LetterFold.bit($0) } ?? LetterFold.otherBit)
            #expect(got == expected && scalar == expected, "U+\(String(code, radix: 16))")
        }
    }

    /// Random texts of up to 600 bytes mixing printable ASCII, Latin letters, controls, DEL, C1,
    /// three- and four-byte characters, invalid and cut sequences, and bytes of any value.
    @Test func randomHostileTexts() {
        var dice = SplitMix64(seed: 0xF022)
        var failures = 0, refused = 0, nonASCII = 0, ascii = 0
        for _ in 0..<40_000 {
            let mode = dice.chance(percent: 10) ? 3 : dice.below(3)
            let bytes = Self.text(dice.inRange(0...600), mode, &dice)
            let answer = bytes.withUnsafeBytes { Self.agree($0, &failures) { "\(bytes)" } }
            if answer == CBS_NOT_PLAIN { refused += 1 } else if answer & (1 << 32) == 0 { nonASCII += 1 } else { ascii += 1 }
        }
        #expect(failures == 0)
        #expect(refused > 5_000 && nonASCII > 5_000 && ascii > 5_000)
    }

    /// Texts that end where an unreadable page begins: a read past the end crashes the test.
    @Test func textsEndingAtAnUnreadablePage() throws {
        let guarded = try #require(GuardedBytes(pages: 1))
        var dice = SplitMix64(seed: 0x9A9E)
        var failures = 0
        for length in 0...300 {
            for mode in 0..<3 {
                let bytes = Array(Self.text(length, mode, &dice).prefix(length))
                guarded.withBytes(bytes) { _ = Self.agree($0, &failures) { "\(bytes)" } }
            }
        }
        #expect(failures == 0)
    }
}
