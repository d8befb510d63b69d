import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Changes of hands from every format, and through the store's evictions and slot reclaims.
@Suite struct ControlSourcesTests {
    let fama = ActorRegistry.northernMali.lookup("FAMA")!
    let cma = ActorRegistry.northernMali.lookup("CMA")!

    func load(_ name: String, _ text: String) throws -> AppState {
        let dir = Fixtures.TempDir()
        let path = dir.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        // The format as the app picks it; batches go to the store packed, as in the app.
        let reader = SourceReader(index: 0, path: path, choose: { path, first in FormatChoice.decoder(forced: nil, path: path, firstLine: first) })
        var state = AppState(sources: [SourceInfo(name: name)])
        var more = true
        while more {
            let (batch, cut) = reader.poll()
            #expect(batch.badLines.isEmpty)
            _ = Reducer().reduce(&state, .ingest(batch))
            more = cut
        }
        return state
    }

    @Test func anACLEDRowOfTheFourNamesItsFirstActorAsHolder() throws {
        let header = "event_id_cnty,event_date,actor1,actor2,event_type,sub_event_type,location,latitude,longitude,fatalities,notes,source"
        let rows = [
            "MLI1,2023-11-13,JNIM: Group for Support of Islam and Muslims,,Battles,Armed clash,Kidal,18.44,1.41,0,,AFP",
            "MLI2,2023-11-14,Military Forces of Mali (2021-),CSP-PSD,Strategic developments,Government regains territory,Kidal,18.44,1.41,0,,AFP",
            "MLI3,2023-10-31,CSP-PSD,,Strategic developments,\"Non-state actor overtakes territory\",Kidal,18.44,1.41,0,,Africanews",
            "MLI4,2023-12-01,Tessalit Town Militia,,Strategic developments,Headquarters or base established,Tessalit,20.2,1.01,0,,AFP",
        ]
        let state = try load("a.csv", ([header] + rows).joined(separator: "\n") + "\n")
        #expect(state.store.count == 4)
        let control = state.store.control
        #expect(control.count == 3)
        #expect(control.holding("Kidal")?.now.holder == .actor(fama))
        #expect(control.holding("Kidal")?.before?.holder == .actor(cma))
        // Each change names its incident's id (made by the decoder for the store, ARCHITECTURE.md §4).
        #expect(control.holding("Kidal")?.now.id == "MLI2")
        #expect(control.holding("Kidal")?.before?.id == "MLI3")
        #expect(control.holding("Tessalit")?.now.id == "MLI4")
        // A first actor no registry actor names holds under its own name, as written.
        #expect(control.holding("Tessalit")?.now.holder == .named("Tessalit Town Militia"))
    }

    @Test func aGeoJSONFeatureWithControlTakesTheGeneralPath() throws {
        let features = [
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.53,16.83]},"properties":{"id":"g1","time":"2023-08-12","place":"Ber","actors":["CMA"],"summary":"s"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.53,16.83]},"properties":{"id":"g2","time":"2023-08-13","place":"Ber","actors":["FAMA","Wagner"],"control":"FAMa","summary":"s"}}"#,
        ]
        let state = try load("f.geojsonl", features.joined(separator: "\n") + "\n")
        #expect(state.store.count == 2)
        #expect(state.store.control.count == 1)
        #expect(state.store.control.holding("Ber")?.now.holder == .actor(fama))
    }

    @Test func anEvictedChangeStaysAndAReclaimKeepsSlotsRight() throws {
        var store = IncidentStore(actorCount: ActorRegistry.northernMali.count, capacity: 64)
        var first = Fixtures.incident("takeover", actors: [fama], day: 1, town: "Ber", id: "c0")
        first.control = .actor(fama)
        store.insert(first)
        var later = Fixtures.incident("retaken", actors: [cma], day: 28, town: "Kidal", id: "c1")
        later.control = .actor(cma)
        for n in 0..<6000 {
            var filler = Fixtures.incident("filler \(n)", actors: [cma], day: 2 + n % 20, town: "Gao", id: "f\(n)")
            filler.time += Int64(n)
            store.insert(filler)
            store.enforceCapacity()
            if n == 5990 { store.insert(later) }
        }
        // Ber's change went with its incident, but who held Ber is still known.
        let ber = try #require(store.control.holding("Ber"))
        #expect(ber.now.slot == nil)
        #expect(ber.now.holder == .actor(fama))
        _ = store.reclaimSlots()
        #expect(store.reclaimed > 0)
        let kidal = try #require(store.control.holding("Kidal")?.now.slot)
        #expect(store.incident(kidal).id == "c1")
        #expect(store.control.change(of: kidal)?.holder == .actor(cma))
    }

    /// Changes whose incidents the store let go are pruned to each place's latest, so a long
    /// watch's history follows what the store keeps, not every change that passed through.
    @Test func changesLetGoArePrunedToEachPlacesLatest() throws {
        var store = IncidentStore(actorCount: ActorRegistry.northernMali.count, capacity: 100)
        let towns = ["Ber", "Kidal", "Gao"]
        for n in 0..<5000 {
            var incident = Fixtures.incident("change \(n)", actors: [n % 2 == 0 ? fama : cma], day: 1 + n % 25,
                                             town: towns[n % 3], id: "c\(n)")
            incident.time += Int64(n) * 60
            incident.control = .actor(n % 2 == 0 ? fama : cma)
            store.insert(incident)
            store.enforceCapacity()
        }
        let control = store.control
        let kept = control.places.values.reduce(0) { $0 + $1.filter { $0.slot != nil }.count }
        let letGo = control.places.values.reduce(0) { $0 + $1.filter { $0.slot == nil }.count }
        #expect(kept <= store.count)
        // Between prunes, at most twice what the store keeps lingers.
        #expect(letGo <= 2 * (kept + towns.count) + 128, "\(letGo) changes let go are still held")
        #expect(control.count < 600, "\(control.count) changes held for \(store.count) incidents")
        // Each place still says who holds it: the newest change, which is stored.
        for town in towns {
            let now = try #require(control.holding(town)?.now)
            #expect(now.slot != nil)
        }
    }
}
