import Testing
@testable import MonitorCore
@testable import MonitorIngest

@Suite struct TextSanitizerTests {
    @Test func escapeSequencesBecomeVisibleText() {
        let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}HOSTILE"
        let clean = TextSanitizer.clean(hostile)
        #expect(clean == "␛[2J␛]0;pwned␇HOSTILE")
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func c1AndDelAreReplaced() {
        let clean = TextSanitizer.clean("a\u{9B}31mb\u{7F}c\u{85}d")
        #expect(clean == "a\u{FFFD}31mb␡c\u{FFFD}d")
    }

    @Test func bidiOverridesAndZeroWidthAreRemoved() {
        #expect(TextSanitizer.clean("abc\u{202E}fed\u{202C}\u{200B}\u{2066}x\u{2069}\u{FEFF}") == "abcfedx")
    }

    @Test func newlinesAndTabsBecomeSpaces() {
        #expect(TextSanitizer.clean("one\ntwo\tthree\r") == "one two three ")
    }

    @Test func combiningFloodIsCapped() {
        let flood = "e" + String(repeating: "\u{301}", count: 500) + "x"
        let clean = TextSanitizer.clean(flood)
        #expect(clean.unicodeScalars.count == 1 + TextSanitizer.maxCombiningMarks + 1)
    }

    @Test func asciiModeUsesQuestionMarks() {
        #expect(TextSanitizer.clean("a\u{1B}b", ascii: true) == "a?b")
    }

    @Test func parserSanitisesEveryTextField() throws {
        let line = #"{"time":"2023-08-13","actors":["FAMA\u001b[31m"],"place":"Ber\u001b[H","summary":"x\u001b]52;c;ZXZpbA==\u0007y","source":"\u202eevil"}"#
        let incident = try JSONLineParser().parse(line: Array(line.utf8), origin: Origin(file: "f", line: 1)).get()
        for text in [incident.place, incident.summary, incident.source] + incident.unknownActorNames {
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        }
        #expect(incident.summary == "x␛]52;c;ZXZpbA==␇y")
    }
}
