/// How the feed is ordered. By incident time a late report sinks to where it happened; by
/// arrival it is on top, where an officer watching the feed sees it.
public enum FeedOrder: Sendable, Hashable {
    /// Newest incident time first (the default).
    case time
    /// Newest arrival first: the store's slots are numbered in arrival order.
    case arrival

    public var toggled: FeedOrder { self == .time ? .arrival : .time }
}
