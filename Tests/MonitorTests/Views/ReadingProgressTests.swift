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
}
