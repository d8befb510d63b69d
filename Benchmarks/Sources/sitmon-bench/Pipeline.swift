import Monitor

/// How the harness picks a decoder: the way `sitmon --format` does (through FormatChoice), or a
/// decoder named directly (to measure one FormatChoice does not route to yet).
enum DecoderPick: Sendable {
    case choice(EventFormat?)
    case acledDirect

    var label: String {
        switch self {
        case .choice(let format): format.map { "FormatChoice(\($0.rawValue))" } ?? "FormatChoice(detect)"
        case .acledDirect: "ACLEDDecoder()"
        }
    }
}

/// A reader built like sitmon's App builds one.
func makeReader(path: String, pick: DecoderPick) -> SourceReader {
    switch pick {
    case .choice(let forced):
        return SourceReader(index: 0, path: path, displayName: path, choose: { path, firstLine in
            FormatChoice.decoder(forced: forced, path: path, firstLine: firstLine)
        })
    case .acledDirect:
        return SourceReader(index: 0, path: path, displayName: path, decoder: ACLEDDecoder())
    }
}

struct ReadCounts {
    var lines = 0
    var incidents = 0
    var badLines = 0
    var polls = 0
    /// Time spent inside Reducer.reduce (store runs only).
    var reduceSeconds = 0.0
    /// CPU seconds (user + system, all threads) the pass used: above the wall time when decoding runs
    /// on several cores, and a check on how much other load on the machine slowed the wall clock.
    var cpuSeconds = 0.0
}

/// Reads a whole file through `SourceReader.poll` (default byte budget, as the run loop uses),
/// handing each batch to `each`. Stops when a poll reports nothing more waiting.
func drain(_ reader: SourceReader, budget: Int? = nil, _ each: (IngestBatch) -> Void) -> ReadCounts {
    var counts = ReadCounts()
    while true {
        let (batch, more) = budget.map { reader.poll(budget: $0) } ?? reader.poll()
        counts.polls += 1
        counts.lines += batch.linesRead
        counts.incidents += batch.incidentCount
        counts.badLines += batch.badLines.count
        each(batch)
        if !more { break }
    }
    return counts
}

/// Parse only: file → SourceReader → batches, which are dropped.
func parseOnly(path: String, pick: DecoderPick) -> (ReadCounts, Double) {
    let start = monoNanos()
    let cpu = cpuSeconds()
    let reader = makeReader(path: path, pick: pick)
    var counts = drain(reader) { _ in }
    counts.cpuSeconds = cpuSeconds() - cpu
    return (counts, seconds(since: start))
}

/// All the way into the store: file → SourceReader → Reducer.reduce(.ingest) → AppState.
/// `budget` nil uses SourceReader's default; first-frame passes the app's 1 MiB (`App.readBudget`).
func intoStore(path: String, pick: DecoderPick, budget: Int? = nil, width: Int = 200, height: Int = 60,
               capacity: Int = IncidentStore.defaultCapacity) -> (ReadCounts, Double, AppState) {
    let start = monoNanos()
    let cpu = cpuSeconds()
    let reader = makeReader(path: path, pick: pick)
    let reducer = Reducer()
    var state = AppState(sources: [SourceInfo(name: path)], capacity: capacity)
    _ = reducer.reduce(&state, .resize(width: width, height: height))
    var reducing: UInt64 = 0
    var counts = drain(reader, budget: budget) { batch in
        if !batch.isEmpty || state.sources[batch.source].status != batch.status {
            let t = monoNanos()
            _ = reducer.reduce(&state, .ingest(batch))
            reducing &+= monoNanos() &- t
        }
    }
    counts.reduceSeconds = Double(reducing) / 1e9
    counts.cpuSeconds = cpuSeconds() - cpu
    return (counts, seconds(since: start), state)
}

/// The store's share alone: every batch decoded first and held, then reduced with nothing else
/// running, so the reducer's CPU is not blurred by the decoding threads it overlaps with.
func reduceAlone(path: String, pick: DecoderPick) -> (seconds: Double, cpu: Double, count: Int) {
    let reader = makeReader(path: path, pick: pick)
    var batches: [IngestBatch] = []
    _ = drain(reader) { batches.append($0) }
    let reducer = Reducer()
    var state = AppState(sources: [SourceInfo(name: path)])
    _ = reducer.reduce(&state, .resize(width: 200, height: 60))
    let start = monoNanos()
    let cpu = cpuSeconds()
    for batch in batches where !batch.isEmpty || state.sources[batch.source].status != batch.status {
        _ = reducer.reduce(&state, .ingest(batch))
    }
    return (seconds(since: start), cpuSeconds() - cpu, state.store.count)
}

/// Draws the whole screen once, as the run loop does for each dirty frame, and returns how many
/// cells hold something other than a space (so the work cannot be optimised away).
func renderFrame(_ state: AppState) -> Int {
    let context = RenderContext(theme: Theme.fallback(actorCount: 8))
    let canvas = Screen.render(state, context)
    var inked = 0
    for cell in canvas.cells where cell.glyph != " " { inked += 1 }
    return inked
}
