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

    /// The builder every format goes through refuses a count the store could not keep (an ACLED
    /// "5000000000" reaches it as a whole number), instead of storing it cut to 32 bits.
    @Test func theBuilderRefusesACountAboveTheMaximum() {
        var fields = IncidentBuilder.Fields()
        fields.time = "2023-08-13"
        fields.actors = ["FAMA"]
        fields.fatalities = 5_000_000_000
        let result = IncidentBuilder().build(fields, origin: Origin(file: "f", line: 1))
        guard case .failure(let error) = result else {
            Issue.record("a count of 5,000,000,000 was accepted")
            return
        }
        #expect(error.reason == FatalityCount.tooLarge)
        fields.fatalities = FatalityCount.maximum
        #expect((try? IncidentBuilder().build(fields, origin: Origin(file: "f", line: 1)).get())?.fatalities == FatalityCount.maximum)
    }
}
