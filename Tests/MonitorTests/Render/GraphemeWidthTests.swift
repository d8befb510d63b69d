import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// Emoji widths as the terminal counts them (issue 12): glibc's `wcwidth`, ncurses and tmux add a
/// grapheme's scalars up. A canvas that counted otherwise pushed the right border out of its column.
@Suite struct GraphemeWidthTests {
    /// The strings of the issue, with the columns a terminal gives them.
    static let cases: [(text: String, columns: Int)] = [
        ("👍🏿", 4), ("🇲🇱", 2), ("❤️", 1), ("1️⃣", 1), ("👍", 2), ("é", 1), ("e\u{301}", 1), ("日", 2),
    ]

    /// Where the terminal's cursor is after a row is written: each drawn glyph moves it by the
    /// width of each of its scalars (what the terminal does, independent of the canvas's own count).
    static func terminalColumns(_ canvas: Canvas, row y: Int, upTo end: Int) -> Int {
        var column = 0
        for x in 0..<end where canvas[x, y].width != 0 {
            column += canvas[x, y].glyph.unicodeScalars.reduce(0) { $0 + max(0, DisplayWidth.builtinWidth($1)) }
        }
        return column
    }

    @Test(arguments: cases.map(\.text))
    func aGraphemeIsTheSumOfItsScalars(text: String) {
        let expected = Self.cases.first { $0.text == text }?.columns
        #expect(DisplayWidth.builtin.columns(Character(text)) == expected)
    }

    @Test func theRightBorderStaysInItsColumn() {
        let theme = Theme.fallback(actorCount: 8)
        let rect = Rect(x: 0, y: 0, width: 20, height: Self.cases.count + 3)
        var canvas = Canvas(width: 24, height: rect.height)
        Frame.draw(rect, title: "👍🏿 🇲🇱 ❤️ 1️⃣", focused: false, theme: theme, on: &canvas)
        for (i, entry) in Self.cases.enumerated() {
            canvas.put("a\(entry.text)b\(entry.text)c", x: 1, y: 1 + i, maxWidth: rect.width - 2, style: .plain)
        }
        // A row cut short by the ellipsis with a wide grapheme at the cut.
        canvas.put(String(repeating: "👍🏿", count: 8), x: 1, y: rect.height - 2, maxWidth: rect.width - 2, style: .plain)
        for y in 0..<rect.height {
            let border = canvas[rect.maxX - 1, y].glyph
            #expect("│┐┘".contains(border), "row \(y): \(canvas.lines[y])")
            #expect(Self.terminalColumns(canvas, row: y, upTo: rect.maxX - 1) == rect.maxX - 1,
                    "row \(y) puts the border at column \(Self.terminalColumns(canvas, row: y, upTo: rect.maxX - 1)): \(canvas.lines[y])")
        }
    }

    @Test func overwritingPartOfAFourColumnGraphemeBlanksAllOfIt() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("a👍🏿b", x: 0, y: 0, style: .plain)
        #expect(canvas[1, 0].width == 4 && (2...4).allSatisfy { canvas[$0, 0].width == 0 })
        canvas.set(x: 3, y: 0, "x", .plain)
        #expect(canvas.lines == ["a  x b  "])
        #expect(canvas.cells.allSatisfy { $0.width == 1 })
    }

    @Test func aFeedWithTheseSummariesKeepsEveryRowTheScreenWide() {
        var incidents: [Incident] = []
        for (i, entry) in Self.cases.enumerated() {
            let object: [String: Any] = ["id": "g\(i)", "time": "2023-08-0\(1 + i % 9)", "actors": ["JNIM"], "place": "Gao \(entry.text)",
                                         "summary": "report \(entry.text) with \(entry.text)\(entry.text) and more text to fill the row"]
            let line = try? JSONSerialization.data(withJSONObject: object)
            if let line, case .success(let incident) = JSONLineParser().parse(line: Array(line), origin: Origin(file: "g", line: i + 1)) {
                incidents.append(incident)
            }
        }
        #expect(incidents.count == Self.cases.count)
        for (width, height) in [(80, 24), (100, 30), (200, 60)] {
            let state = Fixtures.state(incidents, width: width, height: height)
            let canvas = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8)))
            for y in 0..<canvas.height {
                #expect(Self.terminalColumns(canvas, row: y, upTo: canvas.width) == width,
                        "at \(width)x\(height), row \(y) is \(Self.terminalColumns(canvas, row: y, upTo: canvas.width)) columns: \(canvas.lines[y])")
            }
        }
    }
}
