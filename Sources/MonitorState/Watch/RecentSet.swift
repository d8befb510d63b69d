/// A set that keeps only its newest `limit` members (oldest out first), so what the watch
/// remembers to avoid doing twice stays bounded however long sitmon runs (ARCHITECTURE.md §4).
public struct RecentSet<Element: Hashable & Sendable>: Sendable, Equatable {
    private var members: Set<Element> = []
    private var order: [Element] = []
    /// Where the oldest member still kept sits in `order` (dropped ones are cut off in steps).
    private var start = 0
    public let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func contains(_ element: Element) -> Bool { members.contains(element) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// Adds `element`; true when it was not there. Beyond the limit the oldest member goes.
    @discardableResult
    public mutating func insert(_ element: Element) -> Bool {
        guard members.insert(element).inserted else { return false }
        order.append(element)
        if members.count > limit {
            members.remove(order[start])
            start += 1
            // The dropped prefix is cut off once it is as long as what is kept: amortised O(1).
            if start >= limit {
                order.removeFirst(start)
                start = 0
            }
        }
        return true
    }

    public static func == (a: RecentSet, b: RecentSet) -> Bool { a.members == b.members && a.limit == b.limit }
}

extension RecentSet: ExpressibleByArrayLiteral {
    /// For tests: a set with the default limit holding these.
    public init(arrayLiteral elements: Element...) {
        self.init(limit: WatchState.rememberedEntries)
        for element in elements { insert(element) }
    }
}
