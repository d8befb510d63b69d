import MonitorCore

/// ACLED's surge rule, per area (a zone, or one of Mali's regions): an area surges when its
/// incidents of the last 7 days are at least twice the weekly mean of the 4 weeks before, and
/// never while that mean is below 1 (ARCHITECTURE.md §9).
///
/// Time is the incidents' own: the week is the 7 UTC days ending with the day of the newest
/// incident seen in that area, so a history read in order surges where it surged, and an area
/// moves on only when something happens in it. An area is judged only from 4 weeks after its
/// first incident (before that, its baseline would count weeks nobody watched as quiet ones).
/// A late report counts in its own day (or not at all once older than the 5 weeks the rule
/// reads). Each area keeps 35 day counts in a ring, so memory is bounded by the number of areas
/// and an arrival costs O(areas it falls in).
public struct SurgeTracker: Sendable {
    public static let weekDays: Int64 = 7
    public static let baselineWeeks: Int64 = 4
    /// Days one area keeps: the week and the weeks before it.
    public static let keptDays = weekDays * (baselineWeeks + 1)

    /// A surge beginning: the area, and the incident whose arrival tipped it.
    public struct Surge: Sendable, Equatable {
        public var area: String
        public var incident: IncidentRef
        public var lastWeek: Int
        /// Incidents of the 4 weeks before the last one, all told (the weekly mean is a quarter).
        public var baseline: Int

        /// The rule name an alert for it carries (`AlertKey.rule`).
        public var ruleName: String { "Surge: " + area }
    }

    /// One area's window, apart from its day counts (`days`), so counting an arrival changes a
    /// few numbers in place and copies nothing (ARCHITECTURE.md §9: this runs per arrival).
    fileprivate struct Area: Sendable {
        /// Counted at least once; an area never seen has nothing else set.
        var seen = false
        var surging = false
        var newestDay: Int64 = 0
        /// The day of the first incident counted, so an area is not judged on a baseline from
        /// before it was watched.
        var firstDay: Int64 = 0
        /// The last week's and the 4 weeks' before it sums, kept as incidents are counted (worked
        /// out again from the days only when the window moves on).
        var lastWeek = 0
        var baseline = 0
    }

    /// By area number (`SurgeAreas`: the zones, then the regions).
    private var areas: [Area] = []
    /// Each area's incidents by day number modulo `keptDays`, for the days newestDay-34 …
    /// newestDay: `keptDays` counts per area, area after area.
    private var days: [Int32] = []
    /// Area numbers for the named form of `record` (tests, and callers without numbers).
    private var numbers: [String: Int] = [:]

    public init() {}

    /// Counts one incident in each of its areas; returns the areas this arrival tipped into a surge.
    /// `incident` is worked out only then: nearly every arrival tips nothing.
    public mutating func record(time: Int64, areas names: [String], incident: @autoclosure () -> IncidentRef) -> [Surge] {
        var surges: [Surge] = []
        for name in names {
            // A name gets the next free number (a tracker is fed by name or by number, not both).
            let number = numbers[name] ?? {
                let n = areas.count
                numbers[name] = n
                grow(to: n + 1)
                return n
            }()
            if let (lastWeek, baseline) = record(time: time, area: number) {
                surges.append(Surge(area: name, incident: incident(), lastWeek: lastWeek, baseline: baseline))
            }
        }
        return surges
    }

    /// Counts one incident in the area numbered `area`; returns the week's and the baseline's sums
    /// when it tipped the area into a surge. O(1) but for the day the window moves on.
    @inline(__always)
    public mutating func record(time: Int64, area: Int) -> (lastWeek: Int, baseline: Int)? {
        counting(areas: area + 1) { $0.record(time: time, area: area) }
    }

    /// Counts a batch's arrivals: `body` gets a `Counting` over areas numbered below `areaCount`,
    /// which counts with no check of sharing or size per arrival (ARCHITECTURE.md §9).
    package mutating func counting<R>(areas areaCount: Int, _ body: (inout Counting) -> R) -> R {
        grow(to: areaCount)
        return areas.withUnsafeMutableBufferPointer { areas in
            days.withUnsafeMutableBufferPointer { days in
                var counting = Counting(areas: areas, days: days)
                return body(&counting)
            }
        }
    }

    /// `record(time:area:)` for the areas of one batch (`counting(areas:_:)`).
    package struct Counting {
        fileprivate let areas: UnsafeMutableBufferPointer<Area>
        fileprivate let days: UnsafeMutableBufferPointer<Int32>

        @inline(__always)
        package mutating func record(time: Int64, area: Int) -> (lastWeek: Int, baseline: Int)? {
            let day = SurgeTracker.day(time)
            let kept = Int(SurgeTracker.keptDays)
            let counts = UnsafeMutableBufferPointer(rebasing: days[area * kept..<(area + 1) * kept])
            if !areas[area].seen { areas[area] = Area(seen: true, newestDay: day, firstDay: day) }
            return SurgeTracker.count(&areas[area], counts, day: day)
        }
    }

    private mutating func grow(to count: Int) {
        guard count > areas.count else { return }
        days += Array(repeating: 0, count: (count - areas.count) * Int(Self.keptDays))
        areas += Array(repeating: Area(), count: count - areas.count)
    }

    @inline(__always)
    private static func count(_ area: inout Area, _ counts: UnsafeMutableBufferPointer<Int32>, day: Int64) -> (Int, Int)? {
        if day > area.newestDay { advance(&area, counts, to: day) }
        guard day > area.newestDay - keptDays else { return nil }
        counts[index(day)] += 1
        if day > area.newestDay - weekDays { area.lastWeek += 1 } else { area.baseline += 1 }
        area.firstDay = min(area.firstDay, day)
        guard !area.surging, area.newestDay - area.firstDay >= baselineWeeks * weekDays,
              isSurge(lastWeek: area.lastWeek, baseline: area.baseline) else { return nil }
        area.surging = true
        return (area.lastWeek, area.baseline)
    }

    /// Moves an area's window on to a later day. An episode ends on the first day that closes
    /// without the surge condition: the newest day, and the quiet days after it, are judged
    /// whole here, while a day still receiving incidents can only start a surge, so a surge does
    /// not end and start again each morning when the window drops its oldest day.
    private static func advance(_ area: inout Area, _ counts: UnsafeMutableBufferPointer<Int32>, to day: Int64) {
        func closeDay() {
            if area.surging { area.surging = isSurge(sums(area.newestDay, counts)) }
        }
        // (The running sums describe the window before the move; the days are read afresh here.)
        closeDay()
        if day - 1 > area.newestDay {
            // Clear the quiet days the window moves over (all of them after a long quiet).
            for d in max(area.newestDay + 1, day - keptDays)..<day { counts[index(d)] = 0 }
            area.newestDay = day - 1
            closeDay()
        }
        counts[index(day)] = 0
        area.newestDay = day
        (area.lastWeek, area.baseline) = sums(day, counts)
    }

    private static func isSurge(_ sums: (lastWeek: Int, baseline: Int)) -> Bool {
        isSurge(lastWeek: sums.lastWeek, baseline: sums.baseline)
    }

    /// Whether an area (named as in `record(time:areas:incident:)`) is in a surge episode.
    public func isSurging(_ name: String) -> Bool { area(name)?.surging ?? false }

    /// The last week's count and the 4 weeks' before it, for an area (zeros when never seen).
    public func counts(_ name: String) -> (lastWeek: Int, baseline: Int) {
        area(name).map { ($0.lastWeek, $0.baseline) } ?? (0, 0)
    }

    private func area(_ name: String) -> Area? {
        guard let n = numbers[name], n < areas.count, areas[n].seen else { return nil }
        return areas[n]
    }

    /// At least twice the weekly mean (baseline / 4), that mean at least 1; in whole numbers.
    public static func isSurge(lastWeek: Int, baseline: Int) -> Bool {
        let weeks = Int(baselineWeeks)
        return baseline >= weeks && lastWeek * weeks >= 2 * baseline
    }

    private static func sums(_ newestDay: Int64, _ counts: UnsafeMutableBufferPointer<Int32>) -> (Int, Int) {
        var lastWeek = 0, baseline = 0
        for back in 0..<keptDays {
            let n = Int(counts[index(newestDay - back)])
            if back < weekDays { lastWeek += n } else { baseline += n }
        }
        return (lastWeek, baseline)
    }

    /// UTC day number of a time (floor, so times before 1970 fall on the right day).
    static func day(_ time: Int64) -> Int64 {
        time >= 0 ? time / 86400 : (time - 86399) / 86400
    }

    private static func index(_ day: Int64) -> Int {
        Int(((day % keptDays) + keptDays) % keptDays)
    }
}
