import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Days on watch (issue 12): late reports merged a batch at a time, the oldest dropped a step at a
/// time at the limit, and the slots of removed incidents reclaimed, so that what the store holds
/// follows what it keeps and everything that holds a slot follows its incident.
@Suite struct LongWatchTests {
    /// An incident `minutes` after the start of 1 August 2023.
    func incident(_ id: String, minutes: Int, actors: [ActorID] = [0], town: String = "Ber") -> Incident {
        var incident = Fixtures.incident(id, actors: actors, day: 1, town: town, id: id)
        incident.time = Int64(TimeParser.daysFromCivil(year: 2023, month: 8, day: 1)) * 86400 + Int64(minutes) * 60
        return incident
    }

    func batch(_ incidents: [Incident], retractions: [String] = []) -> IngestBatch {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        batch.retractions = retractions
        batch.linesRead = incidents.count
        return batch
    }

    /// Live ids in time order, equal times in arrival order: what the store must hold.
    struct Model {
        var live: [String: (time: Int64, arrival: Int)] = [:]
        var arrivals = 0
        mutating func add(_ incident: Incident) {
            live[incident.id ?? ""] = (incident.time, arrivals)
            arrivals += 1
        }
        var order: [String] { live.sorted { ($0.value.time, $0.value.arrival) < ($1.value.time, $1.value.arrival) }.map(\.key) }
    }

    func ids(_ store: IncidentStore) -> [String] { store.timeOrder.map { store[$0].id } }

    @Test func lateReportsRevisionsAndRetractionsInOneBatchKeepTheTimeOrder() {
        var rng = SplitMix64(seed: 12)
        var store = IncidentStore(actorCount: 8)
        var model = Model()
        for round in 0..<60 {
            var incidents: [Incident] = []
            var retractions: [String] = []
            for k in 0..<rng.below(40) {
                // Mostly new ids, some revisions (often of a late report of this same batch).
                let id = rng.below(5) == 0 && !model.live.isEmpty ? "i\(rng.below(round * 40 + 1))" : "i\(round)-\(k)"
                let minutes = rng.below(3) == 0 ? 100_000 + round * 100 + k : rng.below(100_000)
                incidents.append(incident(id, minutes: minutes))
            }
            if rng.below(3) == 0, let gone = model.live.keys.sorted().first { retractions.append(gone) }
            for incident in incidents { model.add(incident) }
            for id in retractions { model.live[id] = nil }
            let b = batch(incidents)
            store.insert(contentsOf: b) { _ in }
            for id in retractions { store.retract(id: id) }
            #expect(ids(store) == model.order, "round \(round)")
        }
        #expect(store.count == model.live.count)
    }

    @Test func aLateReportIsToldAsSuchAndMergedWhenTheBatchEnds() {
        var store = IncidentStore(actorCount: 8)
        var changes: [IncidentStore.Change] = []
        store.insert(contentsOf: batch([incident("a", minutes: 10), incident("b", minutes: 20),
                                        incident("c", minutes: 5), incident("d", minutes: 15)])) { changes.append($0) }
        #expect(changes == [.appendedNewest(0), .appendedNewest(1), .insertedEarlier(2), .insertedEarlier(3)])
        #expect(ids(store) == ["c", "a", "d", "b"])
    }

    @Test func atTheLimitTheOldestGoAStepAtATime() {
        var store = IncidentStore(actorCount: 8, capacity: 640)
        #expect(store.evictionStep == 10)
        store.insert(contentsOf: batch((0..<640).map { incident("i\($0)", minutes: $0) })) { _ in }
        #expect(store.enforceCapacity() == 0)
        store.insert(contentsOf: batch([incident("new", minutes: 1000)])) { _ in }
        // One over the limit: ten go, the oldest ones.
        #expect(store.enforceCapacity() == 10)
        #expect(store.count == 631)
        #expect(ids(store).first == "i10")
        #expect(store.slot(forID: "i9") == nil)
        #expect(store.slot(forID: "i10") != nil)
        // The next nine arrivals drop nothing.
        store.insert(contentsOf: batch((0..<9).map { incident("n\($0)", minutes: 1001 + $0) })) { _ in }
        #expect(store.enforceCapacity() == 0)
    }

    /// A million arrivals at a limit of a thousand: the store's records, id index and text stay
    /// the size of what it keeps, and it holds exactly the newest incidents.
    @Test func slotsAndTextAreReclaimedSoMemoryFollowsWhatIsKept() {
        let limit = 1_000
        var store = IncidentStore(actorCount: 8, capacity: limit)
        var most = 0, mostText = 0
        var minute = 0
        let summary = String(repeating: "convoy ambushed near the camp ", count: 8)
        for _ in 0..<250 {
            var incidents: [Incident] = []
            for _ in 0..<4_000 {
                var next = incident("u\(minute)", minutes: minute)
                next.summary = summary
                incidents.append(next)
                minute += 1
            }
            store.insert(contentsOf: batch(incidents)) { _ in }
            store.enforceCapacity()
            _ = store.reclaimSlots()
            most = max(most, store.records.count)
            mostText = max(mostText, store.textBytes)
        }
        #expect(store.evicted + store.count == 1_000_000)
        #expect(store.reclaimed > 100)
        // Kept, plus one batch, plus what waits to be reclaimed.
        #expect(most <= limit + 4_000 + IncidentStore.reclaimFloor + 1)
        #expect(mostText <= 2 * IncidentStore.compactTextsFrom + 4_000 * (summary.utf8.count + 8))
        #expect(store.count <= limit && store.count >= limit - store.evictionStep)
        let newest = ids(store)
        #expect(newest.last == "u999999")
        #expect(newest == (1_000_000 - store.count..<1_000_000).map { "u\($0)" })
        for id in newest.suffix(20) { #expect(store.slot(forID: id).map { store[$0].id } == id) }
        #expect(store.slot(forID: "u0") == nil)
    }

    /// Revisions of the same few ids over and over: the store keeps those few, each with at most
    /// eight earlier versions.
    @Test func endlessRevisionsKeepTheStoreTheSizeOfItsIds() {
        var store = IncidentStore(actorCount: 8)
        var most = 0
        for round in 0..<300 {
            let incidents = (0..<100).map { incident("r\($0)", minutes: round * 100 + $0) }
            store.insert(contentsOf: batch(incidents)) { _ in }
            _ = store.reclaimSlots()
            most = max(most, store.records.count)
        }
        #expect(store.count == 100)
        #expect(store.revisions == 29_900)
        #expect(most <= 100 + 100 + IncidentStore.reclaimFloor + 1)
        let slot = store.slot(forID: "r7")
        #expect(slot.map { store.earlierVersions($0).count } == IncidentStore.keptVersions)
        #expect(slot.map { store[$0].revision } == 299)
    }

    /// Through the reducer, at a small limit, with late reports and revisions flowing: the
    /// selection and an open detail view stay on their incident across every reclaim, and the
    /// derived state is what a full pass gives.
    /// At a limit of 300 every batch of 100 evicts (and some revise), so slots are reclaimed in a
    /// batch that also evicted and a full pass follows; at 6,400 most batches of 30 do not evict
    /// and nothing is revised, and a reclaim is then followed without a full pass.
    @Test(arguments: [(300, 100, 120, true), (6_400, 30, 420, false)])
    func theSelectionAndTheDetailViewFollowTheirIncidentThroughReclaims(limit: Int, size: Int, rounds: Int, revise: Bool) {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")], capacity: limit)
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 120, height: 40))
        // Two incidents far in the future, after some that will go: the older of the two is
        // selected and opened, and its slot moves down at every reclaim.
        _ = reducer.reduce(&state, .ingest(batch((0..<50).map { incident("early\($0)", minutes: $0 - 1_000) })))
        _ = reducer.reduce(&state, .ingest(batch([incident("keep", minutes: 10_000_000), incident("top", minutes: 10_000_001)])))
        _ = reducer.reduce(&state, .key(.down))
        #expect(state.selectedIncident?.id == "keep")
        let firstSlot = state.selectedSlot
        _ = reducer.reduce(&state, .key(.enter))
        guard case .detail = state.overlay else {
            Issue.record("Enter did not open the detail view")
            return
        }
        var rng = SplitMix64(seed: 5)
        var minute = 0
        let towns = ["Ber", "Gao", "Kidal", "Timbuktu"]
        var quietReclaims = 0
        for round in 0..<rounds {
            var incidents: [Incident] = []
            for k in 0..<size {
                // Most in order, some late, some revising a recent one.
                let late = rng.below(4) == 0
                let id = revise && rng.below(10) == 0 ? "n\(max(0, minute - 1 - rng.below(50)))" : "n\(minute)"
                incidents.append(incident(id, minutes: late ? max(0, minute - rng.below(500)) : minute,
                                          actors: [ActorID(k % 4)], town: towns[k % towns.count]))
                minute += 1
            }
            let (evicted, reclaimed) = (state.store.evicted, state.store.reclaimed)
            _ = reducer.reduce(&state, .ingest(batch(incidents)))
            if state.store.reclaimed > reclaimed, state.store.evicted == evicted {
                // Followed without a full pass: it must be what one gives.
                quietReclaims += 1
                var fresh = state
                fresh.rebuildFeed()
                #expect(fresh.feed == state.feed, "round \(round)")
                #expect(fresh.shownCounts == state.shownCounts, "round \(round)")
            }
            #expect(state.selectedIncident?.id == "keep", "round \(round)")
        }
        #expect(state.store.reclaimed > 0)
        if limit > 1_000 { #expect(quietReclaims > 0) }
        // A batch that evicted reclaims only once removed slots outnumber half the live ones (or twice the floor).
        #expect(state.store.records.count <= limit + size + 2 * IncidentStore.reclaimFloor + 1)
        guard case .detail(let seq, _, _) = state.overlay else {
            Issue.record("the detail view closed")
            return
        }
        #expect(state.store.incident(IncidentStore.Slot(seq)).id == "keep")
        #expect(state.selectedSlot != firstSlot)
        var fresh = state
        fresh.rebuildFeed()
        #expect(fresh.feed == state.feed)
        #expect(fresh.shownCounts == state.shownCounts)
        #expect(fresh.hotspots.top(10) == state.hotspots.top(10))
        #expect(fresh.scanKeys.keys.count == state.scanKeys.keys.count)
        var rekeyed = ScanKeys()
        rekeyed.update(state.store, registry: state.registry, projection: state.scanKeys.projection)
        // Live slots' keys are what working them out afresh gives (a removed one's text is gone).
        let live = state.store.records.indices.filter { state.store.records[$0].isLive }
        #expect(live.count == state.store.count)
        #expect(live.allSatisfy { i in
            let (a, b) = (rekeyed.keys[i], state.scanKeys.keys[i])
            return a.time == b.time && a.letters == b.letters && a.cell == b.cell && a.place == b.place && a.actors == b.actors
        })
    }

    /// With the 24 h window on, arrivals a few minutes apart slide it: rows drop out at the old
    /// end, and the feed, legend figures, hotspots and map cells are what a full pass gives, in
    /// both orders, paused or following.
    @Test(arguments: [FeedOrder.time, FeedOrder.arrival])
    func theWindowSlidesAsTheNewestMoves(order: FeedOrder) {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        let towns = ["Ber", "Gao", "Kidal", "Timbuktu", "Menaka"]
        _ = reducer.reduce(&state, .ingest(batch((0..<300).map {
            incident("old\($0)", minutes: $0 * 10, actors: [ActorID($0 % 5)], town: towns[$0 % towns.count])
        })))
        while state.filter.window.seconds != 86_400 { _ = reducer.reduce(&state, .key(.char("t"))) }
        if state.order != order { _ = reducer.reduce(&state, .key(.char("r"))) }
        #expect(state.order == order)
        // Paused on a row that will stay a while.
        for _ in 0..<5 { _ = reducer.reduce(&state, .key(.down)) }
        var slid = 0
        for round in 0..<200 {
            let minute = 3_000 + round * 17
            let before = state.feed.count
            _ = reducer.reduce(&state, .ingest(batch([incident("new\(round)", minutes: minute, actors: [ActorID(round % 6)],
                                                                town: towns[round % towns.count])])))
            if state.feed.count <= before { slid += 1 }
            var fresh = state
            fresh.rebuildFeed()
            #expect(fresh.feed == state.feed, "round \(round)")
            #expect(fresh.shownCounts == state.shownCounts, "round \(round)")
            #expect(fresh.hotspots.top(20) == state.hotspots.top(20), "round \(round)")
            #expect(fresh.mapCells?.counts == state.mapCells?.counts, "round \(round)")
            #expect(fresh.mapCells?.actors == state.mapCells?.actors, "round \(round)")
            #expect(fresh.selectedSlot == state.selectedSlot, "round \(round)")
        }
        // Rows did leave (the feed is the last 24 h, not everything that came).
        #expect(slid > 50)
        #expect(state.feed.count < 120)
    }

    /// Arrivals in time order at a limit of 6,400 in batches of 30: most batches evict nothing,
    /// so slots are reclaimed in a batch of their own and followed without a full pass; the feed
    /// and the legend are then what a full pass gives, and so are the next arrivals.
    @Test func aReclaimInAQuietBatchNeedsNoFullPass() {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")], capacity: 6_400)
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 120, height: 40))
        var quiet = 0
        var minute = 0
        for round in 0..<420 {
            let incidents = (0..<30).map { k in
                defer { minute += 1 }
                return incident("q\(minute)", minutes: minute, actors: [ActorID(k % 5)])
            }
            let (evicted, reclaimed) = (state.store.evicted, state.store.reclaimed)
            _ = reducer.reduce(&state, .ingest(batch(incidents)))
            guard state.store.reclaimed > reclaimed, state.store.evicted == evicted else { continue }
            quiet += 1
            var fresh = state
            fresh.rebuildFeed()
            #expect(fresh.feed == state.feed, "round \(round)")
            #expect(fresh.shownCounts == state.shownCounts, "round \(round)")
        }
        #expect(quiet > 0)
        var fresh = state
        fresh.rebuildFeed()
        #expect(fresh.feed == state.feed)
    }
}
