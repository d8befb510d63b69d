import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Reducer tests that compare the whole input state after each action (see `assertReduce`).
@Suite struct WholeStateTests {
    func loaded() -> AppState { Fixtures.state(Fixtures.tenDays, width: 100, height: 30) }

    @Test func movingTheSelectionChangesTheSelectionAndNothingElse() {
        var state = loaded()
        assertReduce(&state, .key(.char("j"))) { $0.selected = 1 }
        assertReduce(&state, .key(.char("G"))) { $0.selected = 9; $0.feedScroll = 9 - (Layout(width: 100, height: 30).feedRows - 1) }
        assertReduce(&state, .key(.char("g"))) { $0.selected = 0; $0.feedScroll = 0 }
    }

    @Test func anActorKeyChangesTheFilterOnly() {
        var state = loaded()
        assertReduce(&state, .key(.char("1"))) { $0.filter.hiddenActors = [0] }
        assertReduce(&state, .key(.char("0"))) { $0.filter.hiddenActors = [] }
    }

    @Test func soloAsksForTheDigitThenShowsOnlyThatActor() {
        var state = loaded()
        assertReduce(&state, .key(.char("o"))) {
            $0.pendingSolo = true
            $0.flash = "show only: press 1-8 (any other key cancels)"
        }
        assertReduce(&state, .key(.char("4"))) {
            $0.pendingSolo = false
            $0.flash = nil
            $0.soloUndo = []
            $0.filter.hiddenActors = Set((0..<8).filter { $0 != 3 }.map { ActorID($0) })
        }
    }

    @Test func aDigitInHelpChangesNothingButTheFlash() {
        var state = loaded()
        assertReduce(&state, .key(.char("?"))) { $0.overlay = .help(scroll: 0) }
        assertReduce(&state, .key(.char("1")))
        assertReduce(&state, .key(.char("G")))
        assertReduce(&state, .key(.char("q"))) { $0.overlay = .none }
    }

    @Test func orderThemeAndClockAreInputs() {
        var state = loaded()
        assertReduce(&state, .key(.char("r"))) {
            $0.order = .arrival
            $0.flash = "feed by arrival: newest arrival first"
        }
        assertReduce(&state, .key(.char("T")), effects: [.cycleTheme]) { $0.flash = nil }
        assertReduce(&state, .themeChanged(name: "light", notice: nil)) {
            $0.themeName = "light"
            $0.flash = "theme: light"
        }
        assertReduce(&state, .tick(1_000_000)) {
            $0.now = 1_000_000
            $0.startedAt = 1_000_000
        }
    }

    @Test func replayAndBackToLive() {
        var state = loaded()
        let newest = state.store.newestTime ?? 0
        assertReduce(&state, .key(.char(","))) { $0.replayAt = newest - 86_400 }
        assertReduce(&state, .key(.char("N"))) { $0.replayAt = nil }
    }

    @Test func aLiveLateReportIsStoredUnseenAndCounted() {
        var state = loaded()
        var first = IngestBatch(source: 0, status: .following)
        first.reachedEnd = true
        assertReduce(&state, .ingest(first)) { $0.sources[0].caughtUp = true }
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [Fixtures.incident("late", actors: [3], day: 4, id: "late")]
        batch.linesRead = 1
        batch.reachedEnd = true
        batch.arrivedAt = 5000
        assertReduce(&state, .ingest(batch)) {
            $0.now = 5000
            $0.sources[0].linesRead += 1
            $0.sources[0].incidents += 1
            $0.sources[0].lastDataAt = 5000
            $0.store.count += 1
            $0.store.unseen = 1
        }
    }
}
