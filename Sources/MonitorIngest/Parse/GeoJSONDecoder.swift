import MonitorCore
import Foundation

/// Reads GeoJSON: a sequence of Features, one per line (GeoJSONSeq, RFC 8142, each line optionally
/// led by the record separator 0x1E), or a whole FeatureCollection document spread over many lines.
///
/// `SourceReader` does not hand it lines: `GeoJSONFramer` cuts the source into records that each
/// stand alone (a feature, even out of a collection on one line), which `PackedFeatureDecoder`
/// decodes, falling back to `record(independent:origin:)` here. The line-fed mode described below
/// serves callers that have lines (it gathers a document whole, so it suits small ones).
///
/// Which of the two a file is follows from its first non-blank line: a complete JSON object that is
/// a Feature starts sequence mode, where every later line is one Feature. Anything else is the
/// start of a document: lines are gathered while a light structural scan (brackets and strings
/// only) follows the nesting, and as soon as the top-level value closes, the document is parsed
/// with the project's `JSONScanner` and every feature is emitted, numbered by the line its `{` is on. After
/// that the next non-blank line is looked at afresh, so more data appended later (another
/// collection, or Features one per line) is read too. A document still open when reading catches
/// up is kept for later (the file may still be being written); `endOfData` only reports it when it
/// can no longer become valid JSON, whatever is appended. Past `maxDocumentBytes` it is dropped
/// with one bad record.
///
/// Features: a Point geometry gives the location (`[lon, lat]`, in that order); any other
/// geometry, or none, leaves the incident to be placed through the gazetteer. Properties use the
/// JSON Lines names (`time`, `actors`, `place`, `type`, `fatalities`, `summary`, `source`, `id`)
/// or ACLED's (`event_date`, `actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2`, `event_type`,
/// `notes`, `location`, `event_id_cnty`); the JSON Lines name wins when both are present. The id is
/// the `id` property, else `event_id_cnty`, else the feature's own `id` (often a mere row
/// number). `"retract": true` with an id makes a retraction.
public struct GeoJSONDecoder: RecordDecoder {
    public static let defaultMaxDocumentBytes = 256 << 20

    public let builder: IncidentBuilder
    public let maxDocumentBytes: Int

    private enum Mode: Sendable { case undecided, sequence, document }
    private var mode = Mode.undecided
    /// The document gathered so far (document mode), lines joined by LF.
    private var buffer: [UInt8] = []
    /// Byte offset in `buffer` where each gathered line starts, with its line number.
    private var lineStarts: [(offset: Int, line: Int)] = []
    /// Where each gathered line starts in the file (parallel to `lineStarts`), when known.
    private var fileOffsets: [Int64?] = []
    /// The offset of the line being decoded, while `decode(line:number:offset:file:)` runs.
    private var lineOffset: Int64?
    private var scan = StructureScan()
    /// The document outgrew the cap: its remaining lines are followed but not kept.
    private var dropping = false
    /// `buffer.count` when `endOfData` last checked the open document.
    private var checkedCount = -1

    public init(builder: IncidentBuilder = IncidentBuilder(), maxDocumentBytes: Int = GeoJSONDecoder.defaultMaxDocumentBytes) {
        self.builder = builder
        self.maxDocumentBytes = maxDocumentBytes
    }

    public mutating func decode(line: [UInt8], number: Int, file: String) -> [ParsedRecord] {
        let body = Self.stripLead(line)
        switch mode {
        case .sequence:
            if Self.isBlank(body) { return [] }
            return records(fromLine: body, origin: Origin(file: file, line: number))
        case .undecided:
            guard let first = body.first(where: { !Self.isBlank([$0]) }) else { return [] }
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                return [bad("invalid JSON", Origin(file: file, line: number), body)]
            }
            mode = .document
            scan = StructureScan()
            buffer = []
            lineStarts = []
            fileOffsets = []
            dropping = false
            return gather(body, number: number, file: file)
        case .document:
            return gather(body, number: number, file: file)
        }
    }

    /// Features on one line take that line's offset; a document's features, the offset of the line
    /// their "{" is on.
    public mutating func decode(line: [UInt8], number: Int, offset: Int64, file: String) -> [ParsedRecord] {
        lineOffset = offset
        defer { lineOffset = nil }
        return ParsedRecord.placed(decode(line: line, number: number, file: file), line: number, offset: offset)
    }

    public mutating func endOfData(file: String) -> [ParsedRecord] {
        guard mode == .document, !dropping, !buffer.isEmpty, buffer.count != checkedCount else { return [] }
        checkedCount = buffer.count
        // Still open: fine if more text could complete it; broken if the error comes before the end.
        if case .failure(let error) = JSONScanner.parse(buffer), error.offset < buffer.count {
            let origin = Origin(file: file, line: lineStarts.first?.line ?? 0)
            let reason = "invalid JSON at line \(line(at: error.offset)): \(error.message)"
            let record = bad(reason, origin, buffer)
            startOver()
            return [record]
        }
        return []
    }

    public mutating func reset() {
        mode = .undecided
        startOver()
    }

    private mutating func startOver() {
        if mode == .document { mode = .undecided }
        buffer = []
        lineStarts = []
        fileOffsets = []
        scan = StructureScan()
        dropping = false
        checkedCount = -1
    }

    // MARK: Document mode

    private mutating func gather(_ body: [UInt8], number: Int, file: String) -> [ParsedRecord] {
        let origin = Origin(file: file, line: number)
        let base = buffer.count + (buffer.isEmpty ? 0 : 1)
        var end: Int?
        for (i, byte) in body.enumerated() {
            scan.feed(byte, line: number, offset: base + i)
            if scan.failed || scan.complete {
                end = i + 1
                break
            }
        }
        if scan.failed {
            let first = lineStarts.first?.line ?? number
            var text = buffer
            if !text.isEmpty { text.append(0x0A) }
            text += body
            let lines = first == number ? "line \(number)" : "lines \(first)-\(number)"
            let record = bad("invalid JSON (\(lines))", Origin(file: file, line: first), text)
            startOver()
            return [record]
        }
        if scan.inString {
            // A raw line break inside a JSON string: no appended text can repair that.
            let first = lineStarts.first?.line ?? number
            var text = buffer
            if !text.isEmpty { text.append(0x0A) }
            text += body
            let record = bad("invalid JSON (line break inside a string on line \(number))", Origin(file: file, line: first), text)
            startOver()
            return [record]
        }
        if !dropping {
            if !buffer.isEmpty { buffer.append(0x0A) }
            lineStarts.append((buffer.count, number))
            fileOffsets.append(lineOffset)
            buffer.append(contentsOf: body[..<(end ?? body.count)])
            if buffer.count > maxDocumentBytes {
                let first = lineStarts.first?.line ?? number
                let size = maxDocumentBytes % (1 << 20) == 0 ? "\(maxDocumentBytes >> 20) MiB" : "\(maxDocumentBytes) bytes"
                let record = bad("GeoJSON document larger than \(size)", Origin(file: file, line: first), buffer)
                buffer = []
                lineStarts = []
                fileOffsets = []
                dropping = true
                if scan.complete { startOver() }
                return [record]
            }
        }
        guard let end else { return [] }
        var out: [ParsedRecord] = []
        var isFeature = false
        if !dropping {
            (out, isFeature) = documentRecords(file: file)
        }
        let oneLine = lineStarts.count == 1
        startOver()
        // A first line that is a whole Feature by itself: the file is a GeoJSONSeq.
        if oneLine, isFeature { mode = .sequence }
        let rest = Array(body[end...])
        if !Self.isBlank(rest) {
            out.append(bad("text after the end of the GeoJSON document", origin, rest))
        }
        return out
    }

    /// The gathered document is complete: parse it and emit its features. `isFeature`: the
    /// document is a single Feature (or a bare retraction), not a collection.
    private func documentRecords(file: String) -> (records: [ParsedRecord], isFeature: Bool) {
        let first = Origin(file: file, line: lineStarts.first?.line ?? 0, offset: fileOffsets.first ?? nil)
        guard String(validating: buffer, as: UTF8.self) != nil else { return ([bad("invalid UTF-8", first, buffer)], false) }
        let object: JSONValue
        switch JSONScanner.parse(buffer) {
        case .success(let value): object = value
        case .failure(let error):
            if lineStarts.count > 1 {
                return ([bad("invalid JSON at line \(line(at: error.offset)): \(error.message)", first, buffer)], false)
            }
            return ([bad("invalid JSON", first, buffer)], false)
        }
        guard case .object = object else { return ([bad("not a JSON object", first, buffer)], false) }
        switch Self.string(object["type"]) {
        case "FeatureCollection":
            guard case .array(let features)? = object["features"] else {
                return ([bad("FeatureCollection without a features list", first, buffer)], false)
            }
            let starts = scan.featureStarts.count == features.count ? scan.featureStarts : nil
            // Without each feature's line, its excerpt is its own text (rarely needed: a second scan).
            let texts = starts == nil ? Self.featureTexts(buffer) : []
            let records = features.enumerated().map { i, feature in
                let origin = starts.map { Origin(file: file, line: $0[i].line, offset: fileOffset(ofLine: $0[i].line)) } ?? first
                let excerpt: [UInt8] = starts.map { Array(buffer[$0[i].offset...].prefix(480)) }
                    ?? (i < texts.count ? texts[i] : [])
                return record(feature: feature, origin: origin, excerpt: excerpt)
            }
            return (records, false)
        case "Feature":
            return ([record(feature: object, origin: first, excerpt: buffer)], true)
        default:
            let record = record(feature: object, origin: first, excerpt: buffer)
            if case .retraction = record { return ([record], true) }
            return ([record], false)
        }
    }

    /// The file offset of a gathered line, by its number (gathered lines are consecutive).
    private func fileOffset(ofLine number: Int) -> Int64? {
        guard let firstLine = lineStarts.first?.line else { return nil }
        let i = number - firstLine
        guard i >= 0, i < lineStarts.count, i < fileOffsets.count, lineStarts[i].line == number else { return nil }
        return fileOffsets[i]
    }

    private func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        guard high >= 0 else { return 0 }
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid].offset <= offset { low = mid } else { high = mid - 1 }
        }
        return lineStarts[low].line
    }

    // MARK: Sequence mode

    /// One record that stands alone (a GeoJSONSeq line, or a feature `GeoJSONFramer` cut out of a
    /// collection), whatever came before it: what sequence mode makes of a line.
    package func record(independent line: [UInt8], origin: Origin) -> [ParsedRecord] {
        let body = Self.stripLead(line)
        if Self.isBlank(body) { return [] }
        return records(fromLine: body, origin: origin)
    }

    /// One line of a sequence: a Feature (or a one-line FeatureCollection).
    private func records(fromLine body: [UInt8], origin: Origin) -> [ParsedRecord] {
        guard String(validating: body, as: UTF8.self) != nil else { return [bad("invalid UTF-8", origin, body)] }
        // Like a document, a line must be an object or an array: a bare string or number is not GeoJSON.
        guard case .success(let object) = JSONScanner.parse(body), Self.isContainer(object) else {
            return [bad("invalid JSON", origin, body)]
        }
        if case .object = object, Self.string(object["type"]) == "FeatureCollection" {
            guard case .array(let features)? = object["features"] else {
                return [bad("FeatureCollection without a features list", origin, body)]
            }
            let texts = Self.featureTexts(body)
            return features.enumerated().map { i, feature in
                record(feature: feature, origin: origin, excerpt: i < texts.count ? texts[i] : [])
            }
        }
        return [record(feature: object, origin: origin, excerpt: body)]
    }

    // MARK: Features

    private func record(feature: JSONValue, origin: Origin, excerpt: [UInt8]) -> ParsedRecord {
        guard case .object = feature else { return bad("not a JSON object", origin, excerpt) }
        var properties = JSONValue.object([])
        switch feature["properties"] {
        case nil, .null?: break
        case .object(let members)?: properties = .object(members)
        default: return bad("properties is not an object", origin, excerpt)
        }
        // A bare `{"id": ..., "retract": true}` is accepted as well, as in JSON Lines.
        if Self.isTrue(properties["retract"]) || (feature["type"] == nil && Self.isTrue(feature["retract"])) {
            let id = [properties["id"], properties["event_id_cnty"], feature["id"]].lazy
                .compactMap { $0.flatMap(Self.text) }.first { !$0.isEmpty }
            guard let id else { return bad("retraction without id", origin, excerpt) }
            return .retraction(id: TextSanitizer.clean(id), origin: origin)
        }
        guard Self.string(feature["type"]) == "Feature" else {
            let kind = Self.string(feature["type"]).map { " (type \"\(TextSanitizer.clean(String($0.prefix(40))))\")" } ?? ""
            return bad("not a GeoJSON Feature" + kind, origin, excerpt)
        }
        switch fields(properties, featureID: feature["id"], geometry: feature["geometry"]) {
        case .failure(let error): return bad(error.reason, origin, excerpt)
        case .success(let f):
            switch builder.build(f, origin: origin) {
            case .success(let incident): return .incident(incident)
            case .failure(let error): return bad(error.reason, origin, excerpt)
            }
        }
    }

    private func fields(_ p: JSONValue, featureID: JSONValue?, geometry: JSONValue?) -> Result<IncidentBuilder.Fields, LineError> {
        var f = IncidentBuilder.Fields()
        f.id = [p["id"], p["event_id_cnty"], featureID].lazy.compactMap { $0.flatMap(Self.text) }.first { !$0.isEmpty }

        if let time = Self.present(p["time"]) {
            guard case .string(let text) = time else { return .failure(LineError("time is not a string")) }
            f.time = text
        } else if let date = Self.present(p["event_date"]) {
            guard case .string(let text) = date else { return .failure(LineError("event_date is not a string")) }
            guard let day = ACLEDDecoder.normaliseDate(text) else {
                return .failure(LineError("bad event_date \"\(TextSanitizer.clean(String(text.prefix(40))))\""))
            }
            f.time = day
        } else {
            return .failure(LineError("missing time"))
        }

        if let actors = Self.present(p["actors"]) {
            switch actors {
            case .array(let list): f.actors = list.compactMap(Self.string)
            case .string(let single): f.actors = [single]
            default: return .failure(LineError("actors is not a list of names"))
            }
        } else {
            func name(_ key: String) -> String? {
                Self.string(p[key]).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            f.actors = ACLEDDecoder.actors(actor1: name("actor1"), assoc1: name("assoc_actor_1"),
                                           actor2: name("actor2"), assoc2: name("assoc_actor_2"))
        }

        func string(_ keys: String...) -> String? {
            for key in keys {
                if let s = p[key].flatMap(Self.text)?.trimmingCharacters(in: .whitespaces), !s.isEmpty { return s }
            }
            return nil
        }
        f.place = string("place", "location", "admin2", "admin1")
        f.type = string("type") ?? string("event_type").map(ACLEDDecoder.eventType)
        f.summary = string("summary", "notes", "sub_event_type")
        f.source = string("source")
        // A change of hands: named by `control`, or by an ACLED sub-event type (the first actor holds).
        f.control = string("control")
            ?? string("sub_event_type").flatMap { ControlHolder.isControlSubEvent($0) ? f.actors.first : nil }

        if let raw = Self.present(p["fatalities"]) {
            guard let value = Self.number(raw) else { return .failure(LineError("fatalities is not a whole number")) }
            switch FatalityCount.from(value) {
            case .success(let count): f.fatalities = count
            case .failure(let problem): return .failure(problem)
            }
        }

        switch Self.present(geometry) {
        case nil: break
        case .object(let members)?:
            let g = JSONValue.object(members)
            // Only a Point places the incident; an empty Point (`[]`, RFC 7946 §3.1) places nothing.
            if Self.string(g["type"]) == "Point", g["coordinates"] != .array([]) {
                guard case .array(let c)? = g["coordinates"], c.count >= 2,
                      let lon = Self.jsonNumber(c[0]), let lat = Self.jsonNumber(c[1])
                else { return .failure(LineError("Point coordinates are not [lon, lat] numbers")) }
                f.lon = lon
                f.lat = lat
            }
        default:
            return .failure(LineError("geometry is not an object"))
        }
        return .success(f)
    }

    // MARK: Helpers

    private func bad(_ reason: String, _ origin: Origin, _ bytes: [UInt8]) -> ParsedRecord {
        .bad(BadLine(origin: origin, reason: reason, excerpt: BadLine.excerpt(record: bytes)))
    }

    /// A value that is there and not null.
    private static func present(_ value: JSONValue?) -> JSONValue? {
        if case .null? = value { return nil }
        return value
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    /// A string, or a number as its text (an id written as a number: `4411`, not `4411.0`).
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        default: nil
        }
    }

    /// A JSON number (not a boolean), or a string holding one.
    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let d): d.isFinite ? d : nil
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// A JSON number proper: no strings, no booleans.
    private static func jsonNumber(_ value: JSONValue) -> Double? {
        if case .number(let d) = value, d.isFinite { return d }
        return nil
    }

    /// Only JSON `true` is true: not 1, not "true".
    private static func isTrue(_ value: JSONValue?) -> Bool {
        if case .bool(true)? = value { return true }
        return false
    }

    private static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: true
        default: false
        }
    }

    /// The text of each element of a top-level object's `features` list, for excerpts.
    private static func featureTexts(_ document: [UInt8]) -> [[UInt8]] {
        var texts: [[UInt8]] = []
        _ = JSONScanner.scanFields(document) { field in
            guard field.keyIs("features") else { return }
            texts = []  // a repeated key: the last one counts, as in the parse
            field.forEachElement { texts.append(Array($0.raw.prefix(480))) }
        }
        return texts
    }

    /// Drops a UTF-8 byte-order mark and RFC 8142 record separators at the start of a line.
    package static func stripLead(_ line: [UInt8]) -> [UInt8] {
        var start = 0
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < line.count, line[start] == 0x1E { start += 1 }
        return start == 0 ? line : Array(line[start...])
    }

    package static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || $0 == 0x1E }
    }
}

/// Follows a JSON document's nesting byte by byte without building anything: enough to tell when
/// the top-level value closes and where each element of a top-level `"features"` array starts.
/// Full validation is left to the parser.
package struct StructureScan: Sendable {
    package private(set) var depth = 0
    package private(set) var inString = false
    private var escaped = false
    /// The last string seen directly inside the top-level object: the key of the next value there.
    private var key: [UInt8] = []
    private var collecting = false
    private var inFeatures = false
    package private(set) var started = false
    /// The top-level value has closed.
    package private(set) var complete = false
    /// Not JSON whatever follows (a stray closing bracket, text outside the value).
    package private(set) var failed = false
    package private(set) var featureStarts: [(line: Int, offset: Int)] = []

    private static let features = Array("features".utf8)

    package mutating func feed(_ byte: UInt8, line: Int, offset: Int) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x22 {
                inString = false
                collecting = false
            } else if collecting {
                if key.count < 16 { key.append(byte) } else { key = [] ; collecting = false }
            }
            return
        }
        switch byte {
        case 0x22:
            guard started else { failed = true; return }
            inString = true
            collecting = depth == 1
            if collecting { key = [] }
        case 0x7B, 0x5B:  // { [
            if depth == 2, inFeatures, byte == 0x7B { featureStarts.append((line, offset)) }
            if depth == 1, byte == 0x5B, key == Self.features { inFeatures = true }
            depth += 1
            started = true
        case 0x7D, 0x5D:  // } ]
            guard depth > 0 else { failed = true; return }
            depth -= 1
            if depth == 1 { inFeatures = false }
            if depth == 0 { complete = true }
        case 0x20, 0x09, 0x0A, 0x0D:
            break
        default:
            if !started { failed = true }
        }
    }
}
