// sitmon-bench: throughput, first-frame, memory and live-append latency of sitmon's pipeline.
// The first statement takes the start time that `first-frame` counts from.
let mainStarted = monoNanos()

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Monitor
import Dispatch

// As `sitmon` does before it opens a file (MonitorCommand): the heap keeps freed buffers while
// files load, and Mali's regions are built on another core meanwhile.
HeapTuning.keepFreedMemoryWhileLoading()
DispatchQueue.global(qos: .userInitiated).async { _ = MaliRegions.standard }

let usage = """
    usage: sitmon-bench COMMAND [OPTIONS]

      generate --lines N --out PATH [--format jsonl|acled|ucdp|geojsonseq|featurecollection|featurecollection-compact]
          [--seed S] [--late 0.005] [--notes]
          Write N deterministic incidents over northern Mali, 2023–2024 (CSV formats add a header row;
          the GeoJSON forms hold the same incidents as JSON Lines: one Feature a line, a collection
          with one feature a line, or a collection on one line as json.dump writes it). ACLED notes
          run 150-400 bytes; --notes gives JSON Lines the same text as summaries. Compress with gzip
          for the .gz figures.
      parse --file PATH [--format jsonl|acled|geojson] [--acled-direct] [--runs 3]
          Lines/s through SourceReader alone, and on into the store through Reducer ingest (medians).
      first-frame --file PATH [--format ...] [--max-incidents N]
          Seconds from the start of main to the first full 200x60 frame of the whole file, and peak RSS.
          One measurement per process.
      screen --file PATH [--runs 5] [--binary ../.build/release/sitmon] [--args "--max-incidents N"]
          [--expect N] [--keys] [--no-lnav] [--first-frame] [--baseline PATH] [--timeout 120]
          The built sitmon binary in a 200x60 pseudo-terminal (TERM=xterm-256color), from exec until
          its status line counts every line of the file (or N), median of fresh processes; CPU of
          each thread and peak RSS just before `q`. --keys presses `?` through the load and times
          the answers. Takes turns with `lnav -n` indexing the same file, when lnav is installed,
          and with --first-frame, with the in-process first-frame figure; --baseline runs another
          build just before each run and gives the per-round ratios.
      append-latency [--samples 500] [--interval-ms 20]
          Delay from write() of one appended line to its incident being in the store, through inotify.
      steps --file PATH [--rounds 20]
          Reducer + full 200x60 render per keystroke on a loaded store: actor toggle, time window,
          one character of text filter, replay step. Median and worst in ms.
      days --file PATH [--arrivals 2000] [--limit 1000000] [--only limit|window|late|flood|memory|corrections]
          Days on watch (issue 12): the cost of a live arrival below and at the store's limit and
          with the 24 h window on, late reports appended to a loaded store, and resident memory
          after arrivals up to ten times the limit (unique ids, then revisions of a thousand); the cost
          of a correction and of a retraction of old incidents in a store of the file and of a sixth of it.
      formats --acled PATH [--jsonl-notes PATH] [--ucdp PATH] [--geojsonseq PATH] [--jsonl PATH]
          [--runs 3] [--rounds 3]
          Issue 13's table: each file into the store, and Python's csv.DictReader over the ACLED
          file, each a median of --runs, round after round; prints a markdown row per round and
          ACLED's ratio to Python.

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
    let options = try Options(rest, flags: ["acled-direct", "regenerate", "no-jq", "each", "notes", "keys", "no-lnav", "first-frame", "watch"])
    switch command {
    case "generate": try runGenerate(options)
    case "parse": try runParse(options)
    case "first-frame": try runFirstFrame(options, startedAt: mainStarted)
    case "screen": try runScreen(options)
    case "append-latency": try runAppendLatency(options)
    case "all": try runAll(options)
    case "formats": try runFormats(options)
    case "steps": try runSteps(options)
    case "days": try runDays(options)
    case "help", "-h", "--help": print(usage)
    default:
        printErr("unknown command '\(command)'\n\n\(usage)")
        exit(2)
    }
} catch {
    printErr("sitmon-bench: \(error)")
    exit(1)
}
