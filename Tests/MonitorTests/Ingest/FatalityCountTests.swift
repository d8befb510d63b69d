import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// A count beyond the maximum is too large, not "not a whole number" (issue 12), on the path a
/// followed JSON Lines file takes (the packed decoder hands the line to the general parser).
@Suite struct FatalityCountTests {
    @Test func theLargestCountIsKeptAndOneMoreIsTooLarge() throws {
        let path = NSTemporaryDirectory() + "sitmon-fatalities-\(getpid()).jsonl"
        let lines = [
            #"{"id":"a","time":"2023-08-13","actors":["FAMA"],"fatalities":999999999}"#,
            #"{"id":"b","time":"2023-08-13","actors":["FAMA"],"fatalities":1000000000}"#,
            #"{"id":"c","time":"2023-08-13","actors":["FAMA"],"fatalities":12345678901234567890}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (batch, _) = SourceReader(index: 0, path: path, displayName: "f").poll()
        let kept = batch.incidents
        #expect(kept.map(\.fatalities) == [FatalityCount.maximum])
        #expect(batch.badLines.map(\.reason) == [FatalityCount.tooLarge, FatalityCount.tooLarge])
        #expect(FatalityCount.tooLarge == "fatalities too large (max 999999999)")
    }
}
