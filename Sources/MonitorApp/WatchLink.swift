import Foundation
import Monitor

/// The run loop's side of the watch log (ARCHITECTURE.md §9): stamps what the reducer asks to
/// record with the officer and the time, writes it, and hands back the entries to apply.
final class WatchLink {
    let officer: String
    private(set) var problem: String?

    init(officer: String) {
        self.officer = officer
    }

    /// Stamps and records one entry; returns it for the state to apply at once, written or not.
    func record(_ kind: WatchEntry.Kind, at now: Int64) -> [WatchEntry] {
        let entry = WatchEntry(uid: UUID().uuidString, stamp: WatchStamp(officer: officer, at: now), kind: kind)
        return [entry]
    }
}
