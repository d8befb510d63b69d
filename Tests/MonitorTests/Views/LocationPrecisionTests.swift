import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// A UCDP or ACLED point that is only a region's centre, and a date known only roughly: the store
/// keeps the source's codes, the detail view says what they mean, and the map draws a cell that
/// holds nothing but such points in the theme's `map_incident_approx` style.
@Suite struct LocationPrecisionTests {
    static let approxColor = ThemeColor.indexed(242)

    /// The fallback theme, with an actor colour and a colour for approximate marks to tell apart.
    var ctx: RenderContext {
        var theme = Theme.fallback(actorCount: 8)
        theme.actors[0] = Style(fg: .indexed(33), attributes: .bold)
        theme.elements[.mapIncidentApprox] = Style(fg: Self.approxColor)
        return RenderContext(theme: theme)
    }

    /// FAMA at `town`, day `day`, with UCDP codes.
    func incident(_ id: String, town: String, day: Int, where wherePrec: UInt8, date: UInt8) -> Incident {
        var incident = Fixtures.incident(id, actors: [0], day: day, town: town, id: id)
        incident.precision = Precision(scheme: .ucdp, location: wherePrec, date: date)
        return incident
    }

    @Test func theStoreKeepsTheCodesInEightyBytes() throws {
        let state = Fixtures.state([incident("a", town: "Gao", day: 1, where: 4, date: 3), Fixtures.incident("b", actors: [0], day: 2, id: "b")])
        #expect(MemoryLayout<StoredIncident>.stride == 80)
        let a = try #require(state.store.slot(forID: "a")), b = try #require(state.store.slot(forID: "b"))
        #expect(state.store.incident(a).precision == Precision(scheme: .ucdp, location: 4, date: 3))
        #expect(state.store[a].isApproximatelyLocated)
        #expect(state.store.incident(b).precision == nil)
        #expect(!state.store[b].isApproximatelyLocated)
        for scheme in [Precision.Scheme.ucdp, .acled] {
            for l in 0...Precision.maxLocation(scheme) {
                for d in 0...Precision.maxDate(scheme) where l + d > 0 {
                    let p = Precision(scheme: scheme, location: l, date: d)
                    #expect(Precision(packed: p.packed) == p)
                }
            }
        }
    }

    @Test func theDetailSaysARegionsCentreAndARoughDate() throws {
        var state = Fixtures.state([incident("a", town: "Gao", day: 1, where: 4, date: 3), incident("b", town: "Ber", day: 2, where: 1, date: 1),
                                    Fixtures.incident("c", actors: [0], day: 3, id: "c")], width: 120, height: 40)
        func detail(_ id: String) throws -> [String] {
            state.overlay = .detail(seq: Int(try #require(state.store.slot(forID: id))), scroll: 0)
            return Screen.render(state, ctx).lines
        }
        let a = try detail("a")
        #expect(a.contains { $0.contains("Location") && $0.contains("approximate (UCDP where_prec 4: centre of the region)") })
        #expect(a.contains { $0.contains("Date") && $0.contains("approximate (UCDP date_prec 3: known to the week)") })
        let b = try detail("b")
        #expect(b.contains { $0.contains("Location") && $0.contains("exact (UCDP where_prec 1: exact place)") })
        #expect(!b.joined().contains("approximate"))
        let c = try detail("c")
        #expect(!c.contains { $0.contains("Location") || $0.contains("where_prec") })
    }

    @Test func acledsGeoPrecisionThreeIsARegionsCentreToo() {
        #expect(Precision(scheme: .acled, location: 3, date: 1).isApproximateLocation)
        #expect(!Precision(scheme: .acled, location: 2, date: 1).isApproximateLocation)
        #expect(!Precision(scheme: .ucdp, location: 3, date: 1).isApproximateLocation)
        #expect(Precision(scheme: .acled, location: 1, date: 2).isApproximateDate)
        #expect(PrecisionText.location(Precision(scheme: .acled, location: 3, date: 0)) == "approximate (ACLED geo_precision 3: centre of the region)")
        #expect(PrecisionText.date(Precision(scheme: .acled, location: 0, date: 3)) == "approximate (ACLED time_precision 3: known to the month)")
    }

    /// The newest incident, selected in the feed and so drawn in `map_selected`, away from the
    /// cells a test looks at.
    var elsewhere: Incident { incident("newest", town: "Menaka", day: 20, where: 1, date: 1) }

    /// Gao's cell holds only a region-centre point; Ber's an exact one; Kidal's one of each.
    func mapState() -> AppState {
        Fixtures.state([incident("gao", town: "Gao", day: 1, where: 4, date: 1), incident("ber", town: "Ber", day: 2, where: 1, date: 1),
                        incident("k1", town: "Kidal", day: 3, where: 6, date: 1), incident("k2", town: "Kidal", day: 4, where: 2, date: 1),
                        elsewhere], width: 200, height: 60)
    }

    func markColor(_ state: AppState, _ town: String) throws -> ThemeColor {
        let point = try #require(Gazetteer.mali.lookup(town)?.point)
        let projection = try #require(state.mapProjection)
        let cell = try #require(projection.cell(point))
        return MapFixtures.mapCells(state, ctx)[cell.x, cell.y].style.fg
    }

    @Test func aCellOfRegionCentresIsDrawnInItsOwnStyle() throws {
        let state = mapState()
        #expect(try markColor(state, "Gao") == Self.approxColor)
        #expect(try markColor(state, "Ber") == .indexed(33))
        #expect(try markColor(state, "Kidal") == .indexed(33))
    }

    /// The same cells whether gathered by a full pass or absorbed as arrivals.
    @Test func arrivalsAndAFullPassAgree() throws {
        var state = Fixtures.state([incident("ber", town: "Ber", day: 1, where: 1, date: 1), elsewhere], width: 200, height: 60)
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [incident("gao", town: "Gao", day: 2, where: 5, date: 1)]
        _ = Reducer().reduce(&state, .ingest(batch))
        #expect(try markColor(state, "Gao") == Self.approxColor)
        state.rebuildFeed()
        #expect(try markColor(state, "Gao") == Self.approxColor)
        #expect(try markColor(state, "Ber") == .indexed(33))
    }
}
