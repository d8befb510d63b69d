import Monitor

/// `steps --file PATH`: the officer's keystrokes on a big store (issue 5): each step is the
/// reducer's work plus a full 200x60 render, timed on its own; reports median and worst.
func runSteps(_ options: Options) throws {
    let path = try options.required("file")
    guard fileExists(path) else { throw UsageError("no such file: \(path)") }
    let rounds = max(1, try options.int("rounds", default: 20))
    let before = currentRSSBytes()
    let (_, _, loaded) = intoStore(path: path, pick: try decoderPick(options), budget: 1 << 20)
    var state = loaded
    state.rebuildFeed()
    let after = currentRSSBytes()
    // The bytes of text the store holds: summaries and ids (places, sources and types are shared).
    var text = 0
    for slot in state.store.timeOrder {
        let record = state.store[slot]
        text += record.summary.utf8.count + record.id.utf8.count
    }
    let count = max(1, state.store.count)
    let beyond = Double(after - before - text) / Double(count)
    // Counted, not reserved: room reserved and never written is not resident.
    let records = MemoryLayout<StoredIncident>.stride * state.store.records.count + 4 * state.store.timeOrder.count
    print("memory: resident grew \(fixed(Double(after - before) / 1_048_576, 1)) MiB for \(grouped(count)) incidents;"
        + " text \(fixed(Double(text) / Double(count), 1)) bytes per incident;"
        + " beyond the text \(fixed(beyond, 1)) bytes per incident (store with its indexes, feed and map cells included;"
        + " of which records and time order \(fixed(Double(records) / Double(count), 1)))")
    let reducer = Reducer()
    // `--only toggle|window|text|replay|order|unseen` runs one kind of step (for profiling it alone).
    let only = options.string("only")
    func time(_ name: String, _ keys: [Key]) {
        if let only, !name.contains(only) { return }
        var samples: [Double] = []
        var renders: [Double] = []
        for round in 0..<rounds {
            let key = keys[round % keys.count]
            let t = monoNanos()
            _ = reducer.reduce(&state, .key(key))
            let r = monoNanos()
            _ = renderFrame(state)
            let end = monoNanos()
            samples.append(Double(end &- t) / 1e6)
            if options.flag("each") { print("  \(key): \(fixed(Double(end &- t) / 1e6, 2)) ms, \(grouped(state.feed.count)) shown") }
            renders.append(Double(end &- r) / 1e6)
        }
        samples.sort()
        renders.sort()
        print("\(name): median \(fixed(samples[samples.count / 2], 2)) ms, worst \(fixed(samples.last ?? 0, 2)) ms"
            + " (of which render: median \(fixed(renders[renders.count / 2], 2)) ms, worst \(fixed(renders.last ?? 0, 2)) ms;"
            + " \(rounds) steps, \(grouped(state.feed.count)) shown at the end)")
    }
    print("steps on \(grouped(state.store.count)) incidents, each = reducer + full 200x60 render")
    // `--watch`: the same steps again with a busy watch in force (issue 14), in the same process,
    // so the two series compare as a ratio: zones and rules, thousands of alerts, flags and notes.
    let series = options.flag("watch") ? ["without the watch", "with the watch"] : [""]
    for label in series {
    if label == "with the watch" { fillWatch(&state) }
    if !label.isEmpty { print("-- \(label)") }
    time("toggle an actor (4)", [.char("4")])
    time("change the time window (t)", [.char("t")])
    _ = reducer.reduce(&state, .key(.char("/")))
    time("type one character in the text filter", Array("convoy near tim").map { Key.char($0) })
    _ = reducer.reduce(&state, .key(.escape))
    time("step the replay a day back (,)", [.char(",")])
    _ = reducer.reduce(&state, .key(.char("N")))
    time("switch the feed order (r)", [.char("r")])
    if label == "with the watch" {
        time("flag the selected incident (m; the run loop then writes the log, see BENCHMARKS.md)", [.char("m")])
        time("open and close the alert list (A)", [.char("A")])
    }
    }
    // The next unseen incident at the far end of the feed: late reports older than everything,
    // arriving after the first read; each round goes to the top (g) and jumps down (u).
    if only == nil || "jump to the next unseen".contains(only ?? "") {
        state.sources = state.sources.map { var s = $0; s.caughtUp = true; return s }
        var batch = IngestBatch(source: 0, status: .following)
        let oldest = state.store.timeOrder.first.map { state.store[$0].time } ?? 0
        batch.incidents = (0..<rounds).map { i in
            Incident(id: "bench-late-\(i)", time: oldest - 86_400 - Int64(i), actors: [3], summary: "late report \(i)")
        }
        batch.reachedEnd = true
        _ = reducer.reduce(&state, .ingest(batch))
    }
    time("jump to the next unseen (g, u)", [.char("g"), .char("u")])
    let perIncident = Double(peakRSSMiB() * 1_048_576) / Double(max(1, state.store.count))
    print("peak RSS \(fixed(peakRSSMiB(), 1)) MiB = \(fixed(perIncident, 0)) bytes per incident, everything included")
}

/// A watch as a busy shift leaves it: five zones and three rules in force, 5,000 alerts on
/// incidents spread over the store (half acknowledged), 1,000 flags and 1,000 notes.
func fillWatch(_ state: inout AppState) {
    let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
    let zones = [
        Zone(name: "Timbuktu 50 km", shape: .circle(center: timbuktu, radiusKm: 50)),
        Zone(name: "Gao 40 km", shape: .circle(center: GeoPoint(lat: 16.27, lon: -0.04), radiusKm: 40)),
        Zone(name: "Kidal 40 km", shape: .circle(center: GeoPoint(lat: 18.44, lon: 1.41), radiusKm: 40)),
        Zone(name: "Ber camp", shape: .circle(center: GeoPoint(lat: 16.2, lon: -3.4), radiusKm: 20)),
        Zone(name: "Route Timbuktu-Goundam", shape: .corridor(path: [timbuktu, GeoPoint(lat: 16.41, lon: -3.67)], widthKm: 10)),
    ]
    let rules = [
        AlertRule(name: "JNIM near Timbuktu", zone: zones[0], actors: [3]),
        AlertRule(name: "Mass casualty", minFatalities: 10),
        AlertRule(name: "Convoys", text: try? TextQuery("convoy")),
    ]
    state.setWatchConfig(zones: zones, rules: rules, bell: true)
    let order = state.store.timeOrder
    guard !order.isEmpty else { return }
    var entries: [WatchEntry] = []
    let stamp = WatchStamp(officer: "bench", at: 1_700_000_000)
    for n in 0..<5000 {
        let slot = order[(n * 7919) % order.count]
        let key = AlertKey(rule: rules[n % 3].name, incident: state.ref(slot))
        entries.append(WatchEntry(uid: "a\(n)", stamp: stamp, kind: .alert(AlertRaised(
            key: key, place: state.store.text(state.store[slot].place), summary: state.store[slot].summary, incidentTime: state.store[slot].time))))
        if n % 2 == 0 { entries.append(WatchEntry(uid: "k\(n)", stamp: stamp, kind: .acknowledge(key, note: "seen"))) }
    }
    for n in 0..<1000 {
        let ref = state.ref(order[(n * 104_729) % order.count])
        entries.append(WatchEntry(uid: "f\(n)", stamp: stamp, kind: .flag(ref, on: true)))
        entries.append(WatchEntry(uid: "n\(n)", stamp: stamp, kind: .note(ref, text: "checked with the liaison")))
    }
    _ = Reducer().reduce(&state, .watch(.entries(entries)))
    // The newest incident carries an alert, a flag and a note: the feed's first row draws all three marks.
    if let newest = order.last {
        let ref = state.ref(newest)
        _ = Reducer().reduce(&state, .watch(.entries([
            WatchEntry(uid: "top-a", stamp: stamp, kind: .alert(AlertRaised(key: AlertKey(rule: "Convoys", incident: ref), place: "", summary: "", incidentTime: 0))),
            WatchEntry(uid: "top-n", stamp: stamp, kind: .note(ref, text: "first row")),
        ])))
    }
    print("watch: \(state.watch.alerts.count) alerts (\(state.watch.unacknowledged) unacknowledged), \(state.watch.flagged.count) flags, \(state.watch.notes.count) notes, \(zones.count) zones, \(rules.count) rules")
}
