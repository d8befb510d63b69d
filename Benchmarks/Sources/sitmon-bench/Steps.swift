import Monitor

/// `steps --file PATH`: the officer's keystrokes on a big store (issue 5): each step is the
/// reducer's work plus a full 200x60 render, timed on its own; reports median and worst.
func runSteps(_ options: Options) throws {
    let path = try options.required("file")
    guard fileExists(path) else { throw UsageError("no such file: \(path)") }
    let rounds = max(1, try options.int("rounds", default: 20))
    let (_, _, loaded) = intoStore(path: path, pick: try decoderPick(options), budget: 1 << 20)
    var state = loaded
    let reducer = Reducer()
    func time(_ name: String, _ keys: [Key]) {
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
            renders.append(Double(end &- r) / 1e6)
        }
        samples.sort()
        renders.sort()
        print("\(name): median \(fixed(samples[samples.count / 2], 2)) ms, worst \(fixed(samples.last ?? 0, 2)) ms"
            + " (of which render: median \(fixed(renders[renders.count / 2], 2)) ms, worst \(fixed(renders.last ?? 0, 2)) ms;"
            + " \(rounds) steps, \(grouped(state.feed.count)) shown at the end)")
    }
    print("steps on \(grouped(state.store.count)) incidents, each = reducer + full 200x60 render")
    time("toggle an actor (4)", [.char("4")])
    time("change the time window (t)", [.char("t")])
    _ = reducer.reduce(&state, .key(.char("/")))
    time("type one character in the text filter", Array("convoy near tim").map { Key.char($0) })
    _ = reducer.reduce(&state, .key(.escape))
    time("step the replay a day back (,)", [.char(",")])
    _ = reducer.reduce(&state, .key(.char("L")))
    let perIncident = Double(peakRSSMiB() * 1_048_576) / Double(max(1, state.store.count))
    print("peak RSS \(fixed(peakRSSMiB(), 1)) MiB = \(fixed(perIncident, 0)) bytes per incident, everything included")
}
