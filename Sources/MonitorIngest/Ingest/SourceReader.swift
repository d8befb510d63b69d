import MonitorCore
import Foundation
import Synchronization

/// One event file being followed: its tailer plus the decoder for its format.
public final class SourceReader {
    public let index: Int
    public let tailer: any ByteSource
    /// Name shown in the status line and detail view.
    public let displayName: String
    private var decoder: (any RecordDecoder)?
    /// Picks the decoder from the file name and its first line, when the format was not given.
    public typealias DecoderChoice = @Sendable (_ path: String, _ firstLine: [UInt8]) -> any RecordDecoder
    private let choose: DecoderChoice?
    private let path: String
    /// The first line the tailer chose its framing from; the decoder is chosen from it too.
    private var firstLine: [UInt8]?
    /// The budget and backlog of the last look taken on the caller's thread: the first look
    /// queued ahead after it follows from them (`LookShape`).
    private var lastShape = LookShape.Taken()

    public convenience init(index: Int, path: String, displayName: String? = nil, decoder: any RecordDecoder = JSONLDecoder()) {
        let framing = Self.framing(decoder: decoder, choose: nil, path: path)
        self.init(index: index, tailer: FileTailer(path: path, framing: framing), displayName: displayName ?? path, path: path,
                  decoder: decoder, choose: nil)
    }

    /// Follows a file whose format is chosen from its name and first line once data arrives.
    public convenience init(index: Int, path: String, displayName: String? = nil, choose: @escaping DecoderChoice) {
        let framing = Self.framing(decoder: nil, choose: choose, path: path)
        self.init(index: index, tailer: FileTailer(path: path, framing: framing), displayName: displayName ?? path, path: path,
                  decoder: nil, choose: choose)
    }

    /// Reads a stream that is already open (standard input).
    public convenience init(index: Int, stream fd: Int32, displayName: String, decoder: (any RecordDecoder)? = nil,
                            choose: DecoderChoice? = nil) {
        let framing = Self.framing(decoder: decoder, choose: choose, path: displayName)
        self.init(index: index, tailer: StreamTailer(fd: fd, framing: framing), displayName: displayName, path: displayName,
                  decoder: decoder, choose: choose)
    }

    /// How the tailer cuts the source: GeoJSON by its features (a collection is read as a stream),
    /// every other format by lines. Chosen from the same first line as the decoder.
    private static func framing(decoder: (any RecordDecoder)?, choose: DecoderChoice?, path: String) -> ([UInt8]) -> Framing {
        { head in
            let chosen = decoder ?? choose?(path, head) ?? JSONLDecoder()
            return chosen is GeoJSONDecoder ? .geoJSON : .lines
        }
    }

    private init(index: Int, tailer: any ByteSource, displayName: String, path: String,
                 decoder: (any RecordDecoder)?, choose: DecoderChoice?) {
        self.index = index
        self.tailer = tailer
        self.displayName = displayName
        self.decoder = decoder
        self.choose = choose
        self.path = path
    }

    /// A budget read ahead of the caller: its look is taken on `lookQueue`, its decode done on
    /// `aheadQueue`. `result` stays nil when the look before it had reached the end (nothing read).
    private final class ReadAhead: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: (batch: IngestBatch, more: Bool)?
        /// The look found more waiting after it (set on `lookQueue` before the next look reads it).
        var more = false
        /// The bytes the look was allowed and those it left waiting (set with `more`): the next
        /// look's budget follows from them (`LookShape`).
        var shape = LookShape.Taken()
        /// The block of a look taken on the caller's thread, handed back to the tailer there when
        /// the result is collected (a look taken ahead hands its block back on `lookQueue`).
        var lines: LineBlock?
        /// A look taken ahead, from `lookQueue` to its decode on `aheadQueue` (or, when read early,
        /// to `finish` on the caller's thread).
        fileprivate var look: Look?
        /// Decoded early, before the budgets before it were finished: `finish` completes it, in order.
        var finishedByCaller = false
        fileprivate var early: EarlyDecode?
    }

    /// How a budget read ahead is decoded before the ones before it are finished
    /// (ARCHITECTURE.md §4). JSON Lines and GeoJSON features stand alone, so all of it; CSV reads
    /// its chunks guessing that no record was left open before them, which `finish` checks.
    /// Without it, each budget's decode waited for the one before to end, and one core idled
    /// while the last chunk of each finished.
    private enum EarlyDecoder: @unchecked Sendable {
        /// JSON Lines, and GeoJSON features cut by `GeoJSONFramer`: a chunk's records on their own.
        case records(PackedRecords)
        case block(BlockSpeculator?)
    }

    /// Decodes lines `range` of a block into a packed segment, with a worker's memory.
    private typealias PackedRecords = @Sendable (LineBlock, Range<Int>, String, inout PackedDecodeContext) -> PackedLineDecoder.Output

    /// What a budget read ahead was decoded into early.
    private enum EarlyDecode: @unchecked Sendable {
        case packed([PackedLineDecoder.Output])
        case block(BlockSpeculation)
    }

    /// The early decoder as of the last decode finished, in order; read when a look ahead is taken.
    private let earlyDecoder = Mutex<EarlyDecoder?>(nil)
    /// Early decodes, several at once (each spreads over every core itself).
    private let earlyQueue = DispatchQueue(label: "sitmon.decode-early", attributes: .concurrent)

    /// Looks (the tailer's reads) taken ahead, one after the other.
    private let lookQueue = DispatchQueue(label: "sitmon.look-ahead")
    /// Decodes, one after the other and in the order of their looks (a decoder keeps state from
    /// one block to the next); each spreads over every core itself.
    private let aheadQueue = DispatchQueue(label: "sitmon.read-ahead")
    /// Looks were queued on `lookQueue` since the caller last touched the tailer itself.
    private var lookedAhead = false

    /// How many budgets are read and decoded ahead of the caller while a big file loads. With one,
    /// a decode that finished before the caller had stored the batch before it left a core idle
    /// until the caller asked again; with two, the decoding threads keep the other core busy.
    static let readAheadDepth = 2

    /// Queues the next budget after `previous` (none when `previous` found the end): its look on
    /// `lookQueue`, then its decode on `aheadQueue`. The look of one budget thus overlaps the
    /// decode of the budget before it, and both overlap the caller storing an earlier batch: with
    /// one queue for both, a core waited through every look (ARCHITECTURE.md §4).
    private func queueAhead(_ job: ReadAhead, after previous: ReadAhead?, budget limit: Int, wake: (@Sendable () -> Void)? = nil) {
        nonisolated(unsafe) let reader = self
        lookedAhead = true
        let start = lastShape
        lookQueue.async {
            // A serial queue: the look before this one is taken, and `more` and `shape` set.
            guard previous?.more ?? true else {
                // In line behind the decodes queued before it, like any other job.
                reader.aheadQueue.async {
                    job.done.signal()
                    wake?()
                }
                return
            }
            let before = previous?.shape ?? start
            let budget = LookShape.next(limit: limit, after: before)
            let look = reader.look(budget: budget)
            job.more = look.read.more
            job.shape = LookShape.Taken(budget: budget, backlog: look.read.backlog)
            job.look = look
            if let early = reader.earlyDecoder.withLock({ $0 }) {
                // Decoded now, however far the budgets before it are; finished in order by the caller.
                job.finishedByCaller = true
                reader.earlyQueue.async {
                    job.early = reader.decodeEarly(look, early)
                    job.done.signal()
                    wake?()
                }
                return
            }
            reader.aheadQueue.async {
                guard var look = job.look else { return }
                job.look = nil
                job.result = reader.decode(look)
                // The tailer belongs to `lookQueue` while looks run ahead. The block goes back
                // with no other reference left, or the next read into it would copy it whole.
                let lines = look.read.lines
                look.read.lines = LineBlock()
                reader.lookQueue.async { reader.tailer.recycle(lines) }
                job.done.signal()
                wake?()
            }
        }
    }

    /// Before the caller touches the tailer itself: blocks handed back on `lookQueue` are in.
    private func settleLooks() {
        guard lookedAhead else { return }
        lookQueue.sync {}
        lookedAhead = false
    }

    /// Reads queued ahead for `poll`, oldest first.
    private var ahead: [ReadAhead] = []

    /// Reads and decodes whatever is new. `more` is true when a budget cut the read short.
    ///
    /// While a big file is read (a budget cut the read short), a followed file's next budgets are
    /// read and decoded on other threads at once (`readAheadDepth` of them, `queueAhead`), so
    /// reading and decoding overlap with the caller storing this batch: both cores stay busy. The
    /// next `poll` waits for the oldest and returns it. Call `poll` from one thread; while reads
    /// ahead run, the tailer's state belongs to them (its `path` stays safe to read). The run loop
    /// uses `pollWithoutWaiting` instead; a reader is polled one way or the other, never both.
    /// When more than `budget` waits, the first look takes a small part of it and the looks after
    /// it grow to the whole (`LookShape`), so the caller has its first batch soon; the last
    /// batches of a big read are small too.
    public func poll(budget: Int = 8 << 20) -> (batch: IngestBatch, more: Bool) {
        var result: (batch: IngestBatch, more: Bool)?
        while result == nil, !ahead.isEmpty {
            let first = ahead.removeFirst()
            first.done.wait()
            result = first.finishedByCaller ? finish(first) : first.result
        }
        let polled: (batch: IngestBatch, more: Bool)
        if let result {
            polled = result
        } else {
            settleLooks()
            polled = read(budget: budget)
        }
        if polled.more, tailer is FileTailer {
            while ahead.count < Self.readAheadDepth {
                let job = ReadAhead()
                queueAhead(job, after: ahead.last, budget: budget)
                ahead.append(job)
            }
        }
        return polled
    }

    private func read(budget limit: Int) -> (batch: IngestBatch, more: Bool) {
        let budget = LookShape.first(limit: limit, unread: tailer.unread)
        let look = look(budget: budget)
        lastShape = LookShape.Taken(budget: budget, backlog: look.read.backlog)
        let decoded = decode(look)
        tailer.recycle(look.read.lines)
        return decoded
    }

    // MARK: Never waiting (the run loop)

    /// Work handed to the decoding threads, oldest first.
    private var decoding: [ReadAhead] = []
    /// Called on the decoding thread when a decode handed over by `pollWithoutWaiting` is done,
    /// so the run loop can wake (it sleeps in poll(); this writes to a descriptor it watches).
    public var decoded: (@Sendable () -> Void)?
    /// Whether lines were decoded since the decoder was last told the data ended.
    private var endOwed = false

    /// The run loop's poll: never waits for decoding, however slow (a huge GeoJSON collection, a
    /// hostile line), so keys and signals are answered meanwhile. A look after a quiet spell is
    /// read here (bounded by `budget`, non-blocking descriptors) and decoded, if there is
    /// anything to decode, on the reader's own thread. Returns nil
    /// while a decode is under way (`decoded` says when it is done), else the next batch in
    /// order. When a batch was cut by the budget, the next budgets (`readAheadDepth`) are read
    /// and decoded ahead (`queueAhead`; the tailer is theirs until done), while the caller
    /// stores this one.
    public func pollWithoutWaiting(budget: Int) -> (batch: IngestBatch, more: Bool)? {
        while let job = decoding.first {
            guard job.done.wait(timeout: .now()) == .success else { return nil }
            decoding.removeFirst()
            // A look taken here is never followed by reads ahead until its result is in, so no
            // other job has the tailer now.
            if let lines = job.lines {
                // The job lets go first: a block handed back with a second reference left would be
                // copied whole by the next read into it.
                job.lines = nil
                tailer.recycle(lines)
            }
            guard let result = job.finishedByCaller ? finish(job) : job.result else { continue }
            if result.more {
                while decoding.count < Self.readAheadDepth {
                    let next = ReadAhead()
                    queueAhead(next, after: decoding.last, budget: budget, wake: decoded)
                    decoding.append(next)
                }
            }
            return result
        }
        settleLooks()
        let look = look(budget: budget)
        lastShape = LookShape.Taken(budget: budget, backlog: look.read.backlog)
        // Nothing read and nothing owed: nothing to decode (an idle file costs no thread hop).
        if look.read.lines.isEmpty, look.read.restartAt == nil, !endOwed || look.read.more {
            tailer.recycle(look.read.lines)
            var batch = look.batch
            report(look.read.damage, into: &batch)
            return (batch, look.read.more)
        }
        let job = ReadAhead()
        job.lines = look.read.lines
        job.more = look.read.more
        decoding.append(job)
        nonisolated(unsafe) let reader = self
        let wake = decoded
        aheadQueue.async {
            job.result = reader.decode(look)
            job.done.signal()
            wake?()
        }
        return nil
    }

    // MARK: Decoding early

    /// A budget read ahead, decoded as far as it can be before the ones before it are finished.
    /// Touches neither the tailer nor the decoder: any thread, several at once.
    private func decodeEarly(_ look: Look, _ early: EarlyDecoder) -> EarlyDecode? {
        let lines = look.read.lines
        // A restart (the file replaced) is decoded in order, as the decoder forgets the old file.
        guard !lines.isEmpty, look.read.restartAt == nil else { return nil }
        let file = displayName
        switch early {
        case .records(let records):
            return .packed(decodePacked(lines, records))
        case .block(let speculator?):
            return .block(speculator.read(lines, 0..<lines.count, file))
        case .block(nil):
            return nil
        }
    }

    /// A budget decoded early, finished in order on the caller's thread: what was decoded early
    /// is taken as it is or, for CSV, where its guess holds; the rest is decoded now.
    private func finish(_ job: ReadAhead) -> (batch: IngestBatch, more: Bool)? {
        guard var look = job.look else { return job.result }
        job.look = nil
        let early = job.early
        job.early = nil
        let result = decode(look, early: early)
        // The tailer belongs to `lookQueue` while looks run ahead; the block goes back with no
        // other reference left.
        let lines = look.read.lines
        look.read.lines = LineBlock()
        nonisolated(unsafe) let reader = self
        lookQueue.async { reader.tailer.recycle(lines) }
        return result
    }

    // MARK: Reading and decoding

    /// What the tailer gave for one look, with the batch's facts about the file filled in.
    private struct Look: @unchecked Sendable {
        var read: ReadBatch
        var batch: IngestBatch
    }

    /// Touches the tailer only.
    private func look(budget: Int) -> Look {
        let read = tailer.poll(budget: budget)
        let lines = read.lines
        var batch = IngestBatch(source: index, status: tailer.status)
        batch.events = read.events
        batch.linesRead = lines.count
        batch.reachedEnd = !read.more
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        batch.arrivedAt = Int64(now.tv_sec)
        batch.arrivedAtMillis = Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
        batch.bytesRead = read.position
        batch.bytesWaiting = Int64(read.backlog)
        if read.backlog > 0, lines.byteCount > 0 {
            batch.linesWaiting = Int(Double(read.backlog) * Double(lines.count) / Double(lines.byteCount))
        }
        return Look(read: read, batch: batch)
    }

    /// Touches the decoder and its contexts only (never the tailer), so it can run on another
    /// thread while the next look is taken. Decodes run one at a time, in the order of their
    /// looks; `early` is what `decodeEarly` gave for this look.
    private func decode(_ look: Look, early: EarlyDecode? = nil) -> (batch: IngestBatch, more: Bool) {
        let read = look.read
        let lines = read.lines
        var batch = look.batch
        if let head = read.head { firstLine = head }
        if decoder == nil, !lines.isEmpty {
            decoder = choose?(path, firstLine ?? lines.array(0)) ?? JSONLDecoder()
        }
        guard var decoder else {
            report(read.damage, into: &batch)
            return (batch, read.more)
        }
        defer {
            self.decoder = decoder
            let next = Self.earlyDecoder(for: decoder)
            earlyDecoder.withLock { $0 = next }
        }
        if read.restartAt == lines.count { decoder.reset() }
        if let records = Self.packedRecords(for: decoder) {
            // Every record stands alone, so a big batch decodes on every core.
            let outputs: [PackedLineDecoder.Output]
            if case .packed(let decoded)? = early {
                outputs = decoded
            } else {
                outputs = decodePacked(lines, records)
            }
            for output in outputs { take(output, into: &batch) }
        } else if var blocks = decoder as? any PackedBlockDecoder {
            // Lines before a restart belong to the file as it was; the decoder forgets it after them.
            let cut = min(read.restartAt ?? 0, lines.count)
            if cut > 0 { take(blocks.decodeBlock(lines, 0..<cut, file: displayName), into: &batch) }
            if cut > 0, cut < lines.count { blocks.reset() }
            var speculated: BlockSpeculation?
            if cut == 0, case .block(let read)? = early { speculated = read }
            take(blocks.decodeBlock(lines, cut..<lines.count, file: displayName, speculated: speculated), into: &batch)
            decoder = blocks
        } else if let independent = decoder as? any IndependentLineDecoder, lines.count >= Self.parallelFrom {
            for records in Self.decodeInParallel(lines, independent, file: displayName) { add(records, to: &batch) }
        } else {
            for i in 0..<lines.count {
                if i == read.restartAt { decoder.reset() }
                let line = lines.lines[i]
                switch lines.piece(i) {
                case .line(let bytes):
                    add(decoder.decode(line: bytes, number: line.number, offset: line.offset, file: displayName), to: &batch)
                case .overlong(let start, let length):
                    batch.badLines.append(BadLine.overlong(start, length, Origin(file: displayName, line: line.number)))
                }
            }
        }
        if !lines.isEmpty || read.restartAt != nil { endOwed = true }
        if !read.more {
            add(decoder.endOfData(file: displayName), to: &batch)
            endOwed = false
        }
        report(read.damage, into: &batch)
        return (batch, read.more)
    }

    /// A damaged compressed file, reported like a bad line, after the lines read before it.
    private func report(_ damage: ReadDamage?, into batch: inout IngestBatch) {
        guard let damage else { return }
        batch.badLines.append(BadLine(origin: Origin(file: displayName, line: damage.line), reason: damage.reason, excerpt: ""))
    }

    /// Below this many lines a batch is decoded on the calling thread; threads cost more than they save.
    package static let parallelFrom = 2048

    /// Chunks a big batch is cut into for decoding: a few per core, so one slow chunk does not
    /// leave a core idle.
    package static func chunkCount(_ lines: Int) -> Int {
        guard lines >= parallelFrom else { return 1 }
        return max(1, min(lines / 1024, max(1, ProcessInfo.processInfo.activeProcessorCount) * 2))
    }

    /// Decodes independent lines on every core, each chunk in order; results keep line order.
    package static func decodeInParallel(_ lines: LineBlock, _ decoder: any IndependentLineDecoder, file: String) -> [[ParsedRecord]] {
        ParallelChunks.map(lines.count, parts: chunkCount(lines.count)) { _, range in
            var records: [ParsedRecord] = []
            records.reserveCapacity(range.count)
            for i in range {
                let number = lines.lines[i].number
                switch lines.piece(i) {
                case .line(let bytes):
                    records += ParsedRecord.placed(decoder.decodeIndependent(line: bytes, number: number, file: file),
                                                   line: number, offset: lines.lines[i].offset)
                case .overlong(let start, let length):
                    records.append(.bad(BadLine.overlong(start, length, Origin(file: file, line: number))))
                }
            }
            return records
        }
    }

    /// Workers' memories of places, sources, types and actor names, kept from poll to poll and
    /// lent to the budgets decoded early as well.
    private let contexts = DecodeMemories { PackedDecodeContext() }

    /// The JSON paths (JSON Lines, GeoJSON features): records decoded in place into packed
    /// segments, a big batch on every core.
    private func decodePacked(_ lines: LineBlock, _ decode: PackedRecords) -> [PackedLineDecoder.Output] {
        guard !lines.isEmpty else { return [] }
        let chunks = Self.chunkCount(lines.count)
        let file = displayName
        return contexts.with(chunks) { memory in
            // Each part uses only its own context.
            ParallelChunks.map(lines.count, parts: chunks) { c, range in
                decode(lines, range, file, &memory[c])
            }
        }
    }

    /// How budgets read ahead of `decoder` can be decoded early; nil for the decoders that must
    /// read every line in order.
    private static func earlyDecoder(for decoder: any RecordDecoder) -> EarlyDecoder? {
        if let records = packedRecords(for: decoder) { return .records(records) }
        if let blocks = decoder as? any PackedBlockDecoder { return .block(blocks.speculator()) }
        return nil
    }

    /// The JSON paths (JSON Lines; GeoJSON features, cut by `GeoJSONFramer`), whose records each
    /// stand alone; nil for any other decoder.
    private static func packedRecords(for decoder: any RecordDecoder) -> PackedRecords? {
        if let jsonl = decoder as? JSONLDecoder {
            let lines = PackedLineDecoder(parser: jsonl.parser)
            return { block, range, file, context in lines.decode(block, range, file: file, context: &context) }
        }
        if let geoJSON = decoder as? GeoJSONDecoder {
            let features = PackedFeatureDecoder(general: geoJSON)
            return { block, range, file, context in features.decode(block, range, file: file, context: &context) }
        }
        return nil
    }

    private func take(_ output: PackedLineDecoder.Output, into batch: inout IngestBatch) {
        batch.packed.append(output.segment)
        batch.badLines += output.badLines
        batch.retractions += output.retractions
    }

    private func take(_ output: CSVBlockOutput, into batch: inout IngestBatch) {
        for segment in output.segments { batch.packed.append(segment) }
        batch.badLines += output.badLines
    }

    private func add(_ records: [ParsedRecord], to batch: inout IngestBatch) {
        for record in records {
            switch record {
            case .incident(let incident): batch.incidents.append(incident)
            case .retraction(let id, _): batch.retractions.append(id)
            case .bad(let bad): batch.badLines.append(bad)
            }
        }
    }
}
