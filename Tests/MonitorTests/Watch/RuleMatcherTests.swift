import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorState

private typealias T = RuleMatcherTests

@Suite struct RuleMatcherTests {
    static let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
    static let goundam = GeoPoint(lat: 16.4145, lon: -3.6708)
    static let circle = Zone(name: "Timbuktu 50 km", shape: .circle(center: timbuktu, radiusKm: 50))
    static let road = Zone(name: "Route Timbuktu-Goundam", shape: .corridor(path: [timbuktu, goundam], widthKm: 10))
    let registry = ActorRegistry.northernMali

    /// Stores one incident and returns the names of the rules it matches.
    func match(_ incident: Incident, _ rules: [AlertRule]) -> [String] {
        var store = IncidentStore(actorCount: registry.count)
        let change = store.insert(incident)
        guard case .appendedNewest(let slot) = change else { return ["(not stored)"] }
        return RuleMatcher(rules: rules).matches(store[slot], in: store, registry: registry)
    }

    static func incident(at point: GeoPoint?, actors: [ActorID] = [3], type: EventType = .battle, dead: Int? = 0,
                         summary: String = "", place: String = "somewhere") -> Incident {
        Incident(id: "x", time: 1_690_000_000, place: place, location: point, actors: actors, type: type,
                 fatalities: dead, summary: summary, source: "fixture")
    }

    /// `km` north of a point.
    static func north(_ p: GeoPoint, _ km: Double) -> GeoPoint {
        GeoPoint(lat: p.lat + km / GeoDistance.kmPerDegree, lon: p.lon)
    }

    static let middleOfRoad = GeoPoint(lat: (timbuktu.lat + goundam.lat) / 2, lon: (timbuktu.lon + goundam.lon) / 2)

    @Test(arguments: [
        (T.north(T.timbuktu, 49), true), (T.north(T.timbuktu, 51), false), (GeoPoint(lat: 16.2717, lon: -0.0447), false),
    ])
    func circleZone(point: GeoPoint, inside: Bool) {
        let rules = [AlertRule(name: "near", zone: Self.circle)]
        #expect(match(Self.incident(at: point), rules) == (inside ? ["near"] : []))
    }

    @Test(arguments: [
        // The road runs west-south-west, so a point due north of it lies 0.87 of that distance from it.
        (T.middleOfRoad, true), (T.north(T.middleOfRoad, 6.5), false), (T.north(T.middleOfRoad, 5.0), true),
        // Due south of Goundam lies beyond the road's end: the round cap.
        (T.north(T.goundam, -4.9), true), (T.north(T.goundam, -5.1), false),
    ])
    func corridorZone(point: GeoPoint, inside: Bool) {
        let rules = [AlertRule(name: "road", zone: Self.road)]
        #expect(match(Self.incident(at: point), rules) == (inside ? ["road"] : []))
    }

    @Test func noLocationNeverMatchesAZone() {
        #expect(match(Self.incident(at: nil), [AlertRule(name: "near", zone: Self.circle)]) == [])
        #expect(match(Self.incident(at: nil), [AlertRule(name: "any")]) == ["any"])
    }

    @Test func actors() {
        let rule = AlertRule(name: "jnim", actors: [3])
        #expect(match(Self.incident(at: Self.timbuktu, actors: [0, 3]), [rule]) == ["jnim"])
        #expect(match(Self.incident(at: Self.timbuktu, actors: [0]), [rule]) == [])
        #expect(match(Self.incident(at: Self.timbuktu, actors: [4]), [AlertRule(name: "either", actors: [3, 4])]) == ["either"])
    }

    @Test func types() {
        let rule = AlertRule(name: "violent", types: [.battle, .explosion])
        #expect(match(Self.incident(at: nil, type: .battle), [rule]) == ["violent"])
        #expect(match(Self.incident(at: nil, type: .explosion), [rule]) == ["violent"])
        #expect(match(Self.incident(at: nil, type: .protest), [rule]) == [])
        #expect(match(Self.incident(at: nil, type: .other("curfew")), [rule]) == [])
    }

    @Test func fatalities() {
        let rule = AlertRule(name: "mass", minFatalities: 10)
        #expect(match(Self.incident(at: nil, dead: 10), [rule]) == ["mass"])
        #expect(match(Self.incident(at: nil, dead: 9), [rule]) == [])
        #expect(match(Self.incident(at: nil, dead: nil), [rule]) == [])
        // No minimum: an unknown count is no obstacle.
        #expect(match(Self.incident(at: nil, dead: nil), [AlertRule(name: "any")]) == ["any"])
    }

    @Test func text() throws {
        let blockade = AlertRule(name: "blockade", text: try TextQuery("blockade"))
        #expect(match(Self.incident(at: nil, summary: "JNIM declares a BLOCKADE of Timbuktu"), [blockade]) == ["blockade"])
        #expect(match(Self.incident(at: nil, summary: "clashes"), [blockade]) == [])
        // Accents folded; places and actors' names count, as in the / filter.
        let place = AlertRule(name: "ber", text: try TextQuery("ber"))
        #expect(match(Self.incident(at: nil, place: "Bér"), [place]) == ["ber"])
        let actor = AlertRule(name: "qaeda", text: try TextQuery("qaeda"))
        #expect(match(Self.incident(at: nil, actors: [3]), [actor]) == ["qaeda"])
        let not = AlertRule(name: "not", text: try TextQuery("!blockade"))
        #expect(match(Self.incident(at: nil, summary: "clashes"), [not]) == ["not"])
        #expect(match(Self.incident(at: nil, summary: "a blockade"), [not]) == [])
        let regex = AlertRule(name: "re", text: try TextQuery("re:ied|mine"))
        #expect(match(Self.incident(at: nil, summary: "IED on the road"), [regex]) == ["re"])
    }

    @Test func conditionsCombine() throws {
        let rule = AlertRule(name: "JNIM near Timbuktu", zone: Self.circle, actors: [3], types: [.battle, .explosion],
                             minFatalities: 1, text: try TextQuery("blockade"))
        let good = Self.incident(at: Self.north(Self.timbuktu, 10), actors: [3], type: .explosion, dead: 2, summary: "blockade convoy hit")
        #expect(match(good, [rule]) == [rule.name])
        var far = good; far.location = Self.north(Self.timbuktu, 80)
        var other = good; other.actors = [0]
        var protest = good; protest.type = .protest
        var unknownDead = good; unknownDead.fatalities = nil
        var noWord = good; noWord.summary = "convoy hit"
        for miss in [far, other, protest, unknownDead, noWord] { #expect(match(miss, [rule]) == []) }
        // Several rules: every one that matches, in order.
        let rules = [AlertRule(name: "a", minFatalities: 1), rule, AlertRule(name: "z", zone: Self.road)]
        #expect(match(good, rules) == ["a", rule.name])
    }

    @Test func zonesNoRuleNamesAlertOnEverything() {
        let named = [AlertRule(name: "JNIM near Timbuktu", zone: Self.circle, actors: [3])]
        let implicit = AlertRule.implicitRules(for: [Self.circle, Self.road], besides: named)
        #expect(implicit == [AlertRule(name: "Route Timbuktu-Goundam", zone: Self.road, isImplicit: true)])
        let clash = AlertRule.implicitRules(for: [Self.road], besides: [AlertRule(name: "Route Timbuktu-Goundam")])
        #expect(clash.map(\.name) == ["Zone: Route Timbuktu-Goundam"])
        #expect(match(Self.incident(at: Self.middleOfRoad, actors: [6]), named + implicit) == ["Route Timbuktu-Goundam"])
    }
}
