/// What a key asks for. The reducer carries commands out; the key map says which key sends which.
public enum Command: Sendable, Hashable {
    case quit
    case toggleHelp
    case close
    case toggleActor(Int)
    case showAllActors
    case moveDown, moveUp, pageDown, pageUp
    case newest, oldest
    case openDetail
    /// In the detail view: highlight the next (+1) or previous (-1) nearby incident.
    case pickNearby(Int)
    /// In the detail view: open the highlighted nearby incident.
    case openPicked
    /// In the detail view: show its raw source line, or go back from it.
    case toggleSourceLine
    case focusNext, focusPrevious
    case toggleLegendActor
    case toggleErrors
    case cycleTheme
    case toggleSources
    /// `o`: the next digit shows only that actor.
    case soloPrefix
    /// Show only the actor at this legend index; the same again undoes it.
    case solo(Int)
    case soloLegendActor
    case invertActors
    case cycleFatalities
    /// `F`: type the minimum number of fatalities.
    case openFatalitiesPrompt
    case cycleWindow
    case clearFilters
    case openTextPrompt
    case openTypePicker
    case toggleType, allTypes
    /// Move the replay moment by this many days (starting it at the newest incident).
    case replayStep(days: Int)
    case live
    /// Select the next (older, +1) or previous unseen incident, wrapping round the feed.
    case nextUnseen, previousUnseen
    /// Mark every incident seen.
    case markAllSeen
    /// Switch the feed between incident time and arrival order.
    case toggleOrder
    /// In a prompt (`/` or `F`): keep what is typed, go back, delete a character, clear.
    case promptAccept, promptCancel, promptDeleteBack, promptClear
    /// Pan, zoom, centre, restrict the feed to a cell (see `MapCommand`).
    case map(MapCommand)
    /// The watch (ARCHITECTURE.md §9): the alert list.
    case openAlerts
    /// Acknowledge the highlighted alert (alert list) or the selected incident's alerts; `ask`:
    /// first ask for a one-line note (a key), else record `note` at once (`:ack NOTE`).
    case acknowledge(note: String?, ask: Bool)
    /// Flag or unflag the selected incident.
    case toggleFlag
    /// Show flagged incidents only, or everything again.
    case toggleFlaggedOnly
    /// Add a note to the selected incident.
    case note(String)
    /// Record a handover note; nil opens the handover view.
    case handover(String?)
    /// Add a zone round the map cursor, "NAME [RADIUS]"; nil asks for them.
    case addZone(String?)
    /// Draw the zones on the map, or not.
    case toggleZones
    /// `:view save NAME`, `:view NAME`, `:view list`, `:view delete NAME`.
    case view(String)
    /// Write a briefing of the view into this folder; nil: `briefing_dir` (ARCHITECTURE.md §10).
    case writeBriefing(String?)
    /// Draw who holds each place on the map (the control layer), or not (ARCHITECTURE.md §11).
    case toggleControl
    /// The control-changes list, newest first (again: close).
    case openControlChanges
    /// `:` opens the command line.
    case openCommandLine
    /// Tab in the command line: complete the command's name.
    case promptComplete
}
