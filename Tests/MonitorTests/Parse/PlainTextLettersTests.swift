import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// The CSV summary's one-read check, copy and letter mask (`appendIfCleanWithLetters`, through
/// `LetterFold.plainTextLetters`) must give exactly what the two-read way gives: `appendIfClean`
/// (the sanitiser's check, the trim, the ASCII flag), then `LetterFold.letterMask` of what it kept.
/// Random byte strings mix printable ASCII with what the one read must hand over: controls, DEL,
/// C1 controls, two-, three- and four-byte characters, combining marks, invisible formats,
/// invalid and cut sequences, spaces at the ends.
@Suite struct PlainTextLettersTests {
    static let pieces: [[UInt8]] = [
        Array("Gao".utf8), Array("ambush near Ber, 3 killed".utf8), Array("QXZ 0123456789 jk".utf8), [0x20], [0x20, 0x20],
        [0x09], [0x0A], [0x1B], [0x7F], [0x7E], [0x21], Array("é".utf8), Array("É".utf8), Array("ï".utf8), Array("ŉ".utf8),
        Array("ß".utf8), Array("×".utf8), Array("ſ".utf8), Array("\u{A0}".utf8), Array("\u{AD}".utf8), Array("\u{2FF}".utf8),
        Array("\u{180}".utf8), [0xC2, 0x85], [0xC2, 0x9F], [0xC2, 0xA0], [0xC1, 0xA1], [0xC0, 0x80], Array("\u{301}".utf8),
        Array("\u{300}".utf8), Array("\u{200B}".utf8), Array("\u{202E}".utf8), Array("日本".utf8), Array("😀".utf8),
        Array("\u{61C}".utf8), [0xC3], [0x80], [0xBF], [0xFF], [0xC3, 0x28], [0xE2, 0x82], Array("Кидаль".utf8),
        Array("Léré".utf8), Array("abcdefgh".utf8), Array("ABCDEFGHIJKLMNOP".utf8),
    ]

    static func bytes(_ dice: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        let plain = dice.chance(percent: 40)
        for _ in 0..<dice.inRange(0...12) {
            // Mostly printable ASCII, so that the eight-byte words and the tail are both tried.
            if plain || dice.chance(percent: 50) {
                out += dice.pick(Array(pieces.prefix(3)))
            } else {
                out += dice.pick(pieces)
            }
        }
        return out
    }

    @Test func oneReadGivesWhatTheCheckCopyAndMaskGive() {
        var dice = SplitMix64(seed: 0x5EED_1E77)
        var plainSeen = 0, nonASCIIPlainSeen = 0, refusedSeen = 0
        for _ in 0..<40_000 {
            let input = Self.bytes(&dice)
            let trim = dice.chance(percent: 70)
            let prefix = Array(repeating: UInt8(0x61), count: dice.below(3))
            var oneRead = PackedText(prefix), twoReads = PackedText(prefix)
            let fast = input.withUnsafeBytes { PackedDecodeContext.appendIfCleanWithLetters($0, trim: trim, to: &oneRead) }
            let slow = input.withUnsafeBytes { PackedDecodeContext.appendIfClean($0, trim: trim, to: &twoReads) }
            #expect(oneRead == twoReads, "\(input)")
            guard let slow else {
                #expect(fast == nil, "\(input)")
                refusedSeen += 1
                continue
            }
            let letters = twoReads.withUnsafeBytes {
                LetterFold.letterMask(UnsafeRawBufferPointer(rebasing: $0[Int(slow.start)..<Int(slow.start + slow.count)]))
            }
            #expect(fast?.start == slow.start && fast?.count == slow.count && fast?.ascii == slow.ascii, "\(input)")
            #expect(fast?.letters == letters, "\(input)")
        }
        // The plain read's own answer: when it gives one, it is the mask and ASCII flag of the
        // text, and the sanitiser leaves that text alone.
        for _ in 0..<40_000 {
            let input = Self.bytes(&dice)
            guard let plain = input.withUnsafeBytes({ LetterFold.plainTextLetters($0) }) else { continue }
            plainSeen += 1
            if !plain.ascii { nonASCIIPlainSeen += 1 }
            input.withUnsafeBytes { raw in
                #expect(plain.letters == LetterFold.letterMask(raw), "\(input)")
                #expect(plain.ascii == IDHash.isASCII(raw), "\(input)")
                #expect(TextSanitizer.isAlreadyClean(utf8: raw), "\(input)")
            }
        }
        #expect(plainSeen > 10_000 && nonASCIIPlainSeen > 1_000 && refusedSeen > 1_000)
    }
}
