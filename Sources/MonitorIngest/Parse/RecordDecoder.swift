import MonitorCore

/// What a format makes of one record of an event file.
public enum ParsedRecord: Sendable {
    case incident(Incident)
    /// `{"id": "...", "retract": true}`: remove the incident with this id.
    case retraction(id: String, origin: Origin)
    case bad(BadLine)

    /// `records` with `offset` given to the incidents numbered `line` that have none yet.
    package static func placed(_ records: [ParsedRecord], line: Int, offset: Int64) -> [ParsedRecord] {
        records.map { record in
            guard case .incident(var incident) = record, incident.origin.line == line, incident.origin.offset == nil
            else { return record }
            incident.origin.offset = offset
            return .incident(incident)
        }
    }
}

/// Reads one file's lines in one format. A decoder may keep state between lines (a CSV header,
/// a quoted field spanning lines, a whole GeoJSON document) and is reset when the file is
/// truncated or replaced.
public protocol RecordDecoder: Sendable {
    /// One complete line, without its newline (CR already removed), numbered from 1 in its file.
    mutating func decode(line: [UInt8], number: Int, file: String) -> [ParsedRecord]
    /// The same, told where the line starts in its file: the incidents it completes carry the
    /// offset of their first line in their origin (bad lines and retractions do not need it).
    mutating func decode(line: [UInt8], number: Int, offset: Int64, file: String) -> [ParsedRecord]
    /// Reading has caught up with the end of the file for now: whole-document formats parse here.
    mutating func endOfData(file: String) -> [ParsedRecord]
    /// The file was truncated or replaced: forget any state.
    mutating func reset()
}

extension RecordDecoder {
    /// For decoders whose incidents each come from one line: the line's own.
    public mutating func decode(line: [UInt8], number: Int, offset: Int64, file: String) -> [ParsedRecord] {
        ParsedRecord.placed(decode(line: line, number: number, file: file), line: number, offset: offset)
    }

    public mutating func endOfData(file: String) -> [ParsedRecord] { [] }
    public var linesAreIndependent: Bool { false }
}

/// A decoder whose lines can be decoded in any order, by several threads at once.
public protocol IndependentLineDecoder: RecordDecoder {
    func decodeIndependent(line: [UInt8], number: Int, file: String) -> [ParsedRecord]
}

/// The formats sitmon reads; `--format` names them.
public enum EventFormat: String, Sendable, CaseIterable {
    case jsonl
    case acled
    case ucdp
    case geojson
}
