import Foundation
import Testing
@testable import Monitor

/// Event data is written by others and may be malicious: none of it may reach the terminal as a
/// control, and none of it may break the layout.
enum HostileCorpus {
    static let strings: [(name: String, text: String)] = [
        ("CSI clear screen and cursor moves", "\u{1B}[2J\u{1B}[H\u{1B}[10;10Hmoved"),
        ("SGR colour change", "\u{1B}[31;1mred\u{1B}[0m"),
        ("OSC window title", "\u{1B}]0;pwned\u{07}title"),
        ("OSC 52 clipboard write", "\u{1B}]52;c;ZXZpbCBwYXlsb2Fk\u{07}clip"),
        ("OSC with ST terminator", "\u{1B}]2;pwned\u{1B}\\st"),
        ("C1 CSI", "a\u{9B}2Jb\u{9D}0;x\u{9C}c"),
        ("DEL and C0", "a\u{7F}b\u{01}c\u{08}d\u{0D}e"),
        ("bidi override", "left \u{202E}thgir\u{202C} \u{2067}iso\u{2069}"),
        ("zero-width", "in\u{200B}vis\u{200D}ible\u{2060}\u{FEFF}"),
        ("combining flood", "Z" + String(repeating: "\u{0336}\u{0489}", count: 400) + "algo"),
        ("double-width CJK", "巴马科与加奥之间的道路遭到袭击，多名平民死亡"),
        ("emoji", "🔥💣🚁 attack 👨‍👩‍👧 family ✈️"),
        ("long", String(repeating: "Very long summary text ", count: 4500)),
    ]

    /// A JSON Lines file holding each hostile string as summary, place and source.
    static func jsonl() -> String {
        strings.enumerated().map { i, entry in
            let object: [String: Any] = ["id": "h\(i)", "time": "2023-08-\(String(format: "%02d", i + 1))", "actors": ["JNIM"],
                                         "place": String(entry.text.prefix(40)), "summary": entry.text, "source": entry.text]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    /// A line whose summary is not valid UTF-8 (a lone continuation byte and a truncated sequence).
    static var invalidUTF8Line: Data {
        Data(#"{"id":"bad-utf8","time":"2023-08-20","actors":["FAMA"],"summary":"x"#.utf8) + Data([0x80, 0xE2, 0x82])
            + Data("\"}\n".utf8)
    }
}

@Suite struct HostileTextTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    func state(width: Int = 120, height: Int = 40) -> AppState {
        var incidents: [Incident] = []
        for (i, entry) in HostileCorpus.strings.enumerated() {
            let line = try? JSONSerialization.data(withJSONObject: ["time": "2023-08-01", "actors": ["JNIM"], "summary": entry.text,
                                                                     "place": entry.text, "source": entry.text, "id": "h\(i)"])
            if let line, case .success(let incident) = JSONLineParser().parse(line: Array(line), origin: Origin(file: "h", line: i + 1)) {
                incidents.append(incident)
            }
        }
        #expect(incidents.count == HostileCorpus.strings.count)
        return Fixtures.state(incidents, width: width, height: height)
    }

    /// Every cell holds a printable character of the width it claims, and every row adds up to the screen width.
    func checkCanvas(_ canvas: Canvas) {
        for cell in canvas.cells where cell.width != 0 {
            for scalar in cell.glyph.unicodeScalars {
                let v = scalar.value
                #expect(!(v < 0x20 || (0x7F...0x9F).contains(v)), "control U+\(String(v, radix: 16)) in a cell")
                #expect(!TextSanitizer.isInvisibleFormat(v), "bidi or zero-width U+\(String(v, radix: 16)) in a cell")
            }
            #expect(cell.glyph.unicodeScalars.count <= 1 + TextSanitizer.maxCombiningMarks + 1)
            #expect(Int(cell.width) == canvas.measure.columns(cell.glyph), "cell width disagrees with wcwidth for \(cell.glyph)")
        }
        for row in canvas.lines {
            #expect(canvas.measure.columns(row) == canvas.width, "a row is \(canvas.measure.columns(row)) columns wide: \(row)")
        }
    }

    @Test func feedRowsStayInsideTheirColumnsWhateverTheText() {
        let state = state()
        let canvas = Screen.render(state, ctx)
        checkCanvas(canvas)
        let feed = Layout(width: 120, height: 40).feed
        for row in (feed.y + 1)..<(feed.maxY - 1) {
            // The feed's right border sits at its column on every row.
            let last = canvas[feed.maxX - 1, row].glyph
            #expect(last == "┃" || last == "█", "row \(row) lost its right border: \(canvas.lines[row])")
        }
    }

    @Test func longTextIsCutWithAnEllipsisAtTheRightColumn() {
        let state = state()
        let canvas = Screen.render(state, ctx)
        let feed = Layout(width: 120, height: 40).feed
        let longRow = (feed.y..<feed.maxY).first { canvas.lines[$0].contains("Very long summary") }
        #expect(longRow != nil)
        if let longRow { #expect(canvas[feed.maxX - 2, longRow].glyph == "…") }
    }

    @Test func detailOfEachHostileIncidentIsClean() {
        var state = state()
        for row in 0..<state.feed.count {
            state.selected = row
            _ = Reducer().reduce(&state, .key(.enter))
            checkCanvas(Screen.render(state, ctx))
            _ = Reducer().reduce(&state, .key(.escape))
        }
    }

    @Test func builtinWidthTableAgreesOnWideAndZeroWidth() {
        let w = DisplayWidth.builtin
        #expect(w.columns("巴") == 2)
        #expect(w.columns("🔥") == 2)
        #expect(w.columns("a") == 1)
        #expect(w.columns("\u{0301}") == 0)
        #expect(w.columns("e\u{0301}") == 1)
    }
}
