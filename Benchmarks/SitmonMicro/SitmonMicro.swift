// A tiny ordo-one/package-benchmark suite: `swift package benchmark` in Benchmarks/.
// It watches the hot spots one call at a time (wall clock, allocations); sitmon-bench measures
// the whole pipeline on big files.
import Benchmark
import Monitor

private let sampleLine = Array(
    #"{"id":"ber-2023-08-13","time":"2023-08-13T08:30:00Z","place":"Ber","lat":16.8349,"lon":-2.5319,"actors":["FAMA","Wagner"],"type":"strategic","fatalities":0,"summary":"Army takes over the Ber camp after the UN leaves","source":"Malian General Staff"}"#
        .utf8)

private func line(_ i: Int) -> [UInt8] {
    let day = 1 + i % 28
    let text = #"{"id":"gao-\#(i)","time":"2024-03-\#(day < 10 ? "0" : "")\#(day)T12:00:00Z","place":"Gao","lat":16.27,"lon":-0.04,"actors":["FAMA","JNIM"],"type":"battle","fatalities":\#(i % 7),"summary":"FAMA and JNIM clash near Gao, \#(i % 7) killed","source":"AFP"}"#
    return Array(text.utf8)
}

/// Incidents in time order, decoded once, for the store and render benchmarks.
private func incidents(_ count: Int) -> [Incident] {
    var decoder = JSONLDecoder()
    var out: [Incident] = []
    out.reserveCapacity(count)
    for i in 0..<count {
        // One a minute from 2024-01-01 00:00 (10,000 minutes is under a week).
        let day = 1 + i / 1440, hour = i / 60 % 24, minute = i % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let text = #"{"id":"x-\#(i)","time":"2024-01-\#(two(day))T\#(two(hour)):\#(two(minute)):00Z","place":"Gao","lat":16.27,"lon":-0.04,"actors":["FAMA","JNIM"],"type":"battle","fatalities":1,"summary":"Clash near Gao","source":"AFP"}"#
        for case .incident(let incident) in decoder.decode(line: Array(text.utf8), number: i + 1, file: "bench") {
            out.append(incident)
        }
    }
    return out
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal],
                                           maxDuration: .seconds(2), maxIterations: 1_000_000)

    Benchmark("JSONLDecoder.decode one line") { benchmark in
        var decoder = JSONLDecoder()
        for i in benchmark.scaledIterations {
            blackHole(decoder.decode(line: sampleLine, number: i + 1, file: "bench"))
        }
    }

    Benchmark("JSONLDecoder.decode 1,000 varied lines", configuration: .init(scalingFactor: .one)) { benchmark in
        let lines = (0..<1000).map(line)
        var decoder = JSONLDecoder()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for (n, bytes) in lines.enumerated() {
                blackHole(decoder.decode(line: bytes, number: n + 1, file: "bench"))
            }
        }
    }

    Benchmark("IncidentStore.insert 10,000 in time order", configuration: .init(maxIterations: 1000)) { benchmark in
        let batch = incidents(10_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var store = IncidentStore(actorCount: ActorRegistry.northernMali.count)
            for incident in batch { store.insert(incident) }
            blackHole(store.count)
        }
    }

    Benchmark("Screen.render 200x60, 10,000 incidents", configuration: .init(maxIterations: 1000)) { benchmark in
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents(10_000)
        batch.linesRead = batch.incidents.count
        var state = AppState(sources: [SourceInfo(name: "bench")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: 200, height: 60))
        _ = reducer.reduce(&state, .ingest(batch))
        let context = RenderContext(theme: Theme.fallback(actorCount: 8))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(Screen.render(state, context))
        }
    }
}
