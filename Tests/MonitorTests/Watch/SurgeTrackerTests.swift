import Testing
@testable import MonitorCore
@testable import MonitorState

@Suite struct SurgeTrackerTests {
    /// Noon of day `day` after a Monday (day 0), in seconds.
    static let start: Int64 = 19_570 * 86400
    static func time(day: Int) -> Int64 { start + Int64(day) * 86400 + 43200 }
    static func ref(_ n: Int) -> IncidentRef { IncidentRef(source: "s", id: "e\(n)") }

    /// Feeds `perWeek[w]` incidents in week w (all on its first day) into one area; returns the
    /// surges raised, with the number of the incident that raised each.
    static func feed(_ perWeek: [Int], into tracker: inout SurgeTracker, area: String = "A", from first: Int = 0) -> [Int] {
        var raised: [Int] = []
        var n = first
        for (week, count) in perWeek.enumerated() {
            for _ in 0..<count {
                n += 1
                if !tracker.record(time: time(day: week * 7), areas: [area], incident: ref(n)).isEmpty { raised.append(n) }
            }
        }
        return raised
    }

    @Test func doubleTheMeanSurges() {
        var tracker = SurgeTracker()
        let raised = Self.feed([2, 2, 2, 2, 4], into: &tracker)
        // The fourth incident of week 5 makes 4 ≥ 2 × 2.
        #expect(raised == [12])
        #expect(tracker.isSurging("A"))
        #expect(tracker.counts("A") == (4, 8))
    }

    @Test func lessThanDoubleDoesNot() {
        var tracker = SurgeTracker()
        #expect(Self.feed([2, 2, 2, 2, 3], into: &tracker) == [])
        #expect(!tracker.isSurging("A"))
    }

    @Test func meanBelowOneNeverSurges() {
        var tracker = SurgeTracker()
        #expect(Self.feed([1, 0, 1, 1, 10], into: &tracker) == [])
        // A mean of exactly 1 may.
        var other = SurgeTracker()
        #expect(Self.feed([1, 1, 1, 1, 2], into: &other) == [6])
    }

    @Test func oncePerEpisode() {
        var tracker = SurgeTracker()
        // Week 5 surges; week 6 keeps surging (6 against a mean of 3), though its first incident
        // alone is not twice the mean: the episode goes on and nothing new is raised.
        let raised = Self.feed([2, 2, 2, 2, 6, 6], into: &tracker)
        #expect(raised == [12])
        // Calm weeks end the episode; a new surge later raises again.
        var calm = SurgeTracker()
        let again = Self.feed([2, 2, 2, 2, 4, 1, 1, 1, 1, 1, 1, 1, 4], into: &calm)
        #expect(again == [12, 21])
    }

    @Test func notJudgedBeforeFourWeeksOfWatching() {
        // Two weeks of 2, then 4: twice the mean of the weeks seen, but nobody watched before.
        var tracker = SurgeTracker()
        #expect(Self.feed([2, 2, 4], into: &tracker) == [])
    }

    @Test func areasAreSeparate() {
        var tracker = SurgeTracker()
        _ = Self.feed([2, 2, 2, 2], into: &tracker, area: "A")
        _ = Self.feed([0, 0, 0, 0, 4], into: &tracker, area: "B", from: 100)
        #expect(!tracker.isSurging("B"))
        let surges = tracker.record(time: Self.time(day: 28), areas: ["B", "A"], incident: Self.ref(500))
        #expect(surges.isEmpty)
        #expect(tracker.counts("A") == (1, 8))
    }

    @Test func lateIncidentsCountInTheirOwnDay() {
        var tracker = SurgeTracker()
        _ = Self.feed([2, 2, 2, 2, 3], into: &tracker)
        #expect(tracker.counts("A") == (3, 8))
        // A report from two weeks back adds to the baseline, not the last week.
        #expect(tracker.record(time: Self.time(day: 14), areas: ["A"], incident: Self.ref(90)).isEmpty)
        #expect(tracker.counts("A") == (3, 9))
        // Two on the next day: the first makes 4 (short of 2 × 9 / 4), the second 5 tips it.
        #expect(tracker.record(time: Self.time(day: 29), areas: ["A"], incident: Self.ref(91)).isEmpty)
        let surges = tracker.record(time: Self.time(day: 29), areas: ["A"], incident: Self.ref(92))
        #expect(surges == [SurgeTracker.Surge(area: "A", incident: Self.ref(92), lastWeek: 5, baseline: 9)])
        #expect(surges.first?.ruleName == "Surge: A")
        // Older than the five weeks the rule reads: not counted at all.
        #expect(tracker.record(time: Self.time(day: -30), areas: ["A"], incident: Self.ref(93)).isEmpty)
        #expect(tracker.counts("A") == (5, 9))
    }

    @Test func theWindowSlidesAndForgets() {
        var tracker = SurgeTracker()
        _ = Self.feed([2, 2, 2, 2, 4], into: &tracker)
        #expect(tracker.isSurging("A"))
        // Ten weeks of quiet later, one incident: the old counts are gone.
        #expect(tracker.record(time: Self.time(day: 35 + 70), areas: ["A"], incident: Self.ref(99)).isEmpty)
        #expect(tracker.counts("A") == (1, 0))
        #expect(!tracker.isSurging("A"))
    }

    /// Areas counted by number share one flat table of day counts: each keeps its own, whatever
    /// the order arrivals come in, as a tracker fed that area alone does.
    @Test func areasCountedTogetherKeepTheirOwnDays() {
        var random = SplitMix64(seed: 35)
        var together = SurgeTracker()
        var alone = [SurgeTracker](repeating: SurgeTracker(), count: 12)
        for n in 0..<20_000 {
            // Each area's days move on at its own pace, now and then with a late report.
            let area = random.below(12)
            let day = n / (40 + area * 7) - (random.chance(percent: 5) ? random.below(40) : 0)
            let time = Self.time(day: day) + Int64(random.below(3600))
            // By turns one at a time and through a batch's counting scope: the two count alike.
            let tipped = n % 2 == 0 ? together.record(time: time, area: area)
                : together.counting(areas: 12) { $0.record(time: time, area: area) }
            #expect(tipped.map { [$0.lastWeek, $0.baseline] } == alone[area].record(time: time, area: 0).map { [$0.lastWeek, $0.baseline] },
                    "arrival \(n)")
        }
    }
}

@Suite struct SurgeAreasTests {
    @Test func zonesThenTheRegion() {
        let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
        let areas = SurgeAreas(zones: [
            Zone(name: "Timbuktu 50 km", shape: .circle(center: timbuktu, radiusKm: 50)),
            Zone(name: "Gao 20 km", shape: .circle(center: GeoPoint(lat: 16.2717, lon: -0.0447), radiusKm: 20)),
        ])
        #expect(areas.areas(of: timbuktu) == ["Timbuktu 50 km", "Tombouctou region"])
        #expect(areas.areas(of: GeoPoint(lat: 18.4435, lon: 1.4092)) == ["Kidal region"])
        #expect(areas.areas(of: GeoPoint(lat: 13.51, lon: 2.11)) == [])  // Niamey
        #expect(areas.areas(of: nil) == [])
    }
}
