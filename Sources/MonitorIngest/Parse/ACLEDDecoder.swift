import MonitorCore
import CSV
import Foundation

/// Reads ACLED CSV exports, the current layout and older ones (see ARCHITECTURE.md §6).
///
/// Lines arrive one at a time, but a quoted CSV field may hold commas, doubled quotes and line
/// breaks, so physical lines are gathered until the record's quotes are closed; the whole record is
/// then handed to CSV.swift, and it is numbered by its first physical line.
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
/// - A line that is not valid UTF-8 is read as Latin-1 (older spreadsheet-saved exports).
public struct ACLEDDecoder: RecordDecoder {
    /// A record (all its physical lines) may be at most this long before it is given up.
    public static let defaultMaxRecordBytes = 1 << 20

    public let builder: IncidentBuilder
    public let maxRecordBytes: Int

    /// Column positions by purpose, found from the header.
    private var columns: Columns?
    /// Physical lines of a record whose quoted field is still open.
    private var pending: [UInt8] = []
    private var pendingLine = 0
    /// Where the record's first line starts in the file, when known.
    private var pendingOffset: Int64 = 0
    private var quote = QuoteState.fieldStart

    public init(builder: IncidentBuilder = IncidentBuilder(), maxRecordBytes: Int = ACLEDDecoder.defaultMaxRecordBytes) {
        self.builder = builder
        self.maxRecordBytes = maxRecordBytes
    }

    public mutating func decode(line: [UInt8], number: Int, file: String) -> [ParsedRecord] {
        if pending.isEmpty {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return [] }  // blank lines are not errors
            pendingLine = number
            quote = .fieldStart
        } else {
            pending.append(0x0A)  // the line break belongs to the quoted field
        }
        pending.append(contentsOf: line)
        for byte in line { quote = quote.next(byte) }
        if quote == .quoted {
            guard pending.count > maxRecordBytes else { return [] }
            let record = pending
            clearPending()
            return [.bad(BadLine(origin: Origin(file: file, line: pendingLine),
                                 reason: "unterminated quoted field", excerpt: BadLine.excerpt(record: record)))]
        }
        let record = pending
        clearPending()
        return process(record: record, origin: Origin(file: file, line: pendingLine)).map { [$0] } ?? []
    }

    /// A record is numbered by its first line: its incident gets that line's offset.
    public mutating func decode(line: [UInt8], number: Int, offset: Int64, file: String) -> [ParsedRecord] {
        if pending.isEmpty { pendingOffset = offset }
        let start = pendingOffset
        let records = decode(line: line, number: number, file: file)
        return ParsedRecord.placed(records, line: pendingLine, offset: start)
    }

    public mutating func reset() {
        columns = nil
        clearPending()
    }

    private mutating func clearPending() {
        pending.removeAll(keepingCapacity: pending.count <= 64 << 10)
        quote = .fieldStart
    }

    /// One complete record: the header (nothing to emit) or an event.
    private mutating func process(record: [UInt8], origin: Origin) -> ParsedRecord? {
        let text = String(utf8OrLatin1: record)
        let row = Self.fields(text)
        guard let columns else {
            self.columns = Columns(header: row)
            return nil
        }
        func bad(_ reason: String) -> ParsedRecord {
            .bad(BadLine(origin: origin, reason: reason, excerpt: BadLine.excerpt(text)))
        }
        if !columns.missing.isEmpty {
            return bad("ACLED header lacks " + columns.missing.joined(separator: " and "))
        }
        guard row.count == columns.count else {
            return bad("expected \(columns.count) fields, found \(row.count)")
        }
        func value(_ index: Int?) -> String? {
            guard let index else { return nil }
            let v = row[index].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }

        var f = IncidentBuilder.Fields()
        f.id = columns.id.lazy.compactMap(value).first
        guard let date = value(columns.eventDate) else { return bad("missing event_date") }
        guard let day = Self.normaliseDate(date) else {
            return bad("bad event_date \"\(TextSanitizer.clean(String(date.prefix(40))))\"")
        }
        f.time = day
        f.actors = Self.actors(
            actor1: value(columns.actor1), assoc1: value(columns.assoc1),
            actor2: value(columns.actor2), assoc2: value(columns.assoc2))
        guard !f.actors.isEmpty else { return bad("missing actors") }
        f.type = value(columns.eventType).map(Self.eventType)
        f.summary = value(columns.notes) ?? value(columns.subEventType)
        f.source = value(columns.source)
        f.place = value(columns.location) ?? value(columns.admin2) ?? value(columns.admin1)
        if let raw = value(columns.fatalities) {
            guard let n = Self.wholeNumber(raw) else { return bad("fatalities \"\(TextSanitizer.clean(String(raw.prefix(20))))\" is not a whole number") }
            f.fatalities = n
        }
        if let latText = value(columns.latitude), let lonText = value(columns.longitude) {
            guard let lat = Double(latText), lat.isFinite else {
                return bad("latitude \"\(TextSanitizer.clean(String(latText.prefix(20))))\" is not a number")
            }
            guard let lon = Double(lonText), lon.isFinite else {
                return bad("longitude \"\(TextSanitizer.clean(String(lonText.prefix(20))))\" is not a number")
            }
            f.lat = lat
            f.lon = lon
        }
        switch builder.build(f, origin: origin) {
        case .success(let incident): return .incident(incident)
        case .failure(let error): return bad(error.reason)
        }
    }

    // MARK: Columns

    private struct Columns: Sendable {
        var count: Int
        var id: [Int] = []
        var eventDate, actor1, assoc1, actor2, assoc2: Int?
        var eventType, subEventType, fatalities, notes, source: Int?
        var location, admin1, admin2, latitude, longitude: Int?
        /// Required columns the header does not have.
        var missing: [String] = []

        init(header: [String]) {
            count = header.count
            var index: [String: Int] = [:]
            for (i, raw) in header.enumerated() {
                var name = raw.trimmingCharacters(in: .whitespaces).lowercased()
                if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
                if index[name] == nil { index[name] = i }
            }
            id = ["event_id_cnty", "data_id", "event_id_no_cnty"].compactMap { index[$0] }
            eventDate = index["event_date"]
            actor1 = index["actor1"]
            assoc1 = index["assoc_actor_1"] ?? index["ally_actor_1"]
            actor2 = index["actor2"]
            assoc2 = index["assoc_actor_2"] ?? index["ally_actor_2"]
            eventType = index["event_type"]
            subEventType = index["sub_event_type"]
            fatalities = index["fatalities"]
            notes = index["notes"]
            source = index["source"]
            location = index["location"]
            admin1 = index["admin1"]
            admin2 = index["admin2"]
            latitude = index["latitude"]
            longitude = index["longitude"]
            if eventDate == nil { missing.append("event_date") }
            if actor1 == nil { missing.append("actor1") }
        }
    }

    // MARK: Record boundaries

    /// Where a record stands after each byte, following CSV.swift's reading rules: only a field
    /// that starts with a quote is quoted; inside it `""` is a quote and a quote followed by
    /// anything but a comma, a quote or the line end does not close the field.
    package enum QuoteState: Sendable, Equatable {
        case fieldStart, unquoted, quoted, quoteSeen

        package func next(_ byte: UInt8) -> QuoteState {
            switch (self, byte) {
            case (.fieldStart, 0x22): .quoted
            case (.fieldStart, 0x2C), (.unquoted, 0x2C), (.quoteSeen, 0x2C): .fieldStart
            case (.fieldStart, _), (.unquoted, _): .unquoted
            case (.quoted, 0x22): .quoteSeen
            case (.quoted, _), (.quoteSeen, _): .quoted
            }
        }
    }

    // MARK: Helpers shared with GeoJSON

    /// The fields of one complete record, split by CSV.swift.
    package static func fields(_ text: String) -> [String] {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return [] }
        return reader.next() ?? []
    }

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
