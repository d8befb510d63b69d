/// When the run loop draws (ARCHITECTURE.md §2). A key, or the arrival that finishes reading a
/// file, is drawn at once: that frame is the answer the officer waits for. Other arrivals are
/// drawn at most ten times a second while following, and four while a big file is still being
/// read, when each frame only shows progress and its time is better spent reading (issue 16).
package struct FramePacing: Sendable {
    package enum Decision: Equatable, Sendable {
        /// Nothing new to show.
        case idle
        case draw
        /// The next frame is due in this many nanoseconds.
        case wait(UInt64)
    }

    package static let followingInterval: UInt64 = 100_000_000
    package static let loadingInterval: UInt64 = 250_000_000

    private var lastFrame: UInt64?

    package init() {}

    /// `urgent`: a key was pressed or a file was just read to its end; `loading`: a file is still
    /// being read in budgets.
    package func decide(now: UInt64, dirty: Bool, urgent: Bool, loading: Bool) -> Decision {
        guard dirty else { return .idle }
        guard !urgent, let last = lastFrame else { return .draw }
        let interval = loading ? Self.loadingInterval : Self.followingInterval
        let since = now &- last
        return since >= interval ? .draw : .wait(interval - since)
    }

    package mutating func drew(at now: UInt64) { lastFrame = now }
}
