import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

@Suite struct CanvasTests {
    @Test func longTextEndsInEllipsisAtTheRightColumn() {
        var canvas = Canvas(width: 12, height: 1)
        canvas.put("abcdefghijklmnop", x: 1, y: 0, maxWidth: 8, style: .plain)
        #expect(canvas.lines == [" abcdefg…   "])
    }

    @Test func wideCharactersTakeTwoColumnsAndNeverOverflow() {
        var canvas = Canvas(width: 10, height: 1)
        let written = canvas.put("日本語テキスト", x: 0, y: 0, maxWidth: 6, style: .plain)
        #expect(written == 6)
        #expect(canvas.lines == ["日本 …    "])
        #expect(canvas[0, 0].width == 2 && canvas[1, 0].width == 0)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("日", x: 0, y: 0, style: .plain)
        canvas.set(x: 1, y: 0, "x", .plain)
        #expect(canvas.lines == [" x  "])
    }

    @Test func controlCharactersNeverReachACell() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("a\u{1B}b\u{7}c", x: 0, y: 0, style: .plain)
        #expect(!canvas.cells.contains { $0.glyph.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func asciiCanvasDrawsOnlyASCII() {
        var canvas = Canvas(width: 10, height: 1, ascii: true)
        canvas.put("Ménaka is far away", x: 0, y: 0, maxWidth: 8, style: .plain)
        #expect(canvas.lines == ["Menaka ~  "])
        canvas.put("日本", x: 0, y: 0, style: .plain)
        #expect(canvas.lines.allSatisfy { $0.allSatisfy(\.isASCII) })
    }
}

@Suite struct ScreenTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    @Test func legendShowsNumberGlyphNameCountAndState() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = Reducer().reduce(&state, .key(.char("4")))
        let canvas = Screen.render(state, ctx)
        let legend = Layout(width: 80, height: 24).legend
        let rows = canvas.lines.map { String($0.dropFirst(legend.x).prefix(legend.width)) }
        #expect(rows[0] == "┌ Actors (1 hidden) ─────────┐")
        #expect(rows[1] == "│1 ■ FAMA          4/4  shown│")
        #expect(rows[4] == "│4 · JNIM          2/4 hidden│")
        #expect(rows[8] == "│8 ◇ Other         0/0  shown│")
    }

    @Test func feedRowsReadDatePlaceActorsSummary() {
        let state = Fixtures.state(Fixtures.tenDays)
        let canvas = Screen.render(state, ctx)
        let feed = Layout(width: 80, height: 24).feed
        #expect(canvas.lines[feed.y].hasPrefix("┏ Feed · 10 incidents · by time, newest first ━"))
        // 80 columns keep the time of day.
        #expect(canvas.trimmedLines[feed.y + 1] == "┃ 2023-08-10 12:00 Ber          ■   event 10                                   █")
        #expect(canvas.trimmedLines[feed.y + 2] == "┃ 2023-08-09 12:00 Bamba        ✖○  event 9                                    ┃")
    }

    @Test func statusLineSaysSourceStateCountsAndHelp() {
        var state = Fixtures.state(Fixtures.tenDays, width: 120)
        _ = Reducer().reduce(&state, .key(.char("1")))
        let status = Screen.render(state, ctx).trimmedLines[23]
        // Each state carries its own label: the file's ("following") and the feed's ("live").
        #expect(status.hasPrefix(" hiding FAMA │ 10 incidents, 8 shown │ feed: live │ file fixture.jsonl: following │ 0 bad lines"))
        _ = Reducer().reduce(&state, .key(.char("j")))
        #expect(Screen.render(state, ctx).trimmedLines[23].hasPrefix(" hiding FAMA │ feed: paused · 0 new │ 10 incidents, 8 shown │ file fixture.jsonl: following"))
        state.sources[0].status = .waiting(.noSuchFile)
        _ = Reducer().reduce(&state, .key(.char("g")))
        // A missing file is news: it moves to the front.
        #expect(Screen.render(state, ctx).trimmedLines[23].hasPrefix(" file fixture.jsonl: waiting: no such file │ hiding FAMA │ 10 incidents, 8 shown │ feed: live"))
        #expect(status.hasSuffix("? help"))
    }

    @Test func aMissingFileSaysWhyInTheStatusLineAndTheSourcesList() {
        var state = Fixtures.state(Fixtures.tenDays, width: 120)
        let words: [(SourceStatus.Absence, String)] = [
            (.noSuchFile, "waiting: no such file"), (.deleted, "waiting: deleted"), (.renamed, "waiting: renamed"),
        ]
        for (absence, word) in words {
            state.sources[0].status = .waiting(absence)
            state.overlay = .none
            #expect(Screen.render(state, ctx).trimmedLines[23].hasPrefix(" file fixture.jsonl: \(word) │"))
            state.overlay = .sources(scroll: 0)
            // Above the status line: the overlay's own row for the source.
            let lines = Screen.render(state, ctx).trimmedLines.prefix(23)
            #expect(lines.contains { $0.contains(word) }, "\(word)")
        }
        // Several files: the summary counts files never found apart from other waiting ones.
        state.sources = ["a", "b", "c"].map { SourceInfo(name: "\($0).jsonl") }
        state.sources[0].status = .following
        state.sources[1].status = .waiting(.noSuchFile)
        state.sources[2].status = .waiting(.deleted)
        #expect(StatusLineView.sourcesText(state.sources).full == "3 files: 1 following, 1 waiting, 1 no such file")
    }

    @Test func hiddenActorsLeaveTheMap() {
        let only = [Fixtures.incident("jnim at Kidal", actors: [3], day: 1, town: "Kidal")]
        var state = Fixtures.state(only)
        let shown = Screen.render(state, ctx).lines.joined()
        #expect(shown.contains("✖"))
        _ = Reducer().reduce(&state, .key(.char("4")))
        let map = Layout(width: 80, height: 24).map
        let hiddenMap = Screen.render(state, ctx).lines.map { String($0.prefix(map.width)) }.joined()
        #expect(!hiddenMap.contains("✖"))
    }

    @Test func wholeScreenAt80x24() {
        let state = Fixtures.state(Fixtures.tenDays)
        Snapshot.check(Screen.render(state, ctx), named: "screen-80x24")
    }

    @Test func wholeScreenAt200x60() {
        let state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        Snapshot.check(Screen.render(state, ctx), named: "screen-200x60")
    }

    /// The fallback theme above has attributes only; this one records the colours as well.
    @Test func wholeScreenAt80x24InTheDefaultTheme() throws {
        let theme = try ThemeLoader(searchPaths: [DocsTests.root.appendingPathComponent("themes").path]).load("default")
        let state = Fixtures.state(Fixtures.tenDays)
        Snapshot.check(Screen.render(state, RenderContext(theme: theme)), named: "screen-80x24-default-theme")
    }

    @Test func asciiScreenHasNoNonASCII() {
        let state = Fixtures.state(Fixtures.tenDays)
        let canvas = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8), ascii: true))
        #expect(canvas.lines.allSatisfy { $0.allSatisfy(\.isASCII) })
        Snapshot.check(canvas, named: "screen-80x24-ascii")
    }

    @Test func helpOverlayListsEveryKeyOfTheTable() {
        var state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        _ = Reducer().reduce(&state, .key(.char("?")))
        // The table is taller than the screen: read it page by page.
        var text = ""
        for scroll in stride(from: 0, to: 300, by: 40) {
            state.overlay = .help(scroll: scroll)
            text += Screen.render(state, ctx).lines.joined(separator: "\n")
        }
        #expect(text.contains("Help · keys"))
        for row in KeyMap.standard.helpRows() {
            #expect(text.contains(row.help), "help lacks \(row.help)")
        }
    }

    @Test func helpOverlayScrollsAt80x24() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = Reducer().reduce(&state, .key(.char("?")))
        let first = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(first.contains("j/k scroll"))
        #expect(!first.contains("close the picker"))
        for _ in 0..<200 { _ = Reducer().reduce(&state, .key(.char("j"))) }
        let last = Screen.render(state, ctx).lines.joined(separator: "\n")
        // The last row of the table can be scrolled to.
        #expect(last.contains(KeyMap.standard.helpRows().last?.help ?? "?"))
    }

    @Test func detailShowsEveryFieldAndOrigin() {
        var state = Fixtures.state(Fixtures.tenDays)
        _ = Reducer().reduce(&state, .key(.enter))
        let text = Screen.render(state, ctx).lines.joined(separator: "\n")
        for expected in ["Incident detail", "10 Aug 2023 12:00 UTC", "Ber", "16.8349", "Actors       FAMA", "battle",
                         "event 10", "fixture", "fixture.jsonl, line 10", "e10"] {
            #expect(text.contains(expected), "detail lacks \(expected)")
        }
    }

    @Test func detailShowsActorNamesAsWrittenThenTheirLegendActor() throws {
        let line = #"{"id":"x1","time":"2023-08-10","place":"Ber","actors":["Katiba Macina","Military Forces of Mali (2021-)","FAMA","Some Militia"]}"#
        let incident = try JSONLineParser().parse(line: Array(line.utf8), origin: Origin(file: "f.jsonl", line: 1)).get()
        var state = Fixtures.state([incident], width: 140, height: 40)
        _ = Reducer().reduce(&state, .key(.enter))
        // The value wraps in the box: the Actors row, then the next.
        func actorRows(_ lines: [String]) throws -> String {
            let at = try #require(lines.firstIndex { $0.contains(" Actors       ") })
            return lines[at] + "\n" + lines[at + 1]
        }
        let rows = try actorRows(Screen.render(state, ctx).lines)
        #expect(rows.contains("Actors       Katiba Macina → JNIM; Military Forces of Mali (2021-) → FAMA; FAMA; Some"))
        #expect(rows.contains("Militia → Other"))
        #expect(!rows.contains("al-Qaeda") && !rows.contains("(JNIM"))
        let ascii = try actorRows(Screen.render(state, RenderContext(theme: .fallback(actorCount: 8), ascii: true)).lines)
        #expect(ascii.contains("Actors       Katiba Macina -> JNIM; Military Forces of Mali (2021-) -> FAMA; FAMA;"))
        #expect(ascii.contains("Some Militia -> Other"))
        // Keys as written: just the keys.
        var keys = Fixtures.state([Fixtures.incident("two", actors: [0, 1], day: 3)], width: 140, height: 40)
        _ = Reducer().reduce(&keys, .key(.enter))
        #expect(Screen.render(keys, ctx).lines.contains { $0.contains("Actors       FAMA; Wagner ") })
    }

    @Test func screenSurvivesTinyAndOddSizes() {
        for (w, h) in [(1, 1), (10, 3), (20, 8), (39, 11), (80, 24), (81, 25), (139, 40), (140, 40), (300, 100)] {
            var state = Fixtures.state(Fixtures.tenDays, width: w, height: h)
            _ = Reducer().reduce(&state, .key(.char("?")))
            let canvas = Screen.render(state, ctx)
            #expect(canvas.width == w && canvas.height == h)
        }
    }
}
