/// How many bytes each look of a big read takes (ARCHITECTURE.md §4).
///
/// Reading and decoding run ahead of the caller storing batches, so a big load is a pipeline:
/// at its start the caller waits for the first decode, and at its end one core stores the last
/// batch alone. When every look takes the whole budget, each of those costs a whole budget's
/// work. So the first look of a file bigger than the budget is small and each next one four
/// times the last, up to the budget; and once what is left of the file is under two looks, each
/// takes half of it, so the last batches shrink as well.
package enum LookShape {
    /// What a look was allowed and what it left waiting in the file.
    struct Taken: Sendable, Equatable {
        var budget = 0
        var backlog = 0
    }

    /// The smallest look worth a batch of its own.
    static let floor = 256 << 10

    /// Bytes for the first look of a read, when `unread` bytes are known to wait: the whole
    /// budget when they fit in it (or are not known), so a small file is still one batch.
    static func first(limit: Int, unread: Int?) -> Int {
        guard let unread, unread > limit else { return limit }
        return min(floor, limit)
    }

    /// Bytes for the look after `previous`.
    static func next(limit: Int, after previous: Taken) -> Int {
        let low = min(floor, limit)
        // Four times the last, without overflowing whatever the budget.
        let grown = previous.budget > limit / 4 ? limit : max(low, previous.budget * 4)
        guard previous.backlog / 2 < grown else { return grown }
        return max(low, previous.backlog / 2)
    }
}
