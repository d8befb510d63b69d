/// Everything that can change the state. Sources, the keyboard and the terminal send actions;
/// only the reducer turns them into a new state.
public enum Action: Sendable {
    case ingest(IngestBatch)
    case key(Key)
    case command(Command)
    case resize(width: Int, height: Int)
}

/// What the reducer asks the run loop to do; the reducer itself performs no I/O.
public enum Effect: Sendable, Equatable {
    case quit
    /// Switch to the next colour theme (the run loop loads it).
    case cycleTheme
}
