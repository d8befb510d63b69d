import Testing
import Foundation
@testable import MonitorCore
@testable import MonitorState

@Suite struct MaliRegionsTests {
    let regions = MaliRegions.standard

    @Test func theBoundaryLinesCloseEveryRegion() {
        // Built here: `standard` is read from its encoded grid, which counts no leaks.
        #expect(MaliRegions(Basemap.standard).leaks == 0)
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

/// The regions' build measures only the border segments near each vertex of a region line; this
/// holds it to the search over every segment wherever the answer is used (within three cells).
@Suite struct MaliRegionsNearestTests {
    @Test func theBoundedSearchFindsTheSamePointWhereverItIsNearEnough() {
        let rings = Basemap.standard.rings(of: "Mali")
        let bound = 3 * MaliRegions.step
        var near = 0, compared = 0
        let vertices = Basemap.standard.polylines.filter { $0.layer == .region }.flatMap(\.points)
        // Points beside the vertices too, so that both sides of the bound are met.
        let probes = vertices + vertices.map { GeoPoint(lat: $0.lat + 0.07, lon: $0.lon - 0.11) }
        for v in probes {
            let everywhere = MaliRegions.nearest(to: v, on: rings)
            let bounded = MaliRegions.nearest(to: v, on: rings, within: bound)
            compared += 1
            guard let p = everywhere, hypot(p.lat - v.lat, p.lon - v.lon) < bound else {
                if let q = bounded { #expect(hypot(q.lat - v.lat, q.lon - v.lon) >= bound) }
                continue
            }
            near += 1
            #expect(bounded == p)
        }
        #expect(compared > 500)
        #expect(near > 20)
    }
}

/// The regions' grid, cell by cell, as counts per region and a digest of the whole: a snapshot
/// taken before the build was made faster, so a faster build must give the same grid.
@Suite struct MaliRegionsGridSnapshotTests {
    @Test func theGridIsTheOneTheSlowerBuildMade() {
        let regions = MaliRegions(Basemap.standard)
        var counts = [Int](repeating: 0, count: MaliRegions.capitals.count + 1)
        var digest: UInt64 = 14_695_981_039_346_656_037
        for y in 0..<MaliRegions.gridRows {
            for x in 0..<MaliRegions.gridColumns {
                let centre = GeoPoint(lat: MaliRegions.south + (Double(y) + 0.5) * MaliRegions.step,
                                      lon: MaliRegions.west + (Double(x) + 0.5) * MaliRegions.step)
                let label = regions.regionIndex(of: centre).map { $0 + 1 } ?? 0
                counts[label] += 1
                digest = (digest ^ UInt64(label)) &* 1_099_511_628_211
            }
        }
        #expect(counts == MaliRegionsGridSnapshotTests.counts)
        #expect(digest == MaliRegionsGridSnapshotTests.digest)
    }

    /// Outside Mali, then Kayes … Bamako, in `capitals` order.
    static let counts = [59111, 4417, 3127, 2642, 2096, 2902, 17803, 6086, 5169, 7]
    static let digest: UInt64 = 4_003_518_716_921_730_395
}

/// `MaliRegions.standard` is read from `MaliRegionsGrid`, a grid encoded from the build; these hold
/// that text to what `init(_:)` builds from the bundled base map (`SITMON_RECORD=1` rewrites it).
@Suite struct MaliRegionsEncodedGridTests {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Sources/MonitorState/Map/MaliRegionsGrid.swift").standardized

    @Test func theEncodedGridIsTheOneTheBaseMapGives() throws {
        let built = MaliRegions(Basemap.standard)
        let text = built.encoded()
        if Snapshot.recording {
            let indented = text.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n")
            let file = """
                // Generated by MaliRegionsEncodedGridTests with SITMON_RECORD=1 from MaliRegions(Basemap.standard);
                // do not edit by hand. The test fails when this grid is not the one the base map gives.
                enum MaliRegionsGrid {
                    static let runs = \"\"\"
                \(indented)
                        \"\"\"
                }

                """
            try file.write(to: Self.source, atomically: true, encoding: .utf8)
        }
        let read = try #require(MaliRegions(encoded: MaliRegionsGrid.runs),
                                "MaliRegionsGrid.swift holds no grid; run this test with SITMON_RECORD=1")
        // The first cell that differs, not two 103,360-cell arrays, when they do.
        func firstDifference(_ a: [UInt8]?) -> Int? {
            guard let a else { return -1 }
            return a.indices.first { $0 >= built.labels.count || a[$0] != built.labels[$0] }
                ?? (a.count == built.labels.count ? nil : a.count)
        }
        #expect(firstDifference(read.labels) == nil, "MaliRegionsGrid.swift is stale; run this test with SITMON_RECORD=1")
        #expect(firstDifference(MaliRegions.standard.labels) == nil)
        #expect(firstDifference(MaliRegions(encoded: text)?.labels) == nil)
    }

    @Test func aDamagedGridIsRefused() throws {
        let text = MaliRegions(Basemap.standard).encoded()
        #expect(MaliRegions(encoded: "") == nil)
        #expect(MaliRegions(encoded: text + "a1") == nil)  // one cell too many
        #expect(MaliRegions(encoded: "a103359") == nil)  // one too few
        #expect(MaliRegions(encoded: "a103360") != nil)
        #expect(MaliRegions(encoded: "k103360") == nil)  // a label past the regions
        #expect(MaliRegions(encoded: "a0a103360") == nil)  // an empty run
        #expect(MaliRegions(encoded: "103360") == nil)  // a length with no label
        #expect(MaliRegions(encoded: "a103360,") == nil)
        #expect(MaliRegions(encoded: "a99999999999999999999") == nil)
    }
}
