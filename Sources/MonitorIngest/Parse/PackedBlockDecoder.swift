import MonitorCore

/// A decoder that reads a whole block of lines into packed segments at once, on every core (the
/// CSV formats, whose records may span lines). `SourceReader` hands it each poll's block.
package protocol PackedBlockDecoder: RecordDecoder {
    /// Reads lines `range` of `lines`; a record still open at the end waits for the next block.
    /// `speculated`, what `speculator` read of the same lines ahead, is used where it still holds.
    mutating func decodeBlock(_ lines: LineBlock, _ range: Range<Int>, file: String, speculated: BlockSpeculation?) -> CSVBlockOutput
    /// Reads blocks read ahead before the blocks before them are finished; nil while it cannot yet
    /// (no header read).
    func speculator() -> BlockSpeculator?
}

extension PackedBlockDecoder {
    package mutating func decodeBlock(_ lines: LineBlock, _ range: Range<Int>, file: String) -> CSVBlockOutput {
        decodeBlock(lines, range, file: file, speculated: nil)
    }
}

/// What a block decoder read: packed segments in line order and the bad lines.
package struct CSVBlockOutput: Sendable {
    package var segments: [PackedSegment] = []
    package var badLines: [BadLine] = []

    /// The same as records in line order, built in full (the line-by-line decoder interface).
    package var records: [ParsedRecord] {
        var out: [(line: Int, record: ParsedRecord)] = []
        for segment in segments {
            for i in segment.records.indices {
                let incident = segment.incident(i)
                out.append((incident.origin.line, .incident(incident)))
            }
        }
        for bad in badLines { out.append((bad.origin.line, .bad(bad))) }
        // Stable: an incident and a bad line never share a first line.
        return out.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element.record)
    }

    /// Records whose incidents say nothing of where their lines start (the caller gave no offsets).
    package static func withoutOffsets(_ records: [ParsedRecord]) -> [ParsedRecord] {
        records.map { record in
            guard case .incident(var incident) = record else { return record }
            incident.origin.offset = nil
            return .incident(incident)
        }
    }
}

extension LineBlock {
    /// A block of one line.
    package init(line: [UInt8], number: Int, offset: Int64) {
        self.init()
        line.withUnsafeBytes { append(line: $0, offset: offset) }
        lines[0].number = number
    }
}
