/// Every part of the screen a theme colours. The raw value is the key in a theme file's `[ui]` table.
public enum ThemeElement: String, CaseIterable, Sendable {
    case text
    case dim
    case border
    case borderFocus = "border_focus"
    case title
    case titleFocus = "title_focus"
    case selection
    case header
    case status
    case statusAlert = "status_alert"
    case statusKey = "status_key"
    /// A source that has gone silent: it must look different from a filter in force.
    case statusWarning = "status_warning"
    case helpText = "help_text"
    case helpKey = "help_key"
    case mapLand = "map_land"
    case mapBorder = "map_border"
    case mapNeighbour = "map_neighbour"
    case mapRegion = "map_region"
    case mapRiver = "map_river"
    case mapTown = "map_town"
    case mapLabel = "map_label"
    case mapCountryName = "map_country_name"
    case mapSelected = "map_selected"
    /// A mark whose incidents are all at a region's centre, not where they happened: dimmer.
    case mapIncidentApprox = "map_incident_approx"
    /// A watch zone's outline and name: a colour no base layer uses.
    case mapZone = "map_zone"
    case legendHidden = "legend_hidden"
    case feedTime = "feed_time"
    case feedPlace = "feed_place"
    case fatalities
    /// The feed's mark for an incident the officer has not seen yet.
    case feedUnseen = "feed_unseen"
    /// The feed's "late" mark on a late report.
    case feedLate = "feed_late"
    case timelineAxis = "timeline_axis"
    case timelineWindow = "timeline_window"
    case timelineCursor = "timeline_cursor"
}
