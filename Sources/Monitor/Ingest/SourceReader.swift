/// One event file being followed: its tailer plus the parser for its format.
public final class SourceReader {
    public let index: Int
    public let tailer: FileTailer
    /// Name shown in the status line and detail view.
    public let displayName: String
    private let parser: JSONLineParser

    public init(index: Int, path: String, displayName: String? = nil, parser: JSONLineParser = JSONLineParser()) {
        self.index = index
        self.tailer = FileTailer(path: path)
        self.displayName = displayName ?? path
        self.parser = parser
    }

    /// Reads and parses whatever is new. `more` is true when a budget cut the read short.
    public func poll(budget: Int = 8 << 20) -> (batch: IngestBatch, more: Bool) {
        let read = tailer.poll(budget: budget)
        var batch = IngestBatch(source: index, status: tailer.status)
        batch.events = read.events
        batch.linesRead = read.pieces.count
        for (line, piece) in read.pieces {
            let origin = Origin(file: displayName, line: line)
            switch piece {
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }  // blank lines are not errors
                switch parser.parse(line: bytes, origin: origin) {
                case .success(let incident): batch.incidents.append(incident)
                case .failure(let error):
                    batch.badLines.append(BadLine(origin: origin, reason: error.reason, excerpt: Self.excerpt(bytes)))
                }
            case .overlong(let start, let length):
                batch.badLines.append(BadLine(
                    origin: origin, reason: "line longer than 1 MiB (\(length) bytes)", excerpt: Self.excerpt(start)))
            }
        }
        return (batch, read.more)
    }

    static func excerpt(_ bytes: [UInt8]) -> String {
        TextSanitizer.clean(String(decoding: bytes.prefix(120), as: UTF8.self))
    }
}
