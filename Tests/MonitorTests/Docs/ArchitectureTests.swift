import Foundation
import Testing
@testable import Monitor

/// The rules of ARCHITECTURE.md that a read of the sources can check.
@Suite struct ArchitectureTests {
    static let sources = DocsTests.root.appendingPathComponent("Sources/Monitor/State")

    /// Reducers change inputs only: the feed, counts, timeline and map cells are brought up to
    /// date in one place (`bringUpToDate`), never by a call placed by hand in a reducer.
    @Test func noReducerMaintainsDerivedStateByHand() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { $0.hasSuffix("Reducer.swift") }
        #expect(names.count >= 7, "\(names)")
        let maintenance = ["rebuildFeed", "narrowFeed", "placeArrivals", "clampSelection", "keepMapCellsCurrent",
                           "rebuildTimeline", "refreshScanKeys", "bringUpToDate("]
        for name in names {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(name), encoding: .utf8)
            for call in maintenance where text.contains(call) {
                // The one place allowed: `reduce` hands over to the owner at its end.
                if name == "Reducer.swift", call == "bringUpToDate(" { continue }
                Issue.record("\(name) calls \(call)")
            }
        }
    }

    /// Every action ends with derived state that matches a full rebuild from the same inputs.
    @Test func afterEveryKindOfActionTheDerivedStateMatchesAFullRebuild() {
        var state = Fixtures.state(Fixtures.tenDays, width: 120, height: 40)
        let reducer = Reducer()
        let steps: [Action] = [
            .key(.char("4")), .key(.char("t")), .key(.char("/")), .key(.char("e")), .key(.char("v")), .key(.enter),
            .key(.char("r")), .key(.char(",")), .key(.char("N")), .key(.tab), .key(.tab), .key(.char("+")),
            .key(.char("l")), .key(.enter), .key(.escape), .resize(width: 90, height: 30), .key(.char("x")),
            .key(.char("f")), .key(.char("r")),
        ]
        for (n, action) in steps.enumerated() {
            _ = reducer.reduce(&state, action)
            var fresh = state
            fresh.rebuildFeed()
            #expect(fresh.feed == state.feed, "step \(n): \(action)")
            #expect(fresh.shownCounts == state.shownCounts, "step \(n): \(action)")
            #expect(fresh.mapCells?.projection == state.mapCells?.projection, "step \(n): \(action)")
        }
    }
}
