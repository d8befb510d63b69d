import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// While a big file is read the status line shows how far it has got (issue 12: the screen shows
/// progress), and says nothing of it once the file is read to its end.
@Suite struct ReadingProgressTests {
    @Test func aBatchCutShortShowsHowFarTheReadHasGot() {
        var state = AppState(sources: [SourceInfo(name: "big.geojson")])
        let reducer = Reducer()
        var batch = IngestBatch(source: 0, status: .following)
        batch.linesRead = 4_000
        batch.linesWaiting = 56_000
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(StatusLineView.describe(state.sources[0]) == "following, reading: 4000 of about 60000 lines")

        var last = IngestBatch(source: 0, status: .following)
        last.linesRead = 56_000
        last.reachedEnd = true
        _ = reducer.reduce(&state, .ingest(last))
        #expect(StatusLineView.describe(state.sources[0]) == "following")
    }

    /// A batch of a big CSV file's first read: `read` of 100 MB read, `rows` incidents, at `millis`.
    static func batch(read: Int64, rows: Int, at millis: Int64, end: Bool = false) -> IngestBatch {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = (0..<rows).map { Fixtures.incident("row \($0)", actors: [0], day: 1 + $0 % 20) }
        batch.linesRead = rows
        batch.bytesRead = read
        batch.bytesWaiting = 100_000_000 - read
        batch.linesWaiting = Int(batch.bytesWaiting / 1000)
        batch.arrivedAtMillis = millis
        batch.arrivedAt = millis / 1000
        batch.reachedEnd = end
        return batch
    }

    /// The status line as drawn at `width` columns.
    static func statusLine(_ state: AppState, width: Int) -> String {
        var canvas = Canvas(width: width, height: 1)
        StatusLineView.draw(state, RenderContext(theme: .fallback(actorCount: 8)), in: Rect(x: 0, y: 0, width: width, height: 1), on: &canvas)
        return canvas.lines[0]
    }

    @Test func aFirstReadShowsPercentRowsAndTimeLeftInFullOrShort() {
        var state = AppState(sources: [SourceInfo(name: "/data/acled_sahel.csv")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        // The first batch: no rate yet, so no time left.
        _ = reducer.reduce(&state, .ingest(Self.batch(read: 10_000_000, rows: 1200, at: 1_000)))
        #expect(Self.statusLine(state, width: 200).hasPrefix(" reading acled_sahel.csv 10% · 1k rows │ "))
        // 0.3 s in: too soon for a rate worth saying.
        _ = reducer.reduce(&state, .ingest(Self.batch(read: 20_000_000, rows: 400, at: 1_300)))
        #expect(Self.statusLine(state, width: 200).hasPrefix(" reading acled_sahel.csv 20% · 1k rows │ "))
        // 0.8 s in, 32 MB read since the first batch: 40 MB/s, and 58 MB left is 1.45 s, said as 2 s.
        _ = reducer.reduce(&state, .ingest(Self.batch(read: 42_000_000, rows: 500, at: 1_800)))
        let wide = Self.statusLine(state, width: 200)
        #expect(wide.hasPrefix(" reading acled_sahel.csv 42% · 2k rows · 2 s left │ "))
        // Said once: the sources part leaves the lines out meanwhile (the sources view keeps them).
        #expect(wide.contains("file acled_sahel.csv: following │") && !wide.contains("of about"))
        #expect(StatusLineView.describe(state.sources[0]).contains("of about"))
        #expect(Self.statusLine(state, width: 80)
                == " reading 42% · 2 s left │ 2100 incidents, 2100 shown │ feed: live        ? help ")
        // Read to its end: nothing more to say.
        _ = reducer.reduce(&state, .ingest(Self.batch(read: 100_000_000, rows: 10, at: 2_900, end: true)))
        #expect(!Self.statusLine(state, width: 200).contains("reading"))
    }

    @Test func countsAtAGlance() {
        #expect([0, 999, 1000, 310_400, 999_999, 1_000_000, 1_250_000, 2_000_000, 12_600_000].map(LoadProgressText.count)
                == ["0", "999", "1k", "310k", "999k", "1M", "1.2M", "2M", "12M"])
    }
}
