import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews
import SharedTestData

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
        var opened: Set<Int> = []
        for row in 0..<state.feed.count {
            state.selected = row
            _ = Reducer().reduce(&state, .key(.enter))
            // Without the overlay open, the check below would only look at the feed again.
            if case .detail(let seq, _, _) = state.overlay { opened.insert(seq) } else { Issue.record("row \(row): no detail overlay") }
            let canvas = Screen.render(state, ctx)
            #expect(canvas.lines.contains { $0.contains("Incident detail") }, "row \(row): the detail overlay is not drawn")
            checkCanvas(canvas)
            _ = Reducer().reduce(&state, .key(.escape))
        }
        #expect(opened == Set(state.feed.map { Int($0) }), "not every incident's detail was opened")
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
