import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorState

@Suite struct TextQueryTests {
    func q(_ s: String) throws -> TextQuery? { try TextQuery(s) }

    @Test func plainTextIgnoresCaseAndAccents() throws {
        let query = try #require(try q("menaka"))
        #expect(query.matches("Attack near Ménaka town"))
        #expect(query.matches("MENAKA"))
        #expect(!query.matches("Mopti"))
        let accented = try #require(try q("NIAFUNKÉ"))
        #expect(accented.matches("repelled at Niafunke"))
        #expect(try #require(try q("sevare")).matches("Sévaré"))
        #expect(try #require(try q("lere")).matches("Léré"))
    }

    @Test func foldingMatchesFoundationOnLatinLetters() {
        // Every Latin-1 and Latin Extended-A letter folds like Foundation's diacritic-insensitive folding.
        for code in 0xC0...0x17F {
            guard let scalar = Unicode.Scalar(code), scalar.properties.isAlphabetic else { continue }
            let text = String(Character(scalar))
            let ours = TextFolding.fold(text)
            let theirs = Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8)
            if theirs.count == 1 {
                #expect(ours == theirs, "U+\(String(code, radix: 16)) \(text): \(ours) vs \(theirs)")
            }
        }
    }

    @Test func emptyQueryIsNoFilter() throws {
        #expect(try q("") == nil)
        #expect(try q("!") == nil)
    }

    @Test func leadingBangInverts() throws {
        let query = try #require(try q("!jnim"))
        #expect(query.inverted)
        #expect(query.matches("JNIM attack"))  // matching is before inversion; the filter applies it
    }

    @Test func regularExpressions() throws {
        let query = try #require(try q("re:^(ber|bamba)$"))
        #expect(query.matches("Ber"))
        #expect(query.matches("BAMBA"))
        #expect(!query.matches("Timbuktu"))
    }

    @Test func badRegularExpressionIsAClearErrorNotACrash() {
        #expect(throws: TextQuery.Invalid(message: "bad regular expression: ([a-")) { try TextQuery("re:([a-") }
        #expect(throws: TextQuery.Invalid(message: "empty regular expression after re:")) { try TextQuery("re:") }
    }

    @Test func typingMoreOnlyNarrows() throws {
        let a = try #require(try q("tim")), b = try #require(try q("timb")), c = try #require(try q("ber"))
        #expect(a.isNarrowed(by: b))
        #expect(!b.isNarrowed(by: a))
        #expect(!a.isNarrowed(by: c))
        #expect(!(try #require(try q("!tim"))).isNarrowed(by: b))
    }

    @Test func invalidUTF8AndEmptyHaystacksAreSafe() {
        let needle = TextFolding.fold("ab")
        let bytes: [UInt8] = [0xC3, 0x61, 0xC5, 0xFF, 0x62, 0xC4]
        bytes.withUnsafeBufferPointer { #expect(!TextFolding.contains($0, folded: needle)) }
        [UInt8]().withUnsafeBufferPointer { #expect(!TextFolding.contains($0, folded: needle)) }
        [UInt8]().withUnsafeBufferPointer { #expect(TextFolding.contains($0, folded: [])) }
    }
}
