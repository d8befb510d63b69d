import Foundation

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

    public init(index: Int, path: String, displayName: String? = nil, decoder: any RecordDecoder = JSONLDecoder()) {
        self.index = index
        self.tailer = FileTailer(path: path)
        self.displayName = displayName ?? path
        self.decoder = decoder
        self.choose = nil
        self.path = path
    }

    /// Follows a file whose format is chosen from its name and first line once data arrives.
    public init(index: Int, path: String, displayName: String? = nil, choose: @escaping DecoderChoice) {
        self.index = index
        self.tailer = FileTailer(path: path)
        self.displayName = displayName ?? path
        self.decoder = nil
        self.choose = choose
        self.path = path
    }

    /// Reads a stream that is already open (standard input).
    public init(index: Int, stream fd: Int32, displayName: String, decoder: (any RecordDecoder)? = nil,
                choose: DecoderChoice? = nil) {
        self.index = index
        self.tailer = StreamTailer(fd: fd)
        self.displayName = displayName
        self.decoder = decoder
        self.choose = choose
        self.path = displayName
    }

    /// Reads and decodes whatever is new. `more` is true when a budget cut the read short.
    public func poll(budget: Int = 8 << 20) -> (batch: IngestBatch, more: Bool) {
        let read = tailer.poll(budget: budget)
        var batch = IngestBatch(source: index, status: tailer.status)
        batch.events = read.events
        batch.linesRead = read.pieces.count
        if decoder == nil, let first = read.pieces.first {
            let bytes: [UInt8]
            switch first.piece {
            case .line(let line): bytes = line
            case .overlong(let start, _): bytes = start
            }
            decoder = choose?(path, bytes) ?? JSONLDecoder()
        }
        guard var decoder else { return (batch, read.more) }
        defer { self.decoder = decoder }
        if read.restartAt == read.pieces.count { decoder.reset() }
        if let jsonl = decoder as? JSONLDecoder, read.pieces.count >= Self.parallelFrom {
            Self.decodeJSONLInParallel(read.pieces, jsonl.parser, file: displayName, into: &batch)
        } else if let independent = decoder as? any IndependentLineDecoder, read.pieces.count >= Self.parallelFrom {
            for records in Self.decodeInParallel(read.pieces, independent, file: displayName) { add(records, to: &batch) }
        } else {
            for (i, (line, piece)) in read.pieces.enumerated() {
                if i == read.restartAt { decoder.reset() }
                switch piece {
                case .line(let bytes):
                    add(decoder.decode(line: bytes, number: line, file: displayName), to: &batch)
                case .overlong(let start, let length):
                    batch.badLines.append(Self.overlong(start, length, Origin(file: displayName, line: line)))
                }
            }
        }
        if !read.more { add(decoder.endOfData(file: displayName), to: &batch) }
        return (batch, read.more)
    }

    /// Below this many lines a batch is decoded on the calling thread; threads cost more than they save.
    static let parallelFrom = 2048

    static func overlong(_ start: [UInt8], _ length: Int, _ origin: Origin) -> BadLine {
        BadLine(origin: origin, reason: "line longer than 1 MiB (\(length) bytes)", excerpt: excerpt(start))
    }

    /// Decodes independent lines on every core, each chunk in order; results keep line order.
    static func decodeInParallel(_ pieces: [(line: Int, piece: LineSplitter.Piece)], _ decoder: any IndependentLineDecoder,
                                 file: String) -> [[ParsedRecord]] {
        let chunks = min(pieces.count / 1024, max(1, ProcessInfo.processInfo.activeProcessorCount) * 2)
        let size = (pieces.count + chunks - 1) / chunks
        var results = [[ParsedRecord]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { out in
            // Each iteration writes only its own slot of `out`.
            nonisolated(unsafe) let slots = out
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var records: [ParsedRecord] = []
                records.reserveCapacity(size)
                for i in (c * size)..<min(pieces.count, (c + 1) * size) {
                    let (line, piece) = pieces[i]
                    switch piece {
                    case .line(let bytes): records += decoder.decodeIndependent(line: bytes, number: line, file: file)
                    case .overlong(let start, let length): records.append(.bad(overlong(start, length, Origin(file: file, line: line))))
                    }
                }
                slots[c] = records
            }
        }
        return results
    }

    /// Output of one worker in `decodeJSONLInParallel`: incidents are written straight into a
    /// shared buffer (its own region) and moved into the batch, so none is copied or retained.
    private struct Part {
        var incidents = 0
        var badLines: [BadLine] = []
        var retractions: [String] = []
    }

    /// The JSONL fast path: no array per line, each record goes straight where it belongs.
    static func decodeJSONLInParallel(_ pieces: [(line: Int, piece: LineSplitter.Piece)], _ parser: JSONLineParser,
                                      file: String, into batch: inout IngestBatch) {
        let chunks = min(pieces.count / 1024, max(1, ProcessInfo.processInfo.activeProcessorCount) * 2)
        let size = (pieces.count + chunks - 1) / chunks
        let store = UnsafeMutablePointer<Incident>.allocate(capacity: pieces.count)
        defer { store.deallocate() }
        var parts = [Part](repeating: Part(), count: chunks)
        parts.withUnsafeMutableBufferPointer { out in
            // Each iteration writes only its own slot of `out` and its own region of `store`.
            nonisolated(unsafe) let slots = out
            nonisolated(unsafe) let store = store
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var part = Part()
                let base = store + c * size
                for i in (c * size)..<min(pieces.count, (c + 1) * size) {
                    let (line, piece) = pieces[i]
                    switch piece {
                    case .line(let bytes):
                        let record: ParsedRecord? = bytes.withUnsafeBytes { raw in
                            JSONLDecoder.isBlank(raw) ? nil : parser.record(bytes: raw, origin: Origin(file: file, line: line))
                        }
                        switch record {
                        case .incident(let incident)?:
                            (base + part.incidents).initialize(to: incident)
                            part.incidents += 1
                        case .retraction(let id, _)?: part.retractions.append(id)
                        case .bad(let bad)?: part.badLines.append(bad)
                        case nil: break
                        }
                    case .overlong(let start, let length):
                        part.badLines.append(overlong(start, length, Origin(file: file, line: line)))
                    }
                }
                slots[c] = part
            }
        }
        let total = parts.reduce(0) { $0 + $1.incidents }
        let incidents = [Incident](unsafeUninitializedCapacity: total) { buffer, count in
            var at = buffer.baseAddress!
            for (c, part) in parts.enumerated() where part.incidents > 0 {
                at.moveInitialize(from: store + c * size, count: part.incidents)
                at += part.incidents
            }
            count = total
        }
        if batch.incidents.isEmpty { batch.incidents = incidents } else { batch.incidents += incidents }
        for part in parts {
            batch.badLines += part.badLines
            batch.retractions += part.retractions
        }
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

    /// The start of a line for error reports, sanitised.
    public static func excerpt(_ bytes: [UInt8]) -> String {
        TextSanitizer.clean(String(decoding: bytes.prefix(120), as: UTF8.self))
    }

    static func excerpt(_ bytes: UnsafeRawBufferPointer) -> String {
        TextSanitizer.clean(String(decoding: bytes.prefix(120), as: UTF8.self))
    }
}
