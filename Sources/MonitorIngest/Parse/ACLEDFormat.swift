import Foundation
import MonitorCore

/// The ACLED layouts, current and older, by header name (field choices: `ACLEDDecoder`).
package struct ACLEDFormat: CSVTableFormat {
    package let fieldCount: Int
    package var headerProblem: String? { missing.isEmpty ? nil : "ACLED header lacks " + missing.joined(separator: " and ") }
    private var id: [Int] = []
    private var eventDate, actor1, assoc1, actor2, assoc2: Int?
    private var eventType, subEventType, fatalities, notes, source: Int?
    private var location, admin1, admin2, latitude, longitude: Int?
    private var geoPrecision, timePrecision: Int?
    /// Required columns the header does not have.
    private var missing: [String] = []
    /// The columns as the fast path reads them.
    private var packed = CSVColumns()

    package init(header: [String]) {
        fieldCount = header.count
        let index = Self.columnIndex(header)
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
        geoPrecision = index["geo_precision"]
        timePrecision = index["time_precision"]
        if eventDate == nil { missing.append("event_date") }
        if actor1 == nil { missing.append("actor1") }
        packed = CSVColumns(
            id: id, time: eventDate, actors: [(actor1, false), (assoc1, true), (actor2, false), (assoc2, true)],
            type: eventType, summary: [notes, subEventType], source: source, place: [location, admin2, admin1],
            fatalities: fatalities, latitude: latitude, longitude: longitude,
            precision: (.acled, geoPrecision, timePrecision), control: subEventType)
    }

    // MARK: The general path

    package func fields(_ row: [String]) -> Result<IncidentBuilder.Fields, LineError> {
        func value(_ index: Int?) -> String? {
            guard let index else { return nil }
            let v = row[index].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        func bad(_ reason: String) -> Result<IncidentBuilder.Fields, LineError> { .failure(LineError(reason)) }

        var f = IncidentBuilder.Fields()
        f.id = id.lazy.compactMap(value).first
        guard let date = value(eventDate) else { return bad("missing event_date") }
        guard let day = ACLEDDecoder.normaliseDate(date) else {
            return bad("bad event_date \"\(TextSanitizer.clean(String(date.prefix(40))))\"")
        }
        f.time = day
        f.actors = ACLEDDecoder.actors(
            actor1: value(actor1), assoc1: value(assoc1), actor2: value(actor2), assoc2: value(assoc2))
        guard !f.actors.isEmpty else { return bad("missing actors") }
        f.type = value(eventType).map(ACLEDDecoder.eventType)
        f.summary = value(notes) ?? value(subEventType)
        // ACLED's sub-event types that change who holds a place: the first actor holds it.
        if let sub = value(subEventType), ControlHolder.isControlSubEvent(sub) { f.control = f.actors.first }
        f.source = value(source)
        f.place = value(location) ?? value(admin2) ?? value(admin1)
        if let raw = value(fatalities) {
            guard let n = ACLEDDecoder.wholeNumber(raw) else {
                return bad(FatalityCount.reason(raw, shown: "fatalities \"\(TextSanitizer.clean(String(raw.prefix(20))))\""))
            }
            f.fatalities = n
        }
        if let latText = value(latitude), let lonText = value(longitude) {
            guard let lat = Double(latText), lat.isFinite else {
                return bad("latitude \"\(TextSanitizer.clean(String(latText.prefix(20))))\" is not a number")
            }
            guard let lon = Double(lonText), lon.isFinite else {
                return bad("longitude \"\(TextSanitizer.clean(String(lonText.prefix(20))))\" is not a number")
            }
            f.lat = lat
            f.lon = lon
        }
        f.precision = Precision.reading(.acled, location: value(geoPrecision), date: value(timePrecision))
        return .success(f)
    }

    // MARK: The fast path

    package func pack(_ record: CSVRecord, into segment: inout PackedSegment, _ packer: inout CSVPacker) -> Bool {
        CSVIncidentPacker.pack(record, packed, into: &segment, &packer,
                               time: { TimeParser.parse(raw: $0) ?? ACLEDDate.parse($0) },
                               typeLabel: { t in
                                   EventType(parsing: TextSanitizer.clean(ACLEDDecoder.eventType(String(utf8OrLatin1: Array(t)))).trimmingSpaces).label
                               })
    }
}

/// ACLED's other date forms read from bytes, exactly as `ACLEDDecoder.normaliseDate` reads them:
/// `2023-8-3`, `13 August 2023`, `13-Aug-2023` (separators: runs of spaces and hyphens).
package enum ACLEDDate {
    package static func parse(_ t: UnsafeRawBufferPointer) -> TimeParser.Parsed? {
        var parts: [Range<Int>] = []
        var i = 0
        while i < t.count {
            while i < t.count, t[i] == 0x20 || t[i] == 0x2D { i += 1 }
            let start = i
            while i < t.count, t[i] != 0x20, t[i] != 0x2D { i += 1 }
            if i > start {
                guard parts.count < 3 else { return nil }
                parts.append(start..<i)
            }
        }
        guard parts.count == 3 else { return nil }
        func number(_ r: Range<Int>, _ digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(r.count) else { return nil }
            var v = 0
            for k in r {
                guard t[k] &- 0x30 < 10 else { return nil }
                v = v * 10 + Int(t[k] &- 0x30)
            }
            return v
        }
        let year: Int, month: Int, day: Int
        if let y = number(parts[0], 4...4), let m = number(parts[1], 1...2), let d = number(parts[2], 1...2) {
            (year, month, day) = (y, m, d)
        } else if let d = number(parts[0], 1...2), let m = monthNumber(t, parts[1]), let y = number(parts[2], 4...4) {
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= TimeParser.daysIn(month: month, year: year) else { return nil }
        return TimeParser.Parsed(epochSeconds: Int64(TimeParser.daysFromCivil(year: year, month: month, day: day)) * 86400,
                                 hasClockTime: false)
    }

    private static let names: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"].map { Array($0.utf8) }

    /// A month's number from its English name, its first three letters or "sept", any case.
    private static func monthNumber(_ t: UnsafeRawBufferPointer, _ r: Range<Int>) -> Int? {
        var lower: [UInt8] = []
        lower.reserveCapacity(r.count)
        for k in r {
            let b = t[k]
            guard b < 0x80 else { return nil }
            lower.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        if lower == Array("sept".utf8) { return 9 }
        for (i, name) in names.enumerated() where lower == name || (lower.count == 3 && name.starts(with: lower)) {
            return i + 1
        }
        return nil
    }
}
