/// The panes that can have keyboard focus, in Tab order.
public enum Pane: Sendable, Hashable, CaseIterable {
    case feed, legend, map

    public var next: Pane {
        switch self {
        case .feed: .legend
        case .legend: .map
        case .map: .feed
        }
    }

    public var previous: Pane {
        switch self {
        case .feed: .map
        case .legend: .feed
        case .map: .legend
        }
    }
}

/// What is drawn over the panes, if anything.
public enum Overlay: Sendable, Hashable {
    case none
    case help(scroll: Int)
    /// The incident with this store sequence number; `pick` highlights one of its nearby
    /// incidents (-1: none), which Enter opens.
    case detail(seq: Int, scroll: Int, pick: Int = -1)
    /// Skipped lines, newest first.
    case errors(scroll: Int)
    /// Each source's state and counts.
    case sources(scroll: Int)
    /// The event-type picker, with its highlighted row (of `AppState.typeChoices`).
    case types(cursor: Int)
    /// The detail view showing the incident's raw source line (`v`).
    case sourceLine(SourceLineView)
    /// The alert list, newest first, with its highlighted row.
    case alerts(cursor: Int)
    /// The control changes, newest first, with the highlighted row (ARCHITECTURE.md §11).
    case controlChanges(cursor: Int)
    /// What happened since the officer's last session (`W`, and at start after a handover note).
    case handover(scroll: Int)
}
