import Foundation
import MonitorCore

/// The UCDP GED layout (version 20.1 and later), by header name (field choices: `UCDPDecoder`).
package struct UCDPFormat: CSVTableFormat {
    package let fieldCount: Int
    package var headerProblem: String? { missing.isEmpty ? nil : "UCDP header lacks " + missing.joined(separator: " and ") }
    private var id, dateStart, sideA, sideB, best, violence: Int?
    private var headline, whereDescription, source, sourceOffice: Int?
    private var whereCoordinates, adm1, adm2, latitude, longitude: Int?
    private var wherePrecision, datePrecision: Int?
    private var missing: [String] = []
    private var packed = CSVColumns()

    package init(header: [String]) {
        fieldCount = header.count
        let index = Self.columnIndex(header)
        id = index["id"]
        dateStart = index["date_start"]
        sideA = index["side_a"]
        sideB = index["side_b"]
        best = index["best"]
        violence = index["type_of_violence"]
        headline = index["source_headline"]
        whereDescription = index["where_description"]
        source = index["source_original"]
        sourceOffice = index["source_office"]
        whereCoordinates = index["where_coordinates"]
        adm1 = index["adm_1"]
        adm2 = index["adm_2"]
        latitude = index["latitude"]
        longitude = index["longitude"]
        wherePrecision = index["where_prec"]
        datePrecision = index["date_prec"]
        if dateStart == nil { missing.append("date_start") }
        if sideA == nil { missing.append("side_a") }
        packed = CSVColumns(
            id: [id].compactMap { $0 }, time: dateStart, actors: [(sideA, false), (sideB, false)], type: violence,
            summary: [headline, whereDescription], source: source, place: [whereCoordinates, adm2, adm1],
            fatalities: best, latitude: latitude, longitude: longitude,
            precision: (.ucdp, wherePrecision, datePrecision))
    }

    /// UCDP's three types of violence as sitmon's event types.
    package static func eventType(_ code: String) -> String? {
        switch code {
        case "1", "2": "Battles"  // state-based and non-state conflict
        case "3": "Violence against civilians"  // one-sided violence
        default: nil
        }
    }

    /// `date_start`: `2023-08-13` or `2023-08-13 00:00:00.000`. UCDP gives no time of day (the clock
    /// part is always midnight), so a midnight clock is a date only.
    package static func time(_ t: UnsafeRawBufferPointer) -> TimeParser.Parsed? {
        guard var parsed = TimeParser.parse(raw: t) else { return nil }
        if parsed.hasClockTime, parsed.epochSeconds % 86400 == 0 { parsed.hasClockTime = false }
        return parsed
    }

    // MARK: The general path

    package func fields(_ row: [String]) -> Result<IncidentBuilder.Fields, LineError> {
        func value(_ index: Int?) -> String? {
            guard let index else { return nil }
            let v = row[index].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        func bad(_ reason: String) -> Result<IncidentBuilder.Fields, LineError> { .failure(LineError(reason)) }
        func quoted(_ text: String, _ length: Int) -> String { "\"\(TextSanitizer.clean(String(text.prefix(length))))\"" }

        var f = IncidentBuilder.Fields()
        f.id = value(id)
        guard let date = value(dateStart) else { return bad("missing date_start") }
        guard let parsed = Array(date.utf8).withUnsafeBytes({ Self.time($0) }) else { return bad("bad date_start \(quoted(date, 40))") }
        f.time = date
        f.parsedTime = parsed
        f.actors = [value(sideA), value(sideB)].compactMap { $0 }
        guard !f.actors.isEmpty else { return bad("missing actors") }
        if let code = value(violence) {
            guard let type = Self.eventType(code) else { return bad("type_of_violence \(quoted(code, 20)) is not 1, 2 or 3") }
            f.type = type
        }
        f.summary = value(headline) ?? value(whereDescription)
        f.source = value(source)
        f.place = value(whereCoordinates) ?? value(adm2) ?? value(adm1)
        if let raw = value(best) {
            guard let n = ACLEDDecoder.wholeNumber(raw) else { return bad(FatalityCount.reason(raw, shown: "best \(quoted(raw, 20))")) }
            f.fatalities = n
        }
        if let latText = value(latitude), let lonText = value(longitude) {
            guard let lat = Double(latText), lat.isFinite else { return bad("latitude \(quoted(latText, 20)) is not a number") }
            guard let lon = Double(lonText), lon.isFinite else { return bad("longitude \(quoted(lonText, 20)) is not a number") }
            f.lat = lat
            f.lon = lon
        }
        f.precision = Precision.reading(.ucdp, location: value(wherePrecision), date: value(datePrecision))
        return .success(f)
    }

    // MARK: The fast path

    package func pack(_ record: CSVRecord, into segment: inout PackedSegment, _ packer: inout CSVPacker) -> Bool {
        // A type code other than 1, 2 or 3 is a bad line: the general path says so.
        if let violence {
            guard let raw = record.raw(violence), let t = CSVPacking.trimmed(raw) else { return false }
            if !t.isEmpty, t.count != 1 || t[0] < 0x31 || t[0] > 0x33 { return false }
        }
        return CSVIncidentPacker.pack(record, packed, into: &segment, &packer, time: Self.time, typeLabel: { t in
            EventType(parsing: Self.eventType(String(utf8OrLatin1: Array(t))) ?? "").label
        })
    }
}
