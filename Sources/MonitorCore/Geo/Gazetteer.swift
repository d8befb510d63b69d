/// The built-in list of places in and around northern Mali, looked up by any spelling.
public struct Gazetteer: Sendable {
    public let towns: [Town]
    private let names: NameIndex

    public init(towns: [Town]) {
        self.towns = towns
        names = NameIndex(towns.map { [$0.name] + $0.aliases })
    }

    /// The town a name refers to; accents, case, spaces and hyphens are ignored.
    public func lookup(_ name: String) -> Town? {
        names.lookup(name).map { towns[$0] }
    }

    /// The town closest to a point (flat-earth distance is plenty at this scale).
    public func nearest(to point: GeoPoint) -> Town? {
        towns.min { GeoDistance.km(point, $0.point) < GeoDistance.km(point, $1.point) }
    }

    /// Coordinates from GeoNames and ACLED records (ARCHITECTURE.md §5).
    public static let mali = Gazetteer(towns: [
        Town("Timbuktu", 16.7735, -3.0074, rank: 1, aliases: ["Tombouctou", "Tomboctou", "Timbuctoo"]),
        Town("Gao", 16.2717, -0.0447, rank: 1),
        Town("Kidal", 18.4435, 1.4092, rank: 1),
        Town("Ménaka", 15.9199, 2.3961, rank: 1),
        Town("Mopti", 14.4843, -4.1830, rank: 1),
        Town("Tessalit", 20.2013, 1.0119, rank: 1),
        Town("Taoudeni", 22.6769, -3.9792, rank: 1, aliases: ["Taoudenni", "Taoudénit", "Taoudenit"]),
        Town("Ber", 16.8349, -2.5319, rank: 1),
        Town("Bamako", 12.6092, -7.9752, rank: 1),
        Town("Goundam", 16.4145, -3.6708, rank: 2),
        Town("Bourem", 16.9550, -0.3486, rank: 2),
        Town("Aguelhok", 19.4614, 0.8589, rank: 2, aliases: ["Aguelhoc", "Aguel'hoc", "Aguel-hoc"]),
        Town("Anéfis", 17.96, 0.58, rank: 2, aliases: ["Anefif", "Anéfif"]),
        Town("Douentza", 15.0061, -2.9517, rank: 2),
        Town("Ansongo", 15.6597, 0.5022, rank: 2),
        Town("Araouane", 18.9048, -3.5265, rank: 2, aliases: ["Arawan"]),
        Town("Ségou", 13.4403, -6.2595, rank: 2, aliases: ["Segu"]),
        Town("Léré", 15.7118, -4.9118, rank: 3),
        Town("Niafunké", 15.9322, -3.9906, rank: 3),
        Town("Diré", 16.2571, -3.4013, rank: 3),
        Town("Gourma-Rharous", 16.8778, -1.9231, rank: 3, aliases: ["Rharous", "Gourma Rharous"]),
        Town("Bamba", 17.0350, -1.4016, rank: 3),
        Town("Tin-Zaouatene", 19.9625, 2.8575, rank: 3, aliases: ["Tinzaouaten", "Tin Zaouatine", "Tinzawatene"]),
        Town("Boni", 15.0766, -2.2198, rank: 3),
        Town("Hombori", 15.2790, -1.7004, rank: 3),
        Town("Gossi", 15.8196, -1.2911, rank: 3),
        Town("Sévaré", 14.5297, -4.0922, rank: 3),
        Town("Ogossagou", 14.2547, -3.3181, rank: 4),
    ])
}
