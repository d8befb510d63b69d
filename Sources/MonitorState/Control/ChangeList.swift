/// One place's changes of hands in (time, arrival) order, kept in chunks of at most
/// `chunkCapacity` (ARCHITECTURE.md §11). A correction or a retraction takes a change out of the
/// middle of the list and a late report puts one back there: in one array each cost a move of
/// the place's whole history (150 µs a correction in a store of 600,000 ACLED rows, where a place
/// has thousands of changes). In chunks, a change is found by two binary searches and only its
/// chunk moves, whatever the history holds.
struct ChangeList: Sendable {
    typealias Change = ControlHistory.Change

    /// Big enough that a list of a few changes is one small array, small enough that a move
    /// inside a chunk stays a few kilobytes.
    static let chunkCapacity = 128

    /// Never an empty chunk.
    private var chunks: [[Change]] = []
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    /// The order the list keeps: time, then arrival.
    private static func key(_ change: Change) -> (Int64, Int) { (change.time, change.order) }

    /// The first chunk whose last change is at or after `key` (`chunks.count`: none).
    private func chunk(atOrAfter key: (Int64, Int)) -> Int {
        var low = 0, high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            // Non-empty by the invariant.
            if let last = chunks[mid].last, Self.key(last) < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Where `key` goes in `chunk`: after every change before or at it.
    private static func position(after key: (Int64, Int), in chunk: [Change]) -> Int {
        var low = 0, high = chunk.count
        while low < high {
            let mid = (low + high) / 2
            if Self.key(chunk[mid]) <= key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Inserts after every change at or before its time and arrival.
    mutating func insertInOrder(_ change: Change) {
        count += 1
        let key = Self.key(change)
        guard let lastChunk = chunks.indices.last else {
            chunks.append([change])
            return
        }
        // The usual case, a change newer than all: appended, or a new chunk begun.
        if let last = chunks[lastChunk].last, Self.key(last) <= key {
            if chunks[lastChunk].count < Self.chunkCapacity { chunks[lastChunk].append(change) } else { chunks.append([change]) }
            return
        }
        let c = chunk(atOrAfter: key)  // < chunks.count: the last chunk's last is after `key`
        let at = Self.position(after: key, in: chunks[c])
        chunks[c].insert(change, at: at)
        if chunks[c].count > Self.chunkCapacity {
            let upper = Array(chunks[c][(Self.chunkCapacity / 2)...])
            chunks[c].removeSubrange((Self.chunkCapacity / 2)...)
            chunks.insert(upper, at: c + 1)
        }
    }

    /// Where the change at `time` with arrival `order` lies, if it is here.
    private func find(time: Int64, order: Int) -> (chunk: Int, offset: Int)? {
        let key = (time, order)
        let c = chunk(atOrAfter: key)
        guard c < chunks.count else { return nil }
        let at = Self.position(after: key, in: chunks[c]) - 1
        guard at >= 0, Self.key(chunks[c][at]) == key else { return nil }
        return (c, at)
    }

    /// The change at `time` with arrival `order`.
    func change(time: Int64, order: Int) -> Change? {
        find(time: time, order: order).map { chunks[$0.chunk][$0.offset] }
    }

    /// Takes out the change at `time` with arrival `order`; false when it is not here.
    @discardableResult
    mutating func remove(time: Int64, order: Int) -> Bool {
        guard let (c, at) = find(time: time, order: order) else { return false }
        chunks[c].remove(at: at)
        count -= 1
        if chunks[c].isEmpty {
            chunks.remove(at: c)
        } else if c + 1 < chunks.count, chunks[c].count + chunks[c + 1].count <= Self.chunkCapacity / 2 {
            // Two thin neighbours become one, so removals leave no trail of tiny chunks.
            chunks[c].append(contentsOf: chunks[c + 1])
            chunks.remove(at: c + 1)
        }
        return true
    }

    /// Changes the change at `time` with arrival `order` in place (its time and order must stay).
    mutating func modify(time: Int64, order: Int, _ body: (inout Change) -> Void) {
        guard let (c, at) = find(time: time, order: order) else { return }
        body(&chunks[c][at])
    }

    /// Changes every change in place (their times and orders must stay).
    mutating func modifyAll(_ body: (inout Change) -> Void) {
        for c in chunks.indices {
            for i in chunks[c].indices { body(&chunks[c][i]) }
        }
    }

    /// The last change at or before `time` (`.max`: the latest), and the one before it.
    func latest(atOrBefore time: Int64) -> (now: Change, before: Change?)? {
        // In the first chunk that ends after `time` (or the last chunk), unless none of its
        // changes is early enough: then it is the previous chunk's last.
        var c = min(chunk(atOrAfter: (time, .max)), chunks.count - 1)
        guard c >= 0 else { return nil }
        var at = Self.position(after: (time, .max), in: chunks[c]) - 1
        if at < 0 {
            guard c > 0 else { return nil }
            c -= 1
            at = chunks[c].count - 1
        }
        let before = at > 0 ? chunks[c][at - 1] : (c > 0 ? chunks[c - 1].last : nil)
        return (chunks[c][at], before)
    }

    /// Every change, oldest first.
    var all: [Change] { chunks.flatMap { $0 } }

    /// Whether a change here has let its incident go.
    var holdsForgotten: Bool { chunks.contains { $0.contains { $0.slot == nil } } }

    /// Keeps the changes whose incident is stored and the latest of those let go.
    mutating func keepLatestForgotten() {
        var everything = all
        guard let latest = everything.lastIndex(where: { $0.slot == nil }) else { return }
        everything = everything.enumerated().filter { $0.element.slot != nil || $0.offset == latest }.map(\.element)
        chunks = stride(from: 0, to: everything.count, by: Self.chunkCapacity).map {
            Array(everything[$0..<min($0 + Self.chunkCapacity, everything.count)])
        }
        count = everything.count
    }
}
