import Synchronization

/// Decoding workers' memories (places, sources, types, actor names already met), lent to
/// whichever chunk runs next, on whichever thread (ARCHITECTURE.md §4).
///
/// A memory only spares work: what a chunk decodes does not depend on which memory it was lent,
/// so blocks read ahead can decode at once, each with memories of its own, and give them back.
package final class DecodeMemories<Memory: Sendable>: Sendable {
    private let kept = Mutex<[Memory]>([])
    private let make: @Sendable () -> Memory

    package init(_ make: @escaping @Sendable () -> Memory) {
        self.make = make
    }

    /// `count` memories, each lent to this caller alone until `giveBack`.
    package func lend(_ count: Int) -> [Memory] {
        var lent = kept.withLock { kept in
            let taken = Array(kept.suffix(count))
            kept.removeLast(taken.count)
            return taken
        }
        while lent.count < count { lent.append(make()) }
        return lent
    }

    package func giveBack(_ memories: [Memory]) {
        kept.withLock { $0 += memories }
    }

    /// Runs `body` with `count` memories lent, each to be used by one part only.
    package func with<Result>(_ count: Int, _ body: (UnsafeMutableBufferPointer<Memory>) -> Result) -> Result {
        var lent = lend(count)
        defer { giveBack(lent) }
        return lent.withUnsafeMutableBufferPointer { body($0) }
    }
}
