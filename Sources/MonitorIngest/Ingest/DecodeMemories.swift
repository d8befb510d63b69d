import Foundation

/// Decoding workers' memories (places, sources, types, actor names already met), lent to
/// whichever chunk runs next, on whichever thread (ARCHITECTURE.md §4).
///
/// A memory only spares work: what a chunk decodes does not depend on which memory it was lent,
/// so blocks read ahead can decode at once, each with memories of its own, and give them back.
package final class DecodeMemories<Memory>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Memory] = []
    private let make: () -> Memory

    package init(_ make: @escaping () -> Memory) {
        self.make = make
    }

    /// `count` memories, each lent to this caller alone until `giveBack`.
    package func lend(_ count: Int) -> [Memory] {
        lock.lock()
        let taken = kept.suffix(count)
        kept.removeLast(taken.count)
        lock.unlock()
        var lent = Array(taken)
        while lent.count < count { lent.append(make()) }
        return lent
    }

    package func giveBack(_ memories: [Memory]) {
        lock.lock()
        kept += memories
        lock.unlock()
    }

    /// Runs `body` with `count` memories lent, each to be used by one part only.
    package func with<Result>(_ count: Int, _ body: (UnsafeMutableBufferPointer<Memory>) -> Result) -> Result {
        var lent = lend(count)
        defer { giveBack(lent) }
        return lent.withUnsafeMutableBufferPointer { body($0) }
    }
}
