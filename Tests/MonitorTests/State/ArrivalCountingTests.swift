import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Arrivals are counted into the feed's figures, the hotspots, the map's cells and the strip in
/// one pass per batch (`State/FeedAppend.swift`); whatever the filters, the result is what one
/// full pass over the store gives.
@Suite struct ArrivalCountingTests {
    static let towns = ["Ber", "Gao", "Kidal", "Timbuktu", "Menaka", "Tombouctou", "In Tillit", "Bamako", "Nowhere"]

    static func incident(_ n: Int, minutes: Int, _ random: inout SplitMix64) -> Incident {
        var incident = Fixtures.incident("event \(n)", actors: random.chance(percent: 20) ? [ActorID(random.below(8)), ActorID(random.below(8))]
                                            : [ActorID(random.below(8))],
                                         day: 1, town: random.pick(towns), id: "e\(n)")
        incident.time = Int64(TimeParser.daysFromCivil(year: 2023, month: 8, day: 1)) * 86400 + Int64(minutes) * 60
        if random.chance(percent: 10) { incident.location = nil }
        if random.chance(percent: 30) { incident.fatalities = random.below(5) }
        return incident
    }

    /// The strip without the empty buckets a full pass adds up to the newest incident stored.
    static func strip(_ state: AppState) -> [String] {
        guard let timeline = state.timeline else { return [] }
        var buckets = timeline.buckets
        while buckets > 0, timeline.counts[buckets - 1] == 0 { buckets -= 1 }
        return (0..<buckets).map { "\(timeline.start) \(timeline.bucketSeconds) \(timeline.counts[$0]) \(timeline.leaders[$0])" }
    }

    static func expectSameAsAFullPass(_ state: AppState, _ label: String) {
        var fresh = state
        fresh.rebuildFeed()
        #expect(fresh.feed == state.feed, "\(label): feed")
        #expect(fresh.shownCounts == state.shownCounts, "\(label): shown")
        #expect(fresh.hotspots.top(100) == state.hotspots.top(100), "\(label): hotspots")
        #expect(fresh.mapCells?.counts == state.mapCells?.counts, "\(label): cells")
        #expect(fresh.mapCells?.actors == state.mapCells?.actors, "\(label): cell actors")
        #expect(fresh.mapCells?.newest == state.mapCells?.newest, "\(label): cell times")
        #expect(fresh.mapCells?.approximate == state.mapCells?.approximate, "\(label): approximate")
        #expect(strip(fresh) == strip(state), "\(label): strip")
    }

    @Test(arguments: ["none", "hidden", "replay", "restricted", "window", "arrival"])
    func batchesOfArrivalsAddUpToAFullPass(setting: String) {
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(setting.utf8.count))
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        var n = 0
        var minute = 0
        func batch(_ count: Int, lateShare: Int, random: inout SplitMix64) -> IngestBatch {
            var batch = IngestBatch(source: 0, status: .following)
            for _ in 0..<count {
                n += 1
                minute += random.below(90)
                // Some late reports, up to days before the newest.
                let at = random.chance(percent: lateShare) ? max(0, minute - random.below(6 * 24 * 60)) : minute
                batch.incidents.append(Self.incident(n, minutes: at, &random))
            }
            batch.linesRead = count
            return batch
        }
        _ = reducer.reduce(&state, .ingest(batch(200, lateShare: 0, random: &random)))
        switch setting {
        case "hidden": _ = reducer.reduce(&state, .command(.toggleActor(3)))
        case "replay": state.replayAt = state.store.newestTime.map { $0 + 3 * 86400 }
        case "restricted":
            let point = Gazetteer.mali.lookup("Gao")?.point ?? GeoPoint(lat: 16.27, lon: -0.04)
            if let projection = state.mapProjection, let cell = projection.cell(lat: point.lat, lon: point.lon) {
                state.map.restriction = MapRestriction(projection: projection, column: cell.x, row: cell.y)
            }
        case "window": while state.filter.window.seconds != 7 * 86_400 { _ = reducer.reduce(&state, .key(.char("t"))) }
        case "arrival": _ = reducer.reduce(&state, .key(.char("r")))
        default: break
        }
        // (Set by hand above, so derived again by hand.)
        state.rebuildFeed()
        Self.expectSameAsAFullPass(state, "\(setting) start")
        for round in 0..<40 {
            _ = reducer.reduce(&state, .ingest(batch(1 + random.below(60), lateShare: round % 3 == 0 ? 20 : 0, random: &random)))
            Self.expectSameAsAFullPass(state, "\(setting) round \(round)")
        }
    }
}
