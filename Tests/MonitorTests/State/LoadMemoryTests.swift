import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// A big file read in batches (issue 16): the store's records take the room the file needs, not
/// half as much again, however the estimate of what is left creeps. (The scan keys still grow by
/// half: sized to the records, filter passes ran slower; see `ScanKeys.update`.)
@Suite struct LoadMemoryTests {
    static let total = 2_000
    static let perBatch = 100

    /// Reads `total` incidents in batches whose estimate of the lines left is exact, or starts 50
    /// short and creeps up by 10 a batch, as a file's uneven line lengths make it do.
    static func loaded(creeping: Bool) -> AppState {
        var state = AppState(sources: [SourceInfo(name: "big.jsonl")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 80, height: 24))
        for k in 0..<(total / perBatch) {
            var batch = IngestBatch(source: 0, status: .following)
            batch.incidents = (0..<perBatch).map { i in
                Fixtures.incident("convoy \(k * perBatch + i)", actors: [0], day: 1 + k, id: "big-\(k * perBatch + i)")
            }
            batch.linesRead = perBatch
            let left = total - perBatch * (k + 1)
            batch.linesWaiting = left > 0 && creeping ? left - 50 + 10 * k : left
            batch.reachedEnd = left == 0
            _ = reducer.reduce(&state, .ingest(batch))
        }
        return state
    }

    @Test func recordsTakeTheEstimateAndAMarginNotHalfAgain() {
        let state = Self.loaded(creeping: true)
        #expect(state.store.count == Self.total)
        #expect(state.store.records.capacity <= Self.total + Self.total / 8)
    }
}
