/// A named place the map labels and the parser can look up.
public struct Town: Sendable, Hashable {
    public let name: String
    public let point: GeoPoint
    /// 1 = always labelled at the default zoom; higher numbers yield to lower ones when labels collide.
    public let rank: Int
    public let aliases: [String]

    public init(_ name: String, _ lat: Double, _ lon: Double, rank: Int, aliases: [String] = []) {
        self.name = name
        self.point = GeoPoint(lat: lat, lon: lon)
        self.rank = rank
        self.aliases = aliases
    }
}
