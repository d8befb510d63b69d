import MonitorCore
import MonitorIngest

/// Everything that can change the state. Sources, the keyboard and the terminal send actions;
/// only the reducer turns them into a new state.
public enum Action: Sendable {
    case ingest(IngestBatch)
    case key(Key)
    case command(Command)
    case resize(width: Int, height: Int)
    /// A mouse click at a screen cell (`--mouse`).
    case click(x: Int, y: Int)
    /// The mouse wheel: rows to move the feed selection (negative: towards the newest).
    case wheel(Int)
    /// The wall clock (UTC seconds), sent by the run loop when the minute turns or a source's
    /// silence crosses `staleAfter`: the status line's clock and "no data for" follow it.
    case tick(Int64)
    /// The run loop loaded another theme (after `Effect.cycleTheme`); `notice` says what was wrong
    /// with its file, if anything.
    case themeChanged(name: String, notice: String?)
    /// The run loop's answer to `Effect.readSourceLine`.
    case sourceLine(slot: IncidentStore.Slot, SourceLineContent)
    /// From the watch log (ARCHITECTURE.md §9).
    case watch(WatchUpdate)
    /// The run loop's answer to `Effect.writeBriefing`.
    case briefing(BriefingOutcome)
}

/// How writing a briefing went (ARCHITECTURE.md §10).
public enum BriefingOutcome: Sendable, Equatable {
    /// Written whole; the folder's path.
    case written(String)
    /// Nothing written (or what was begun removed), and why.
    case failed(String)
}

/// What the run loop learnt from the watch log.
public enum WatchUpdate: Sendable {
    /// Entries recorded since the last look, by anyone (this sitmon's own come back this way too).
    case entries([WatchEntry])
    /// Why the log cannot be used now, or nil once it can again.
    case problem(String?)
    /// At start, after the log's entries: who this officer is, their last session (nil: a first
    /// start), and for each source how far that session had read it when it is still the same
    /// file (nil: read it as new history).
    case started(officer: String, session: WatchSession?, resumeFrom: [Int64?])
}

/// What the reducer asks the run loop to do; the reducer itself performs no I/O.
public enum Effect: Sendable, Equatable {
    case quit
    /// Switch to the next colour theme (the run loop loads it).
    case cycleTheme
    /// Read the line at `offset` of the source named `file` again, for the detail view
    /// (`SourceLineReader`), and send it back as `Action.sourceLine`. `id`: the incident's id,
    /// which the line must still hold.
    case readSourceLine(slot: IncidentStore.Slot, file: String, offset: Int64, id: String?)
    /// Record this in the watch log, stamped with the officer and the time, and hand the entry
    /// back as `Action.watch(.entries)` (kept in memory while the log is unavailable).
    case record(WatchEntry.Kind)
    /// Ring the terminal bell (a new alert).
    case bell
    /// Load this theme (a restored or named view's).
    case setTheme(String)
    /// Build a briefing of the view as it stands and write it into `folder` (nil: `briefing_dir`
    /// from config.toml, else the current directory), then send back `Action.briefing`.
    case writeBriefing(folder: String?)
}
