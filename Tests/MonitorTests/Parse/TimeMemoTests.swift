import Testing
@testable import MonitorIngest
import MonitorCore

/// The JSON fast paths read a time's date again only when it differs from the last one's
/// (`PackedDecodeContext.time`): line after line, in any order, valid or not, it must give what
/// `TimeParser.parse(raw:)` gives.
@Suite struct TimeMemoTests {
    static let dates = ["2023-08-13", "2023-08-14", "2023-08-13", "2024-02-29", "2023-02-29", "2023-13-01", "2023-00-10",
                        "2023-8-130", "2023-08-1x", "1969-12-31", "2023/08/13", "2023-08-13", "2023-08-31", "2023-09-31"]
    static let tails = ["", "T08:30:00Z", "t23:59:60z", " 08:15", "T08:15:00.123+01:00", "T08:15:00-05:30", "T24:00:00Z",
                        "T08:61:00Z", "x", "  ", "T08:30:00Z ", "T8:30:00Z", "T08:30:00.Z", "T08:30", "Z"]

    @Test func givesWhatTheParserGives() {
        var dice = SplitMix64(seed: 1308)
        var context = PackedDecodeContext()
        var valid = 0
        for _ in 0..<40_000 {
            // Runs of one date, as files sorted by time have, and jumps between dates.
            let date = dice.chance(percent: 80) ? Self.dates[0] : dice.pick(Self.dates)
            var text = date + dice.pick(Self.tails)
            if dice.chance(percent: 2) { text = String(text.prefix(dice.below(12))) }
            let bytes = Array(text.utf8)
            let (got, want) = bytes.withUnsafeBytes { (context.time(raw: $0), TimeParser.parse(raw: $0)) }
            #expect(got == want, "\(text)")
            if want != nil { valid += 1 }
        }
        #expect(valid > 20_000)
    }
}
