import MonitorCore

/// Incidents per time bucket (a day, or several when the range is long), and which actor leads
/// each bucket, over the incidents the filters show.
public struct TimelineHistogram: Sendable, Equatable {
    /// Start of the first bucket (midnight UTC) and the bucket length, in seconds.
    public let start: Int64
    public let bucketSeconds: Int64
    public private(set) var counts: [Int]
    /// Per bucket, the actor with the most incidents (its colour marks the bar).
    public private(set) var leaders: [ActorID]
    /// Per bucket, incidents led by each of 16 actors, kept so later arrivals can be added.
    private var tallies: [Int]
    /// The strip's width when built: the histogram may grow by whole buckets up to it.
    private var columns = 1

    public var buckets: Int { counts.count }

    /// Buckets covering `first...last` in at most `columns` columns: whole days, else whole weeks,
    /// else as many days as it takes.
    public init(first: Int64, last: Int64, columns: Int) {
        let day: Int64 = 86_400
        let startDay = Self.floorDiv(first, day) * day
        let days = max(1, Self.floorDiv(last, day) - startDay / day + 1)
        let cols = Int64(max(1, columns))
        var size: Int64 = 1
        if days > cols { size = days <= cols * 7 ? 7 : (days + cols - 1) / cols }
        start = startDay
        bucketSeconds = size * day
        let n = Int((days + size - 1) / size)
        counts = Array(repeating: 0, count: n)
        leaders = Array(repeating: 0, count: n)
        tallies = Array(repeating: 0, count: n * 16)
        self.columns = max(1, columns)
    }

    /// Adds empty buckets so `time` falls in the last one; false when that would need more
    /// buckets than columns (then the caller builds a coarser histogram).
    public mutating func extend(through time: Int64) -> Bool {
        let needed = Self.floorDiv(time - start, bucketSeconds) + 1
        guard needed > Int64(counts.count) else { return true }
        guard needed <= Int64(columns) else { return false }
        let extra = Int(needed) - counts.count
        counts += Array(repeating: 0, count: extra)
        leaders += Array(repeating: 0, count: extra)
        tallies += Array(repeating: 0, count: extra * 16)
        return true
    }

    public func bucket(of time: Int64) -> Int? {
        let b = Self.floorDiv(time - start, bucketSeconds)
        return b >= 0 && b < Int64(counts.count) ? Int(b) : nil
    }

    /// Counts one incident in a bucket, leaving its leader to `settleLeaders` (a scan adds many,
    /// then settles once).
    @inline(__always)
    public mutating func add(bucket b: Int, lead: ActorID) {
        counts[b] += 1
        tallies[b * 16 + Int(lead & 0xF)] += 1
    }

    /// Adds another histogram of the same buckets (a part of a scan done on another core).
    public mutating func merge(_ other: TimelineHistogram) {
        guard other.start == start, other.bucketSeconds == bucketSeconds else { return }
        for b in 0..<min(counts.count, other.counts.count) { counts[b] += other.counts[b] }
        for i in 0..<min(tallies.count, other.tallies.count) { tallies[i] += other.tallies[i] }
    }

    /// Adds raw per-bucket counts and lead-actor tallies (16 per bucket) gathered by a scan.
    package mutating func add(counts more: UnsafeBufferPointer<Int>, tallies moreTallies: UnsafeBufferPointer<Int>) {
        for b in 0..<min(counts.count, more.count) { counts[b] += more[b] }
        for i in 0..<min(tallies.count, moreTallies.count) { tallies[i] += moreTallies[i] }
    }

    /// Works out the leading actor of the buckets `add` counted in.
    public mutating func settleLeaders(of buckets: [Int]) {
        for b in buckets where b >= 0 && b < counts.count { leaders[b] = leader(of: b) }
    }

    /// Works out every bucket's leading actor from the tallies.
    public mutating func settleLeaders() {
        for b in counts.indices { leaders[b] = leader(of: b) }
    }

    private func leader(of b: Int) -> ActorID {
        var best = 0
        for a in 0..<16 where tallies[b * 16 + a] > tallies[b * 16 + best] { best = a }
        return ActorID(best)
    }

    package static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
