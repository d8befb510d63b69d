import MonitorCore
import Foundation

/// Reads ACLED CSV exports, the current layout and older ones (see ARCHITECTURE.md §6).
///
/// Records are read strictly by RFC 4180 (`CSVScanner`): a quoted field may hold commas, doubled
/// quotes and line breaks; a record is numbered by its first physical line. A record that breaks
/// the rules is one bad line and reading resumes at the line after its first (`CSVTableReader`).
/// Records are decoded straight into packed segments, a big block on every core; the columns and
/// both ways of reading a record are `ACLEDFormat`.
///
/// The first record is the header. Columns are found by name (case and surrounding spaces ignored),
/// never by position, so exports with extra, missing or reordered columns read alike.
///
/// Field choices:
/// - id: `event_id_cnty`, else `data_id` (older exports), else `event_id_no_cnty`.
/// - time: `event_date` as `2023-08-13`, `13 August 2023` or `13-August-2023` (month names may be
///   abbreviated). ACLED gives no time of day, so incidents carry a date only. `8/13/2023` style
///   dates are refused: day and month order cannot be told apart in general.
/// - actors: `actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2` in that order (older exports call
///   the associated columns `ally_actor_1/2`); associated actors are split on `;`.
/// - type: `event_type`; old event types that ACLED later merged are mapped onto today's six.
/// - summary: `notes`. When the notes are empty the `sub_event_type` ("Armed clash", "Attack") is
///   used instead, so the feed still says something about the event; with notes present it is
///   left out, as ACLED's notes already describe the event in full.
/// - place: `location`, else `admin2`, else `admin1`; `latitude`/`longitude` when both are given.
/// - `geo_precision` and `time_precision` are kept (`Precision`); `geo_precision` 3 (the point is
///   a region's centre) is treated as UCDP's `where_prec` 4: dimmer on the map, said in the detail.
/// - A field that is not valid UTF-8 is read as Latin-1 (older spreadsheet-saved exports).
public struct ACLEDDecoder: RecordDecoder, PackedBlockDecoder {
    /// A record (all its physical lines) may be at most this long before it is given up.
    public static let defaultMaxRecordBytes = 1 << 20

    public let builder: IncidentBuilder
    public let maxRecordBytes: Int
    private var reader: CSVTableReader<ACLEDFormat>

    public init(builder: IncidentBuilder = IncidentBuilder(), maxRecordBytes: Int = ACLEDDecoder.defaultMaxRecordBytes) {
        self.builder = builder
        self.maxRecordBytes = maxRecordBytes
        reader = CSVTableReader(builder: builder, maxRecordBytes: maxRecordBytes)
    }

    package mutating func decodeBlock(_ lines: LineBlock, _ range: Range<Int>, file: String,
                                      speculated: BlockSpeculation?) -> CSVBlockOutput {
        reader.decode(lines, range, file: file, speculated: speculated)
    }

    package func speculator() -> BlockSpeculator? { reader.speculator() }

    public mutating func decode(line: [UInt8], number: Int, file: String) -> [ParsedRecord] {
        CSVBlockOutput.withoutOffsets(decode(line: line, number: number, offset: 0, file: file))
    }

    public mutating func decode(line: [UInt8], number: Int, offset: Int64, file: String) -> [ParsedRecord] {
        reader.decode(LineBlock(line: line, number: number, offset: offset), 0..<1, file: file).records
    }

    public mutating func reset() { reader.reset() }

    // MARK: Helpers shared with GeoJSON

    /// Actor names in ACLED's order; associated actors are `;`-separated lists.
    package static func actors(actor1: String?, assoc1: String?, actor2: String?, assoc2: String?) -> [String] {
        func split(_ list: String?) -> [String] {
            (list ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return [actor1].compactMap { $0 } + split(assoc1) + [actor2].compactMap { $0 } + split(assoc2)
    }

    /// Today's six event types for the older names ACLED has since merged.
    package static func eventType(_ raw: String) -> String {
        let key = NameKey.fold(raw)
        if key.hasPrefix("battle") { return "Battles" }  // "Battle-No change of territory", ...
        switch key {
        case "headquartersorbaseestablished", "nonviolenttransferofterritory": return "Strategic developments"
        default: return raw
        }
    }

    package static func wholeNumber(_ text: String) -> Int? {
        if let n = Int(text) { return n }
        if let d = Double(text), d == d.rounded(), abs(d) < 1e9 { return Int(d) }
        return nil
    }

    private static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var table: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            table[name] = i + 1
            table[String(name.prefix(3))] = i + 1
        }
        table["sept"] = 9
        return table
    }()

    /// An ACLED date as `YYYY-MM-DD` (or the text itself when it is already an RFC 3339 time).
    /// Accepts `2023-08-13`, `2023-8-13`, `13 August 2023`, `13-August-2023`, `13 Aug 2023`.
    package static func normaliseDate(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if TimeParser.parse(text) != nil { return text }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard parts.count == 3 else { return nil }
        func number(_ s: String, digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        let year: Int, month: Int, day: Int
        if let y = number(parts[0], digits: 4...4), let m = number(parts[1], digits: 1...2), let d = number(parts[2], digits: 1...2) {
            (year, month, day) = (y, m, d)
        } else if let d = number(parts[0], digits: 1...2), let m = months[parts[1].lowercased()],
                  let y = number(parts[2], digits: 4...4) {
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= TimeParser.daysIn(month: month, year: year) else { return nil }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
