/// How a source's bytes are cut into records: at line breaks, or (GeoJSON) by `GeoJSONFramer`,
/// which cuts a FeatureCollection into its features whatever its lines.
public enum Framing: Sendable, Equatable {
    case lines
    case geoJSON
}
