import Testing
@testable import MonitorIngest
@testable import MonitorState

/// The word-at-a-time text search must give exactly the answers of the character-by-character
/// folding search it speeds up.
@Suite struct TextScanningTests {
    /// Pieces summaries are made of: letters of both cases, bytes next to letters in ASCII
    /// (`@[` `{`, which bit 5 maps onto each other), accented letters, signs and other scripts.
    static let alphabet: [String] = [
        "a", "b", "e", "n", "x", "d", "A", "E", "N", "X", "D", " ", ",", "@", "[", "`", "{", "0", "1",
        "é", "É", "è", "ç", "Ñ", "ï", "ł", "ø", "ž", "œ", "×", "÷", "–", "ß", "Ş", "ğ", "ة", "中", "🙂",
    ]

    func randomText(_ rng: inout SplitMix64, length: Int) -> String {
        (0..<length).map { _ in Self.alphabet[rng.below(Self.alphabet.count)] }.joined()
    }

    func slow(_ haystack: String, _ needle: [UInt8]) -> Bool {
        var h = haystack
        return h.withUTF8 { h in needle.withUnsafeBufferPointer { TextFolding.containsFolding(h, folded: $0) } }
    }

    @Test func agreesWithTheFoldingSearchOnRandomText() {
        var rng = SplitMix64(seed: 2023)
        var positives = 0
        for round in 0..<20_000 {
            let haystack = randomText(&rng, length: rng.below(40))
            let needle: [UInt8]
            if round % 2 == 0, !haystack.isEmpty {
                // A piece of the haystack itself, folded: often present, in other case or accents.
                let chars = Array(haystack)
                let from = rng.below(chars.count)
                let to = min(chars.count, from + 1 + rng.below(4))
                needle = TextFolding.fold(String(chars[from..<to]))
            } else {
                needle = TextFolding.fold(randomText(&rng, length: 1 + rng.below(3)))
            }
            guard !needle.isEmpty else { continue }
            let expected = slow(haystack, needle)
            if expected { positives += 1 }
            #expect(TextFolding.contains(haystack, folded: needle) == expected,
                    "\(haystack.debugDescription) / \(String(decoding: needle, as: UTF8.self).debugDescription)")
        }
        // The test is only worth something if both answers occur often.
        #expect(positives > 5_000)
        #expect(positives < 18_000)
    }

    @Test func aByteFlaggedByABorrowIsNotTakenForAMatch() {
        // In "edx" the word test flags "d" (e xor d is 1) next to the real "e"; "ex" is not there.
        #expect(!TextFolding.contains("edx_____", folded: TextFolding.fold("ex")))
        #expect(!TextFolding.contains("aaaaaaaedxbbbbbbbb", folded: TextFolding.fold("ex")))
        #expect(TextFolding.contains("aaaaaaaedexbbbbbbb", folded: TextFolding.fold("ex")))
    }

    @Test func accentsAndCaseAcrossWordBoundaries() {
        // The accented letter straddles the eighth byte: "é" is two bytes.
        #expect(TextFolding.contains("1234567é menaka", folded: TextFolding.fold("e m")))
        #expect(TextFolding.contains("near MÉNAKA, 3 killed", folded: TextFolding.fold("menaka")))
        #expect(TextFolding.contains("near Ménaka", folded: TextFolding.fold("MÉNAKA")))
        #expect(!TextFolding.contains("near Mopti, 3 killed", folded: TextFolding.fold("menaka")))
        #expect(TextFolding.contains("ABCDEFGHIJKLMNOP", folded: TextFolding.fold("op")))
        #expect(!TextFolding.contains("ABCDEFGHIJKLMNO", folded: TextFolding.fold("op")))
    }

    @Test func letterMasksNeverRuleOutAMatchAndDecideOneLetterQueries() {
        var rng = SplitMix64(seed: 77)
        var decided = 0
        for _ in 0..<20_000 {
            let haystack = randomText(&rng, length: rng.below(30))
            let needle = TextFolding.fold(randomText(&rng, length: 1 + rng.below(2)))
            guard !needle.isEmpty else { continue }
            let matches = TextFolding.contains(haystack, folded: needle)
            let hay = TextFolding.letterMask(haystack), wanted = TextFolding.letterMask(folded: needle)
            if matches { #expect(wanted & ~hay == 0, "\(haystack.debugDescription) / \(needle)") }
            if needle.count == 1, needle[0] >= 0x61, needle[0] <= 0x7A {
                decided += 1
                #expect((wanted & hay != 0) == matches, "\(haystack.debugDescription) / \(needle)")
            }
        }
        #expect(decided > 3_000)
    }

    /// The word-at-a-time mask is the mask of the folded text, byte for byte, whatever the mix of
    /// ASCII runs (longer and shorter than a word), accented letters and other characters.
    @Test func letterMaskIsTheMaskOfTheFoldedText() {
        var rng = SplitMix64(seed: 91)
        let pieces = ["convoy ", "MÉNAKA", "Léré", "2023-08-13", "\u{1F525}", "ß", "Ğ", "Œuvre", "x", "tin-zaouaten", "ا", "  "]
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<rng.below(12) { text += pieces[rng.below(pieces.count)] }
            text += randomText(&rng, length: rng.below(20))
            #expect(TextFolding.letterMask(text) == TextFolding.letterMask(folded: TextFolding.fold(text)), "\(text.debugDescription)")
        }
    }
}
