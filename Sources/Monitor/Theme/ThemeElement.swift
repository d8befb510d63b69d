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
    case legendHidden = "legend_hidden"
    case feedTime = "feed_time"
    case feedPlace = "feed_place"
    case fatalities
    case timelineAxis = "timeline_axis"
    case timelineWindow = "timeline_window"
    case timelineCursor = "timeline_cursor"
}
