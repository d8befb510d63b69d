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
    case focusNext, focusPrevious
    case toggleLegendActor
    case toggleErrors
    case cycleTheme
    case toggleSources
    /// Pan, zoom, centre, restrict the feed to a cell (see `MapCommand`).
    case map(MapCommand)
}
