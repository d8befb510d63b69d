/// What a key asks of the map. `MapReducer` carries these out.
public enum MapCommand: Sendable, Hashable {
    /// Move the view (and the cursor on its centre) by whole cells; +x is east, +y is south.
    case pan(dx: Int, dy: Int)
    /// Move the view by a quarter of the pane in a direction (signs as for `pan`).
    case panPage(dx: Int, dy: Int)
    case zoomIn, zoomOut
    /// Back to the default view (northern Mali), keeping any feed restriction.
    case reset
    /// Put the incident selected in the feed under the cursor.
    case centerOnSelection
    /// Restrict the feed to the incidents in the cursor's cell.
    case restrictToCursor
    /// Show the whole feed again.
    case liftRestriction
}
