import Monitor

/// `days --file PATH`: what a store that has run for days costs (issue 12). Each scenario loads
/// the file, then feeds arrivals through the reducer one batch at a time, as the run loop does.
func runDays(_ options: Options) throws {
    let path = try options.required("file")
    guard fileExists(path) else { throw UsageError("no such file: \(path)") }
    let arrivals = max(1, try options.int("arrivals", default: 2000))
    let only = options.string("only")
    func wanted(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }

    if wanted("limit") {
        // One new incident a batch, the newest: below the limit, then with the store full.
        let (_, _, loaded) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20)
        let count = loaded.store.count
        let below = liveArrivals(loaded, count: arrivals, capacity: nil, window: false)
        let (_, _, full) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20, capacity: count)
        let at = liveArrivals(full, count: arrivals, capacity: count, window: false)
        print("arrivals below the limit (\(grouped(count)) stored): \(below.summary)")
        print("arrivals at the limit (\(grouped(count)) stored, limit \(grouped(count))): \(at.summary)")
        print("RESULT days_limit below_us=\(fixed(below.cpuPerArrival * 1e6, 1)) at_us=\(fixed(at.cpuPerArrival * 1e6, 1)) at_worst_ms=\(fixed(at.worst * 1e3, 2))")
    }
    if wanted("window") {
        let (_, _, loaded) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20)
        let off = liveArrivals(loaded, count: arrivals, capacity: nil, window: false)
        let on = liveArrivals(loaded, count: arrivals, capacity: nil, window: true)
        print("arrivals, window off: \(off.summary)")
        print("arrivals, 24 h window on: \(on.summary)")
        print("RESULT days_window off_us=\(fixed(off.cpuPerArrival * 1e6, 1)) on_us=\(fixed(on.cpuPerArrival * 1e6, 1)) on_worst_ms=\(fixed(on.worst * 1e3, 2))")
    }
    if wanted("late") {
        // 100,000 reports appended live in batches of 4,000 onto the loaded store: older than the
        // newest (spread over its second half), then, for comparison, the same number newer.
        let (_, _, loaded) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20)
        let late = appendLive(loaded, older: true)
        let newer = appendLive(loaded, older: false)
        print("100,000 late reports in 25 batches onto \(grouped(loaded.store.count)): \(late.summary)")
        print("100,000 newer reports in 25 batches onto \(grouped(loaded.store.count)): \(newer.summary)")
        print("RESULT days_late seconds=\(fixed(late.seconds, 3)) worst_ms=\(fixed(late.worst * 1e3, 1)) newer_seconds=\(fixed(newer.seconds, 3)) ratio=\(fixed(late.seconds / max(newer.seconds, 1e-9), 2))")
    }
    if wanted("flood") {
        // A flood at the limit: batches of 1,000 new incidents until the store has turned over a
        // third of itself, through eviction steps and slot reclaims; the slowest batch is what a
        // key waits for at worst.
        let (_, _, loaded) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20, capacity: try options.int("limit", default: 1_000_000))
        var state = loaded
        let reducer = Reducer()
        guard let newest = state.store.timeOrder.last else { return }
        let template = state.store.incident(newest)
        let batches = max(1, state.store.count / 3 / 1_000)
        var worst = 0.0, worstReclaim = 0.0
        var times: [Double] = []
        let cpu = cpuSeconds(), start = monoNanos()
        for b in 0..<batches {
            var batch = IngestBatch(source: 0, status: .following)
            batch.incidents = (0..<1_000).map { k in
                var incident = template
                incident.id = "flood-\(b)-\(k)"
                incident.time = template.time + Int64(b * 1_000 + k + 1)
                return incident
            }
            batch.linesRead = 1_000
            let reclaims = state.store.reclaimed
            let t = monoNanos()
            _ = reducer.reduce(&state, .ingest(batch))
            let took = Double(monoNanos() &- t) / 1e9
            if b > 0 { times.append(took) }
            if state.store.reclaimed != reclaims { worstReclaim = max(worstReclaim, took) } else if b > 0 { worst = max(worst, took) }
        }
        times.sort()
        let wall = Double(monoNanos() &- start) / 1e9
        print("flood at the limit of \(grouped(loaded.store.count)): \(grouped(batches)) batches of 1,000 in \(fixed(wall, 2)) s (CPU \(fixed(cpuSeconds() - cpu, 2)) s), "
            + "median batch \(fixed(times[times.count / 2] * 1e3, 2)) ms, worst \(fixed(worst * 1e3, 1)) ms, worst with a slot reclaim \(fixed(worstReclaim * 1e3, 1)) ms; "
            + "\(state.store.evicted) evicted, \(state.store.reclaimed) reclaims, \(grouped(state.store.records.count)) slots")
        print("RESULT days_flood worst_ms=\(fixed(worst * 1e3, 1)) reclaim_ms=\(fixed(worstReclaim * 1e3, 1))")
    }
    if wanted("corrections") {
        // Corrections and retractions of old incidents, in a store of the whole file and in one
        // of a sixth of it: what each costs must not grow with the store.
        let (_, _, big) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20)
        let (_, _, small) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20, capacity: max(1, big.store.count / 6))
        let count = min(arrivals * 10, small.store.count / 2)
        let inSmall = correctOld(small, count: count)
        let inBig = correctOld(big, count: count)
        print("\(grouped(count)) corrections, then \(grouped(count)) retractions, of old incidents in batches of 1,000:")
        print("  store of \(grouped(small.store.count)): \(inSmall.summary)")
        print("  store of \(grouped(big.store.count)): \(inBig.summary)")
        print("RESULT days_corrections small=\(small.store.count) big=\(big.store.count) small_us=\(fixed(inSmall.correction * 1e6, 2)) big_us=\(fixed(inBig.correction * 1e6, 2)) "
            + "ratio=\(fixed(inBig.correction / max(inSmall.correction, 1e-12), 2)) retract_small_us=\(fixed(inSmall.retraction * 1e6, 2)) retract_big_us=\(fixed(inBig.retraction * 1e6, 2)) "
            + "retract_ratio=\(fixed(inBig.retraction / max(inSmall.retraction, 1e-12), 2)) live_small_us=\(fixed(inSmall.live * 1e6, 1)) live_big_us=\(fixed(inBig.live * 1e6, 1)) "
            + "live_ratio=\(fixed(inBig.live / max(inSmall.live, 1e-12), 2))")
    }
    if wanted("memory") {
        memoryOverTime(path: path)
    }
}

/// Corrects `count` incidents of the older half of the store (a new summary and one more death
/// each), in batches of 1,000 as a re-downloaded file brings them, then retracts as many others;
/// CPU seconds per correction and per retraction.
private func correctOld(_ loaded: AppState, count: Int) -> (correction: Double, retraction: Double, live: Double, summary: String) {
    var state = loaded
    let reducer = Reducer()
    let order = state.store.timeOrder
    let half = max(1, order.count / 2)
    // Every other incident of the older half (the first `count` of them) is corrected; the ones
    // between are retracted.
    let step = max(2, half / max(1, count))
    let corrected = stride(from: 0, to: half, by: step).prefix(count).map { state.store.incident(order[$0]) }
    let retracted = stride(from: 1, to: half, by: step).prefix(count).compactMap { state.store.incident(order[$0]).id }
    // Not measured: the first change copies the loaded state, which the caller still holds.
    var warm = IngestBatch(source: 0, status: .following)
    warm.incidents = [state.store.incident(order[order.count - 1])]
    _ = reducer.reduce(&state, .ingest(warm))
    var cpu = cpuSeconds()
    for first in stride(from: 0, to: corrected.count, by: 1_000) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = corrected[first..<min(first + 1_000, corrected.count)].map { old in
            var incident = old
            incident.summary += " (corrected)"
            incident.fatalities = (incident.fatalities ?? 0) + 1
            return incident
        }
        batch.linesRead = batch.incidents.count
        _ = reducer.reduce(&state, .ingest(batch))
    }
    let correction = (cpuSeconds() - cpu) / Double(max(1, corrected.count))
    cpu = cpuSeconds()
    for first in stride(from: 0, to: retracted.count, by: 1_000) {
        var batch = IngestBatch(source: 0, status: .following)
        batch.retractions = Array(retracted[first..<min(first + 1_000, retracted.count)])
        batch.linesRead = batch.retractions.count
        _ = reducer.reduce(&state, .ingest(batch))
    }
    let retraction = (cpuSeconds() - cpu) / Double(max(1, retracted.count))
    // Then as a followed file brings them: one correction a batch, each of an incident of the
    // third quarter by time (not touched yet), and the derived state brought up to date after each.
    let quarter = max(1, order.count / 4)
    let untouched: [Incident] = stride(from: half, to: half + quarter, by: max(1, quarter / 200)).prefix(200).map { state.store.incident(order[$0]) }
    cpu = cpuSeconds()
    for old in untouched {
        var batch = IngestBatch(source: 0, status: .following)
        var incident = old
        incident.summary += " (corrected live)"
        batch.incidents = [incident]
        batch.linesRead = 1
        _ = reducer.reduce(&state, .ingest(batch))
    }
    let live = (cpuSeconds() - cpu) / Double(max(1, untouched.count))
    let changes = corrected.filter { $0.control != nil }.count
    return (correction, retraction, live,
            "corrections \(fixed(correction * 1e6, 2)) µs each (\(grouped(changes)) of them changes of hands), retractions \(fixed(retraction * 1e6, 2)) µs each, "
            + "one correction a batch \(fixed(live * 1e6, 1)) µs each; \(grouped(state.store.count)) stored, \(grouped(state.store.control.count)) changes of hands kept")
}

/// What feeding `count` single-incident batches costs, each newer than everything (a minute
/// apart), with the 24 h window on or off.
private func liveArrivals(_ loaded: AppState, count: Int, capacity: Int?, window: Bool) -> (summary: String, cpuPerArrival: Double, worst: Double) {
    var state = loaded
    let reducer = Reducer()
    if window {
        while state.filter.window.seconds != 86_400 { _ = reducer.reduce(&state, .key(.char("t"))) }
    }
    guard let newest = state.store.timeOrder.last else { return ("empty store", 0, 0) }
    let template = state.store.incident(newest)
    var samples: [Double] = []
    var cpu = 0.0
    // Arrival 0 is not measured: it copies the loaded state, which the caller still holds.
    for i in 0...count {
        if i == 1 { cpu = cpuSeconds() }
        var incident = template
        incident.id = "live-\(i)"
        incident.time = template.time + Int64(i + 1) * 60
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = [incident]
        batch.linesRead = 1
        let t = monoNanos()
        _ = reducer.reduce(&state, .ingest(batch))
        if i > 0 { samples.append(Double(monoNanos() &- t) / 1e9) }
    }
    let used = cpuSeconds() - cpu
    samples.sort()
    let perArrival = used / Double(count)
    let summary = "\(grouped(count)) arrivals: CPU \(fixed(perArrival * 1e6, 1)) µs each, median \(fixed(samples[samples.count / 2] * 1e3, 3)) ms, "
        + "worst \(fixed((samples.last ?? 0) * 1e3, 2)) ms, \(grouped(state.store.count)) stored, \(grouped(state.feed.count)) in the feed"
    _ = capacity
    return (summary, perArrival, samples.last ?? 0)
}

/// Resident memory while a store with a limit of 100,000 takes ten times that many unique
/// incidents, then a million revisions of a thousand ids.
private func memoryOverTime(path: String) {
    let limit = 100_000
    var state = AppState(sources: [SourceInfo(name: path)], capacity: limit)
    let reducer = Reducer()
    _ = reducer.reduce(&state, .resize(width: 200, height: 60))
    let (_, _, sample) = intoStore(path: path, pick: .choice(nil), budget: 1 << 20, capacity: 1_000)
    guard let first = sample.store.timeOrder.first else { return }
    let template = sample.store.incident(first)
    let start = currentRSSBytes()
    var line = ""
    func feed(_ total: Int, id: (Int) -> String) {
        for b in 0..<(total / 5_000) {
            var batch = IngestBatch(source: 0, status: .following)
            batch.incidents = (0..<5_000).map { k in
                var incident = template
                let n = b * 5_000 + k
                incident.id = id(n)
                incident.time = template.time + Int64(n) * 30
                return incident
            }
            batch.linesRead = 5_000
            _ = reducer.reduce(&state, .ingest(batch))
            if (b + 1) * 5_000 % 200_000 == 0 {
                line += " \(grouped((b + 1) * 5_000)):\(fixed(Double(currentRSSBytes() - start) / 1_048_576, 0))"
            }
        }
    }
    feed(1_000_000, id: { "u\($0)" })
    print("unique arrivals at a limit of \(grouped(limit)), resident growth in MiB after N:\(line); \(grouped(state.store.count)) stored, \(grouped(state.store.records.count)) slots")
    let afterUnique = currentRSSBytes()
    line = ""
    feed(1_000_000, id: { "r\($0 % 1_000)" })
    print("revisions of 1,000 ids, resident growth in MiB after N:\(line); \(grouped(state.store.count)) stored, \(grouped(state.store.records.count)) slots")
    print("RESULT days_memory unique_mib=\(fixed(Double(afterUnique - start) / 1_048_576, 0)) revisions_mib=\(fixed(Double(currentRSSBytes() - start) / 1_048_576, 0))")
}

/// Appends 100,000 incidents in 25 batches of 4,000, each older than the newest (at random over
/// the store's second half) or each newer; returns the time, the slowest batch and a summary.
private func appendLive(_ loaded: AppState, older: Bool) -> (seconds: Double, worst: Double, summary: String) {
    var state = loaded
    let reducer = Reducer()
    let template = state.store.incident(state.store.timeOrder[state.store.count / 2])
    let newest = state.store.newestTime ?? 0
    let span = newest - template.time
    // Not measured: the first change copies the loaded state, which the caller still holds.
    var warm = IngestBatch(source: 0, status: .following)
    warm.incidents = [template]
    _ = reducer.reduce(&state, .ingest(warm))
    var rng = UInt64(12)
    var worst = 0.0
    let cpu = cpuSeconds(), start = monoNanos()
    for b in 0..<25 {
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = (0..<4000).map { k in
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            var incident = template
            incident.id = "\(older ? "late" : "new")-\(b)-\(k)"
            incident.time = older ? template.time + Int64(rng >> 33) % max(1, span) : newest + Int64(b * 4000 + k + 1)
            return incident
        }
        batch.linesRead = 4000
        let t = monoNanos()
        _ = reducer.reduce(&state, .ingest(batch))
        worst = max(worst, Double(monoNanos() &- t) / 1e9)
    }
    let wall = Double(monoNanos() &- start) / 1e9
    return (wall, worst, "\(fixed(wall, 3)) s (CPU \(fixed(cpuSeconds() - cpu, 3)) s), worst batch \(fixed(worst * 1e3, 1)) ms, \(grouped(state.store.count)) stored")
}
