import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Corrections taken into the feed without a full pass when they count alike
/// (`State/FeedCorrections.swift`), and by one when they do not: whatever the filters and
/// whatever else the batch brings, the result is what one full pass over the store gives.
@Suite struct CorrectionCountingTests {
    typealias Counting = ArrivalCountingTests

    /// A correction of a stored incident: the same time, actors and point with new text and dead
    /// (most of them), or something that moves it (another actor, another time).
    static func correction(of old: Incident, _ random: inout SplitMix64) -> Incident {
        var incident = old
        incident.summary = random.chance(percent: 30) ? "revised: ambush on the Gao road" : "\(old.summary) (revised)"
        if random.chance(percent: 60) { incident.fatalities = random.below(9) }
        if random.chance(percent: 15) { incident.actors = [ActorID(random.below(8))] }
        if random.chance(percent: 10) { incident.time += Int64(random.inRange(-3_000...3_000)) * 60 }
        return incident
    }

    @Test(arguments: ["none", "hidden", "text", "dead", "arrival", "paused", "restricted", "window", "replay"])
    func batchesOfCorrectionsAddUpToAFullPass(setting: String) throws {
        var random = SplitMix64(seed: 0xC0_2EC7 + UInt64(setting.utf8.count))
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        var n = 0, minute = 0
        var first = IngestBatch(source: 0, status: .following)
        for _ in 0..<300 {
            n += 1
            minute += random.below(90)
            first.incidents.append(Counting.incident(n, minutes: minute, &random))
        }
        _ = reducer.reduce(&state, .ingest(first))
        switch setting {
        case "hidden": _ = reducer.reduce(&state, .command(.toggleActor(3)))
        case "text": state.filter.text = try TextQuery("revised")
        case "dead": state.filter.minFatalities = 3
        case "arrival": _ = reducer.reduce(&state, .key(.char("r")))
        case "paused": state.selected = 40
        case "replay": state.replayAt = state.store.newestTime.map { $0 - 3 * 86400 }
        case "restricted":
            let point = Gazetteer.mali.lookup("Gao")?.point ?? GeoPoint(lat: 16.27, lon: -0.04)
            if let projection = state.mapProjection, let cell = projection.cell(lat: point.lat, lon: point.lon) {
                state.map.restriction = MapRestriction(projection: projection, column: cell.x, row: cell.y)
            }
        case "window": while state.filter.window.seconds != 7 * 86_400 { _ = reducer.reduce(&state, .key(.char("t"))) }
        default: break
        }
        // (Set by hand above, so derived again by hand.)
        let selected = state.selected
        state.rebuildFeed()
        state.selected = selected
        Counting.expectSameAsAFullPass(state, "\(setting) start")
        for round in 0..<40 {
            var batch = IngestBatch(source: 0, status: .following)
            // Mostly corrections of incidents stored before, some of one corrected twice, with a
            // few new and late reports around them.
            for _ in 0..<(1 + random.below(12)) {
                let order = state.store.timeOrder
                let old = state.store.incident(order[random.below(order.count)])
                let corrected = Self.correction(of: old, &random)
                batch.incidents.append(corrected)
                if random.chance(percent: 5) { batch.incidents.append(Self.correction(of: corrected, &random)) }
                if random.chance(percent: 20) {
                    n += 1
                    let late = random.chance(percent: 50)
                    if !late { minute += random.below(90) }
                    batch.incidents.append(Counting.incident(n, minutes: late ? max(0, minute - random.below(3 * 24 * 60)) : minute, &random))
                }
            }
            batch.linesRead = batch.incidents.count
            let before = state.store.count
            _ = reducer.reduce(&state, .ingest(batch))
            #expect(state.store.count >= before, "\(setting) round \(round): nothing lost")
            // The store's time order itself (which the full pass reads): each live incident once,
            // by time, equal times in arrival order.
            let store = state.store, order = store.timeOrder
            #expect(order.allSatisfy { store[$0].isLive } && Set(order).count == order.count
                    && order.count == (0..<store.records.count).filter { store[IncidentStore.Slot($0)].isLive }.count,
                    "\(setting) round \(round): time order holds the live incidents")
            #expect(zip(order, order.dropFirst()).allSatisfy { a, b in (store[a].time, a) < (store[b].time, b) },
                    "\(setting) round \(round): time order sorted")
            Counting.expectSameAsAFullPass(state, "\(setting) round \(round)")
        }
        #expect(state.store.revisions > 150)
    }

    /// The officer is reading an older incident when a correction of it comes: the selection
    /// stays on it (its new version), not on whatever row took its place.
    @Test func aPausedSelectionFollowsTheIncidentItIsOn() throws {
        var random = SplitMix64(seed: 0x5E1EC7)
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        var first = IngestBatch(source: 0, status: .following)
        // Three incidents a minute: corrections move their row among equal times.
        for n in 1...90 { first.incidents.append(Counting.incident(n, minutes: n / 3, &random)) }
        _ = reducer.reduce(&state, .ingest(first))
        _ = reducer.reduce(&state, .command(.moveDown))
        for _ in 0..<20 { _ = reducer.reduce(&state, .command(.moveDown)) }
        let chosen = try #require(state.selectedIncident)
        let row = state.selected
        var batch = IngestBatch(source: 0, status: .following)
        var revised = chosen
        revised.summary = "revised: \(chosen.summary)"
        revised.fatalities = (chosen.fatalities ?? 0) + 2
        batch.incidents = [revised]
        batch.linesRead = 1
        _ = reducer.reduce(&state, .ingest(batch))
        #expect(state.selectedIncident?.id == chosen.id)
        #expect(state.selectedIncident?.summary == revised.summary)
        // Its row moved up past the others of its minute (a new slot is the latest among equals).
        let sameMinute = state.feed.filter { state.store[$0].time == chosen.time }.count
        #expect(state.selected <= row && state.selected >= row - sameMinute)
        Counting.expectSameAsAFullPass(state, "paused")
    }
}
