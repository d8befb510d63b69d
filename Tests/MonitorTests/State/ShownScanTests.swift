import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The one pass that derives feed, legend figures, timeline, hotspots and map cells (split over
/// cores for a big store, and kept up to date as incidents arrive) must give what a plain,
/// incident-by-incident count gives.
@Suite struct ShownScanTests {
    /// Two towns under two spellings each: the hotspots count them as one place.
    static let towns = ["Ber", "Timbuktu", "Gao", "Kidal", "Ménaka", "Tessalit", "Léré", "Anéfis", "Bamba", "Goundam",
                        "Tombouctou", "Menaka"]

    /// More incidents than `ShownScan.parallelFrom`, so the pass is split; about 1% arrive late.
    static func incidents(_ n: Int, seed: UInt64 = 7) -> [Incident] {
        var rng = SplitMix64(seed: seed)
        let start = Int64(TimeParser.daysFromCivil(year: 2023, month: 1, day: 1)) * 86_400
        return (0..<n).map { i in
            let late = rng.below(100) == 0
            let time = start + Int64(i) * 600 - (late ? Int64(rng.below(200_000)) : 0)
            let town = towns[rng.below(towns.count)]
            let lead = ActorID(rng.below(8))
            var actors = [lead]
            if rng.below(3) == 0 { actors.append(ActorID(rng.below(8))) }
            var incident = Fixtures.incident("Clash \(i) near \(town), convoy hit", actors: actors, day: 1, town: town, id: "s\(i)")
            incident.time = time
            incident.fatalities = rng.below(4) == 0 ? rng.below(60) : 0
            incident.type = [.battle, .explosion, .violenceAgainstCivilians][rng.below(3)]
            return incident
        }
    }

    static let big = incidents(40_000)

    /// What the state should show, counted the plain way.
    struct Expected: Equatable {
        var feed: [IncidentStore.Slot] = []
        var actorCounts: [Int]
        /// Incidents per place, by the name the hotspots show (the gazetteer's, for a town).
        var places: [String: Int] = [:]
        var cells: [Int: Int32] = [:]
        var timeline: [Int] = []
    }

    static func expected(_ state: AppState) -> Expected {
        var out = Expected(actorCounts: Array(repeating: 0, count: state.registry.count))
        var evaluator = FilterEvaluator(state.filter, store: state.store, registry: state.registry)
        let from = state.windowSpan?.lowerBound ?? .min
        let projection = MapViewport.projection(state)
        var buckets = Array(repeating: 0, count: state.timeline?.buckets ?? 0)
        for slot in state.store.timeOrder {
            let r = state.store[slot]
            if let replay = state.replayAt, r.time > replay { continue }
            guard evaluator.passes(r) else { continue }
            if let b = state.timeline?.bucket(of: r.time) { buckets[b] += 1 }
            guard r.time >= from else { continue }
            if r.isLocated, let cell = projection.cell(lat: Double(r.lat), lon: Double(r.lon)) {
                out.cells[cell.y * projection.columns + cell.x, default: 0] += 1
            }
            if let restriction = state.map.restriction, !restriction.admits(r) { continue }
            out.feed.append(slot)
            for actor in r.actors.array { out.actorCounts[Int(actor)] += 1 }
            if r.place != 0 {
                let written = state.store.text(r.place)
                out.places[Gazetteer.mali.lookup(written)?.name ?? written, default: 0] += 1
            }
        }
        out.timeline = buckets
        return out
    }

    static func actual(_ state: AppState) -> Expected {
        var out = Expected(actorCounts: state.shownCounts)
        out.feed = state.feed
        for spot in state.hotspots.top(10_000) {
            #expect(out.places[state.hotspotName(spot.place)] == nil, "two rows for \(state.hotspotName(spot.place))")
            out.places[state.hotspotName(spot.place)] = spot.count
        }
        if let cells = state.mapCells {
            for index in cells.filled { out.cells[index] = cells.counts[index] }
        }
        out.timeline = state.timeline?.counts ?? []
        return out
    }

    func check(_ state: AppState, _ label: String) {
        let want = Self.expected(state)
        let got = Self.actual(state)
        // The first difference only: a million-row dump helps nobody.
        let differ = zip(got.feed, want.feed).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(got.feed.count == want.feed.count && differ == nil,
                "\(label): feed of \(got.feed.count), expected \(want.feed.count); first difference \(String(describing: differ))")
        #expect(got.actorCounts == want.actorCounts, "\(label): legend figures")
        #expect(got.places == want.places, "\(label): hotspots")
        #expect(got.cells == want.cells, "\(label): map cells")
        #expect(got.timeline == want.timeline, "\(label): timeline")
    }

    @Test func splitPassMatchesAPlainCountUnderEveryFilter() throws {
        var state = Fixtures.state(Self.big, width: 200, height: 60)
        #expect(state.store.count == 40_000)
        check(state, "no filter")
        state.hidden = [3, 5]
        state.rebuildFeed()
        check(state, "two actors hidden")
        #expect(state.feed.count < 40_000 && state.feed.count > 20_000)
        // One letter is decided from each incident's letter mask; longer queries read the texts.
        for query in ["k", "!k", "é", "menaka", "!near kidal", "9", "jnim", "fixt", "x", "re:Clash 1[0-9]+ "] {
            state.filter.text = try TextQuery(query)
            state.rebuildFeed()
            check(state, "text \(query)")
            #expect(!state.feed.isEmpty, "text \(query)")
        }
        state.filter.text = try TextQuery("menaka")
        state.rebuildFeed()
        state.filter.window = .week
        state.rebuildFeed()
        check(state, "window")
        state.filter = FeedFilter()
        state.filter.minFatalities = 5
        state.filter.types = ["battle"]
        state.replayAt = state.store.newestTime.map { $0 - 30 * 86_400 }
        state.rebuildFeed()
        check(state, "fatalities, type and replay")
        let projection = MapViewport.projection(state)
        let town = try #require(Gazetteer.mali.lookup("Kidal")?.point)
        let kidal = try #require(projection.cell(town))
        state.map.restriction = MapRestriction(projection: projection, column: kidal.x, row: kidal.y)
        state.rebuildFeed()
        check(state, "map cell")
        #expect(!state.feed.isEmpty)
    }

    @Test func aNarrowedTextQueryLooksOnlyAtWhatPassedAndAgreesWithARebuild() throws {
        for window in [TimeWindow.all, .month] {
            var state = Fixtures.state(Self.big, width: 200, height: 60)
            state.filter.window = window
            // As `reduce` does: the query is an input, the derived state's owner narrows or rebuilds.
            func query(_ text: String) throws {
                let basis = state.derivationBasis
                PromptReducer.setQuery(try TextQuery(text), on: &state)
                state.bringUpToDate(from: basis)
            }
            try query("e")
            let before = state.feed.count
            try query("men")
            #expect(state.feed.count < before)
            check(state, "narrowed, window \(window)")
            var fresh = state
            fresh.rebuildFeed()
            #expect(fresh.feed == state.feed)
        }
    }

    @Test func arrivalsKeepEveryAggregateAsARebuildWouldHaveIt() {
        let all = Self.incidents(45_000, seed: 11)
        var state = Fixtures.state(Array(all.prefix(38_000)), width: 200, height: 60)
        state.hidden = [1]
        state.rebuildFeed()
        let reducer = Reducer()
        // Small batches, as a live tail delivers them, late reports among them.
        for chunk in stride(from: 38_000, to: 45_000, by: 700) {
            var batch = IngestBatch(source: 0, status: .following)
            batch.incidents = Array(all[chunk..<min(45_000, chunk + 700)])
            _ = reducer.reduce(&state, .ingest(batch))
        }
        #expect(state.store.count == 45_000)
        check(state, "after arrivals")
        // A pass after the arrivals reads keys of slots it has not seen before.
        _ = reducer.reduce(&state, .key(.char("2")))
        check(state, "a pass after arrivals")
    }

    @Test func cellsFollowTheMapWhenItZoomsAndPans() {
        var state = Fixtures.state(Self.big, width: 200, height: 60)
        state.hidden = [2]
        state.rebuildFeed()
        let reducer = Reducer()
        for command in [MapCommand.zoomIn, .pan(dx: 5, dy: -3), .zoomIn, .zoomOut, .reset] {
            _ = reducer.reduce(&state, .command(.map(command)))
            #expect(state.mapCells?.projection == MapViewport.projection(state))
            check(state, "map \(command)")
        }
        _ = reducer.reduce(&state, .resize(width: 150, height: 45))
        check(state, "resized")
    }

    @Test func manyLateReportsInOneBatchLandInTimeOrderAndKeepAPausedSelection() {
        var state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        _ = Reducer().reduce(&state, .key(.char("j")))
        _ = Reducer().reduce(&state, .key(.char("j")))
        let selected = state.selectedSlot
        // Three late reports, out of order, one of them newer than the selected incident.
        let late = [(3, "late day 3"), (9, "late day 9"), (2, "late day 2")].map { day, text in
            Fixtures.incident(text, actors: [0], day: day, id: "late\(day)")
        }
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = late
        _ = Reducer().reduce(&state, .ingest(batch))
        let times = state.feed.map { state.store[$0].time }
        #expect(times == times.sorted())
        #expect(state.feed.count == 13)
        #expect(state.selectedSlot == selected)
        #expect(state.newSincePause == 1)
        check(state, "late batch")
    }

    @Test func onABigStoreARegularExpressionWaitsForEnter() throws {
        var state = Fixtures.state(Array(Self.big.prefix(25_000)), width: 80, height: 24)
        let reducer = Reducer()
        for key in [Key.char("/")] + "re:Clash 1[0-9]{3} ".map({ Key.char($0) }) { _ = reducer.reduce(&state, .key(key)) }
        #expect(state.filter.text == nil)
        #expect(state.feed.count == 25_000)
        #expect(state.prompt?.waitsForEnter == true)
        let status = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8))).lines[Layout(width: 80, height: 24).status.y]
        #expect(status.contains("Enter applies the expression"))
        _ = reducer.reduce(&state, .key(.enter))
        #expect(state.prompt == nil)
        #expect(state.filter.text?.raw == "re:Clash 1[0-9]{3} ")
        // Clash 1000 to Clash 1999.
        #expect(state.feed.count == 1_000)
        check(state, "regular expression")
    }
}
