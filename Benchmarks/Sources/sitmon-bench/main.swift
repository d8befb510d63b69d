// sitmon-bench: throughput, first-frame, memory and live-append latency of sitmon's pipeline.
// The first statement takes the start time that `first-frame` counts from.
let mainStarted = monoNanos()

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: sitmon-bench COMMAND [OPTIONS]

      generate --lines N --out PATH [--format jsonl|acled|geojsonseq|featurecollection|featurecollection-compact]
          [--seed S] [--late 0.005]
          Write N deterministic incidents over northern Mali, 2023–2024 (ACLED adds a header row; the
          GeoJSON forms hold the same incidents as JSON Lines: one Feature a line, a collection with
          one feature a line, or a collection on one line as json.dump writes it). Compress with gzip
          for the .gz figures.
      parse --file PATH [--format jsonl|acled|geojson] [--acled-direct] [--runs 3]
          Lines/s through SourceReader alone, and on into the store through Reducer ingest (medians).
      first-frame --file PATH [--format ...]
          Seconds from the start of main to the first full 200x60 frame of the whole file, and peak RSS.
          One measurement per process.
      append-latency [--samples 500] [--interval-ms 20]
          Delay from write() of one appended line to its incident being in the store, through inotify.
      steps --file PATH [--rounds 20]
          Reducer + full 200x60 render per keystroke on a loaded store: actor toggle, time window,
          one character of text filter, replay step. Median and worst in ms.
      all [--dir /tmp] [--jsonl-lines 1000000] [--acled-lines 200000] [--samples 500] [--frame-runs 3]
          [--regenerate] [--no-jq]
          Generate the files if missing, run everything, print a markdown table.
    """

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    printErr(usage)
    exit(2)
}
let command = arguments[1]
let rest = arguments.dropFirst(2)
do {
    let options = try Options(rest, flags: ["acled-direct", "regenerate", "no-jq", "each"])
    switch command {
    case "generate": try runGenerate(options)
    case "parse": try runParse(options)
    case "first-frame": try runFirstFrame(options, startedAt: mainStarted)
    case "append-latency": try runAppendLatency(options)
    case "all": try runAll(options)
    case "steps": try runSteps(options)
    case "help", "-h", "--help": print(usage)
    default:
        printErr("unknown command '\(command)'\n\n\(usage)")
        exit(2)
    }
} catch {
    printErr("sitmon-bench: \(error)")
    exit(1)
}
