import Testing
@testable import MonitorState

/// When the run loop draws (issue 16): the frame that counts a whole file comes at once, progress
/// while it loads comes at a modest rate, keys are never held back.
@Suite struct FramePacingTests {
    static let ms: UInt64 = 1_000_000

    static func drawnAt(_ t: UInt64) -> FramePacing {
        var pacing = FramePacing()
        pacing.drew(at: t)
        return pacing
    }

    @Test func theFirstFrameIsDrawnAtOnce() {
        #expect(FramePacing().decide(now: 5 * Self.ms, dirty: true, urgent: false, loading: true) == .draw)
    }

    @Test func nothingNewIsNotDrawn() {
        #expect(Self.drawnAt(0).decide(now: 900 * Self.ms, dirty: false, urgent: false, loading: false) == .idle)
    }

    @Test func aKeyIsDrawnAtOnceEvenWhileLoading() {
        #expect(Self.drawnAt(1000 * Self.ms).decide(now: 1001 * Self.ms, dirty: true, urgent: true, loading: true) == .draw)
    }

    /// The file read to its end 10 ms after a progress frame: its count is drawn now, not up to a
    /// frame interval later.
    @Test func theEndOfAFileIsDrawnAtOnce() {
        #expect(Self.drawnAt(1000 * Self.ms).decide(now: 1010 * Self.ms, dirty: true, urgent: true, loading: false) == .draw)
    }

    @Test func progressWhileLoadingIsDrawnFourTimesASecond() {
        let pacing = Self.drawnAt(1000 * Self.ms)
        #expect(pacing.decide(now: 1150 * Self.ms, dirty: true, urgent: false, loading: true) == .wait(100 * Self.ms))
        #expect(pacing.decide(now: 1250 * Self.ms, dirty: true, urgent: false, loading: true) == .draw)
    }

    @Test func arrivalsWhileFollowingAreDrawnTenTimesASecond() {
        let pacing = Self.drawnAt(1000 * Self.ms)
        #expect(pacing.decide(now: 1040 * Self.ms, dirty: true, urgent: false, loading: false) == .wait(60 * Self.ms))
        #expect(pacing.decide(now: 1100 * Self.ms, dirty: true, urgent: false, loading: false) == .draw)
    }
}
