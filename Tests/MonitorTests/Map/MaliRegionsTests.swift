import Testing
@testable import MonitorCore
@testable import MonitorState

@Suite struct MaliRegionsTests {
    let regions = MaliRegions.standard

    @Test func theBoundaryLinesCloseEveryRegion() {
        #expect(regions.leaks == 0)
    }

    @Test func eachCapitalIsInItsRegion() {
        for capital in MaliRegions.capitals {
            #expect(regions.region(of: capital.at) == capital.name)
        }
    }

    @Test(arguments: [
        ("Ber", "Tombouctou"), ("Goundam", "Tombouctou"), ("Araouane", "Tombouctou"), ("Taoudeni", "Tombouctou"),
        ("Léré", "Tombouctou"), ("Niafunké", "Tombouctou"), ("Gossi", "Tombouctou"), ("Gourma-Rharous", "Tombouctou"),
        ("Bourem", "Gao"), ("Ansongo", "Gao"), ("Ménaka", "Gao"),
        ("Tessalit", "Kidal"), ("Aguelhok", "Kidal"), ("Tin-Zaouatene", "Kidal"),
        ("Douentza", "Mopti"), ("Boni", "Mopti"), ("Hombori", "Mopti"), ("Sévaré", "Mopti"), ("Ogossagou", "Mopti"),
        ("Ségou", "Ségou"), ("Bamako", "Bamako"),
    ])
    func towns(town: String, region: String) throws {
        let point = try #require(Gazetteer.mali.lookup(town)?.point)
        #expect(regions.region(of: point) == region, "\(town)")
    }

    /// Natural Earth's coarse lines put Anéfis (Kidal's cercle) in Gao and Bamba (Bourem's, in
    /// Gao) in Tombouctou: the regions are the lines', good to the lines' own accuracy.
    @Test(arguments: [("Anéfis", "Gao"), ("Bamba", "Tombouctou")])
    func townsNearACoarseLineFollowTheLine(town: String, region: String) throws {
        let point = try #require(Gazetteer.mali.lookup(town)?.point)
        #expect(regions.region(of: point) == region)
    }

    /// The arrival path reads the grid's size as literals.
    @Test func theGridsSizeIsItsBounds() {
        #expect(MaliRegions.gridColumns == MaliRegions.columns)
        #expect(MaliRegions.gridRows == MaliRegions.rows)
    }

    /// A point far off the grid, however far, or not a number, is in no region (and stops nothing).
    @Test func farOffTheGridIsNoRegion() {
        #expect(regions.regionIndex(of: GeoPoint(lat: 1e300, lon: -1e300)) == nil)
        #expect(regions.regionIndex(of: GeoPoint(lat: .nan, lon: 0)) == nil)
        #expect(regions.regionIndex(of: GeoPoint(lat: 16, lon: .infinity)) == nil)
    }

    @Test func outsideMaliIsNoRegion() {
        #expect(regions.region(of: GeoPoint(lat: 12.37, lon: -1.52)) == nil)  // Ouagadougou
        #expect(regions.region(of: GeoPoint(lat: 13.51, lon: 2.11)) == nil)  // Niamey
        #expect(regions.region(of: GeoPoint(lat: 22.79, lon: 5.52)) == nil)  // Tamanrasset
        #expect(regions.region(of: GeoPoint(lat: 18.08, lon: -15.98)) == nil)  // Nouakchott, off the grid
    }
}
