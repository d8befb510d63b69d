/// One event file being followed: its tailer plus the decoder for its format.
public final class SourceReader {
    public let index: Int
    public let tailer: FileTailer
    /// Name shown in the status line and detail view.
    public let displayName: String
    private var decoder: any RecordDecoder

    public init(index: Int, path: String, displayName: String? = nil, decoder: any RecordDecoder = JSONLDecoder()) {
        self.index = index
        self.tailer = FileTailer(path: path)
        self.displayName = displayName ?? path
        self.decoder = decoder
    }

    /// Reads and decodes whatever is new. `more` is true when a budget cut the read short.
    public func poll(budget: Int = 8 << 20) -> (batch: IngestBatch, more: Bool) {
        let read = tailer.poll(budget: budget)
        var batch = IngestBatch(source: index, status: tailer.status)
        batch.events = read.events
        batch.linesRead = read.pieces.count
        if read.restartAt == read.pieces.count { decoder.reset() }
        for (i, (line, piece)) in read.pieces.enumerated() {
            if i == read.restartAt { decoder.reset() }
            switch piece {
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }  // blank lines are not errors
                add(decoder.decode(line: bytes, number: line, file: displayName), to: &batch)
            case .overlong(let start, let length):
                batch.badLines.append(BadLine(origin: Origin(file: displayName, line: line),
                                              reason: "line longer than 1 MiB (\(length) bytes)", excerpt: Self.excerpt(start)))
            }
        }
        if !read.more { add(decoder.endOfData(file: displayName), to: &batch) }
        return (batch, read.more)
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
}
