import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GeoJSON fast path: decodes records that are each one Feature (a GeoJSONSeq line, or one
/// feature the `GeoJSONFramer` cut out of a FeatureCollection) straight from their bytes into
/// `PackedIncident`s, through the same record writer as JSON Lines (`PackedLineDecoder.append`).
///
/// It gives exactly what `GeoJSONDecoder.record(independent:origin:)` gives: a feature it is not
/// sure of (invalid, a retraction, ACLED property names, a number where text is expected, text
/// with spaces at its ends, which the general path trims differently, …) goes there, and its
/// result is kept as is. Tests compare the two field by field (ARCHITECTURE.md §4).
package struct PackedFeatureDecoder: Sendable {
    package let general: GeoJSONDecoder
    private let writer: PackedLineDecoder

    package init(general: GeoJSONDecoder) {
        self.general = general
        writer = PackedLineDecoder(parser: JSONLineParser(builder: general.builder))
    }

    /// A Feature's members the decoder reads; the last occurrence of a key wins, as in the parse.
    private struct Members {
        var type: JSONField?
        var id: JSONField?
        var properties: JSONField?
        var geometry: JSONField?
    }

    /// The properties the decoder reads, under the JSON Lines names only (ACLED's names go to the
    /// general path).
    private struct Properties {
        var time: JSONField?
        var actors: JSONField?
        var place: JSONField?
        var id: JSONField?
        var type: JSONField?
        var summary: JSONField?
        var source: JSONField?
        var fatalities: JSONField?
        var retract: JSONField?
        /// A property the general path would read in place of a missing one (ACLED's names).
        var alternative = false

        /// Keeps a member of the properties object; the last of a repeated key wins.
        @inline(__always)
        mutating func take(_ field: JSONField) {
            let key = field.key
            switch key.count {
            case 2: if PackedFeatureDecoder.key(key, is: "id") { id = field }
            case 4:
                if PackedFeatureDecoder.key(key, is: "time") { time = field }
                else if PackedFeatureDecoder.key(key, is: "type") { type = field }
            case 5:
                if PackedFeatureDecoder.key(key, is: "place") { place = field }
                else if PackedFeatureDecoder.key(key, is: "notes") { alternative = true }
            case 6:
                if PackedFeatureDecoder.key(key, is: "actors") { actors = field }
                else if PackedFeatureDecoder.key(key, is: "source") { source = field }
                else if PackedFeatureDecoder.key(key, is: "admin1") || PackedFeatureDecoder.key(key, is: "admin2")
                            || PackedFeatureDecoder.key(key, is: "actor1") || PackedFeatureDecoder.key(key, is: "actor2") { alternative = true }
            case 7:
                if PackedFeatureDecoder.key(key, is: "summary") { summary = field }
                else if PackedFeatureDecoder.key(key, is: "retract") { retract = field }
                // A change of hands is rare: the general decoder builds it (ARCHITECTURE.md §11).
                else if PackedFeatureDecoder.key(key, is: "control") { alternative = true }
            case 8: if PackedFeatureDecoder.key(key, is: "location") { alternative = true }
            case 10:
                if PackedFeatureDecoder.key(key, is: "fatalities") { fatalities = field }
                else if PackedFeatureDecoder.key(key, is: "event_date") || PackedFeatureDecoder.key(key, is: "event_type") { alternative = true }
            case 13:
                if PackedFeatureDecoder.key(key, is: "event_id_cnty") || PackedFeatureDecoder.key(key, is: "assoc_actor_1")
                    || PackedFeatureDecoder.key(key, is: "assoc_actor_2") { alternative = true }
            case 14: if PackedFeatureDecoder.key(key, is: "sub_event_type") { alternative = true }
            default: break
            }
        }
    }

    /// The geometry members the decoder reads.
    private struct Geometry {
        var type: JSONField?
        var coordinates: JSONField?
        /// The elements of the `coordinates` array being read in the scan (`element`), and whether
        /// `coordinates` holds the array they came from (so `point` need not read it again).
        var elements = 0
        var first: Double?
        var second: Double?
        var reading = false
        var elementsRead = false

        mutating func take(_ field: JSONField) {
            // memcmp, not `keyIs`: its generic comparison cost 2% of a collection's load.
            if PackedFeatureDecoder.key(field.key, is: "type") { type = field }
            else if PackedFeatureDecoder.key(field.key, is: "coordinates") {
                coordinates = field
                elementsRead = reading
                reading = false
            }
        }

        /// A `coordinates` array's elements are about to come.
        mutating func startElements() {
            elements = 0
            first = nil
            second = nil
            reading = true
        }

        mutating func element(_ field: JSONField) {
            if elements == 0 { first = field.number } else if elements == 1 { second = field.number }
            elements += 1
        }
    }

    /// Which object's members the one-pass scan is handing over.
    private enum Descent { case none, properties, geometry }

    /// What the one-pass scan of a feature gathers.
    private struct FeatureScan: JSONNestedVisitor {
        var m = Members()
        var p = Properties()
        var g = Geometry()
        /// Which member's fields `nested` is reading, and whether the last properties and geometry
        /// seen were read that way (one written with an escaped key is scanned on its own later).
        var inside = Descent.none
        var propertiesRead = false, geometryRead = false
        /// Whether `p` or `g` holds a member already: a repeated key starts afresh (cleared only
        /// then: clearing a fresh one cost a feature some 60 instructions).
        var propertiesBegun = false, geometryBegun = false

        mutating func descend(_ key: UnsafeRawBufferPointer) -> Bool {
            if PackedFeatureDecoder.bytes(key, are: "properties") {
                if propertiesBegun { p = Properties() }
                propertiesBegun = true
                inside = .properties
                return true
            }
            if PackedFeatureDecoder.bytes(key, are: "geometry") {
                if geometryBegun { g = Geometry() }
                geometryBegun = true
                inside = .geometry
                return true
            }
            return false
        }

        @inline(__always)
        mutating func nested(_ field: JSONField) {
            switch inside {
            case .properties: p.take(field)
            case .geometry: g.take(field)
            case .none: break
            }
        }

        mutating func descendArray(_ key: UnsafeRawBufferPointer) -> Bool {
            guard inside == .geometry, PackedFeatureDecoder.bytes(key, are: "coordinates") else { return false }
            g.startElements()
            return true
        }

        mutating func element(_ field: JSONField) { g.element(field) }

        mutating func visit(_ field: JSONField) {
            let key = field.key
            switch key.count {
            case 2: if PackedFeatureDecoder.key(key, is: "id") { m.id = field }
            case 4: if PackedFeatureDecoder.key(key, is: "type") { m.type = field }
            case 8: if PackedFeatureDecoder.key(key, is: "geometry") { m.geometry = field; geometryRead = inside == .geometry }
            case 10: if PackedFeatureDecoder.key(key, is: "properties") { m.properties = field; propertiesRead = inside == .properties }
            default: break
            }
            inside = .none
        }
    }

    /// Decodes `range` of the block's records.
    package func decode(_ block: LineBlock, _ range: Range<Int>, file: String,
                        context: inout PackedDecodeContext) -> PackedLineDecoder.Output {
        var out = PackedLineDecoder.Output(segment: PackedSegment(file: file))
        context.startSegment()
        out.segment.records.reserveCapacity(range.count)
        block.bytes.withUnsafeBytes { all in
            for i in range {
                let span = block.lines[i]
                let line = UnsafeRawBufferPointer(rebasing: all[span.start..<(span.start + span.count)])
                let origin = Origin(file: file, line: span.number)
                if let length = span.overlongLength {
                    out.badLines.append(BadLine.overlong(line, length, origin))
                    continue
                }
                let body = Self.afterSeparators(line)
                if Self.isBlank(body) { continue }
                if decodeFast(body, number: span.number, offset: span.offset, into: &out.segment, &context) { continue }
                for record in general.record(independent: Array(line), origin: origin) {
                    switch record {
                    case .incident(var incident):
                        if incident.origin.offset == nil { incident.origin.offset = span.offset }
                        out.segment.records.append(.placeholder(full: out.segment.full.count))
                        out.segment.full.append(incident)
                    case .retraction(let id, _): out.retractions.append(id)
                    case .bad(let bad): out.badLines.append(bad)
                    }
                }
            }
        }
        out.segment.finish()
        return out
    }

    /// Appends the feature's record and returns true, or returns false (having added no record)
    /// when the feature needs the general path.
    private func decodeFast(_ record: UnsafeRawBufferPointer, number: Int, offset: Int64,
                            into segment: inout PackedSegment, _ context: inout PackedDecodeContext) -> Bool {
        var scan = FeatureScan()
        let error = JSONScanner.scanFields(record, into: &scan)
        guard error == nil, let type = scan.m.type?.plainStringBytes, Self.bytes(type, are: "Feature"),
              let properties = scan.m.properties, properties.kind == .object else { return false }
        if !scan.propertiesRead {
            guard let scanned = Self.properties(properties) else { return false }
            scan.p = scanned
        }
        guard !scan.p.alternative, scan.p.retract?.bool != true else { return false }
        if !scan.geometryRead, let geometry = scan.m.geometry, geometry.kind == .object {
            guard let scanned = Self.geometry(geometry) else { return false }
            scan.g = scanned
        }
        guard let (lon, lat) = Self.point(scan.m.geometry, scan.g) else { return false }
        // Text as the general path picks it: the first of its keys with a non-empty value.
        guard case .some(let id) = Self.pick(scan.p.id, scan.m.id, trimmed: false),
              case .some(let place) = Self.pick(scan.p.place, trimmed: true),
              case .some(let eventType) = Self.pick(scan.p.type, trimmed: true),
              case .some(let summary) = Self.pick(scan.p.summary, trimmed: true),
              case .some(let source) = Self.pick(scan.p.source, trimmed: true),
              scan.p.time?.kind == .string, scan.p.actors.map({ $0.kind == .array || $0.kind == .string }) == true
        else { return false }
        let values = PackedFields(time: scan.p.time, actors: scan.p.actors, lat: lat, lon: lon, place: place, id: id,
                                  type: eventType, summary: summary, source: source, fatalities: scan.p.fatalities)
        return writer.append(values, number: number, offset: offset, into: &segment, &context)
    }

    /// The properties object's members, or nil when it is not valid JSON (cannot happen: the
    /// feature was validated as a whole).
    private static func properties(_ field: JSONField) -> Properties? {
        var p = Properties()
        return JSONScanner.scanFields(field.raw) { p.take($0) } == nil ? p : nil
    }

    private static func geometry(_ field: JSONField) -> Geometry? {
        var g = Geometry()
        return JSONScanner.scanFields(field.raw) { g.take($0) } == nil ? g : nil
    }

    /// The Point's (lon, lat), (NaN, NaN) when the geometry places nothing (none, null, another
    /// type, an empty Point), nil when the general path must say what is wrong with it.
    /// `members`: the geometry object's members (when it is one).
    private static func point(_ geometry: JSONField?, _ members: Geometry) -> (Double, Double)? {
        guard let geometry, !geometry.isNull else { return (.nan, .nan) }
        guard geometry.kind == .object else { return nil }
        guard let type = members.type, type.kind == .string else { return (.nan, .nan) }
        guard let name = type.plainStringBytes else { return nil }  // escaped: the general path compares
        guard bytes(name, are: "Point") else { return (.nan, .nan) }
        guard let coordinates = members.coordinates, coordinates.kind == .array else { return nil }
        if members.elementsRead {
            // Read in the scan: the same answers as the walk below.
            guard members.elements > 0 else { return (.nan, .nan) }
            guard let lon = members.first, let lat = members.second else { return nil }
            return (lon, lat)
        }
        var elements = coordinates.elements
        guard let first = elements.next() else { return (.nan, .nan) }  // an empty Point
        guard let lon = first.number, let lat = elements.next()?.number else { return nil }
        return (lon, lat)
    }

    /// What the general path's "first of these keys with a non-empty text" gives: `.some(nil)`
    /// for none of them, `.some(field)` for a string it takes as is, nil when unsure (a number,
    /// whose text the general path writes its own way; spaces at the ends, which it trims as
    /// `.whitespaces`, a wider set than the fast path's).
    /// (Two candidates as arguments, not an array: an array literal per call was a heap
    /// allocation and a free per field, five a feature.)
    @inline(__always)
    private static func pick(_ first: JSONField?, _ second: JSONField? = nil, trimmed: Bool) -> JSONField?? {
        switch take(first, trimmed: trimmed) {
        case .taken(let field): return .some(field)
        case .unsure: return nil
        case .skipped: break
        }
        switch take(second, trimmed: trimmed) {
        case .taken(let field): return .some(field)
        case .unsure: return nil
        case .skipped: return .some(nil)
        }
    }

    private enum Candidate {
        case taken(JSONField)
        case unsure
        case skipped
    }

    @inline(__always)
    private static func take(_ candidate: JSONField?, trimmed: Bool) -> Candidate {
        guard let field = candidate else { return .skipped }
        switch field.kind {
        case .string:
            if field.raw.count <= 2 { return .skipped }  // "" is skipped, as an empty text
            return !trimmed || plainEnds(field) || solidEnds(field) ? .taken(field) : .unsure
        case .number: return .unsure
        case .null, .bool, .array, .object: return .skipped
        }
    }

    /// `solidEnds` for the usual text: no escape, and printable ASCII other than a space at both
    /// ends (a string of more than two bytes, with its quotes).
    @inline(__always)
    private static func plainEnds(_ field: JSONField) -> Bool {
        let raw = field.raw
        return !field.isEscaped && raw[1] &- 0x21 < 0x5E && raw[raw.count - 2] &- 0x21 < 0x5E
    }

    /// Whether a non-empty string's first and last characters are ones no trimming touches (not a
    /// space or any other Unicode space, not a control), so the general path's `.whitespaces` trim
    /// and the fast path's agree by leaving it alone.
    private static func solidEnds(_ field: JSONField) -> Bool {
        let raw = field.raw
        guard raw.count > 2 else { return false }
        let first = raw[1], last = raw[raw.count - 2]
        // An escape at the start may be a tab or a space written as \u0020: the general path decides.
        guard first != 0x5C, solid(scalarAt: 1, raw) else { return false }
        if last < 0x80 {
            guard (0x21...0x7E).contains(last) else { return false }
        } else {
            var k = raw.count - 2
            while k > 1, raw[k] & 0xC0 == 0x80 { k -= 1 }
            guard solid(scalarAt: k, raw) else { return false }
        }
        guard field.plainStringBytes == nil else { return true }
        // A last byte that belongs to an escape (\t, \u00A0) may be whitespace once decoded.
        var backslashes = 0
        var k = raw.count - 3
        while k >= 1, raw[k] == 0x5C { backslashes += 1; k -= 1 }
        // Escaped last: solid only as \" \\ or \/ (not \t, \n, \r, \b, \f).
        if backslashes % 2 == 1 { return last == 0x22 || last == 0x5C || last == 0x2F }
        // "\uXXXX" at the end: look for an unescaped backslash six bytes back.
        if raw.count >= 8, raw[raw.count - 6] == 0x75, raw[raw.count - 7] == 0x5C { return false }
        return true
    }

    /// Whether the UTF-8 scalar starting at `k` (valid: the scanner checked) is one trimming keeps.
    private static func solid(scalarAt k: Int, _ raw: UnsafeRawBufferPointer) -> Bool {
        let lead = raw[k]
        if lead < 0x80 { return (0x21...0x7E).contains(lead) }
        var value: UInt32
        var length: Int
        switch lead {
        case 0xC0..<0xE0: value = UInt32(lead & 0x1F); length = 2
        case 0xE0..<0xF0: value = UInt32(lead & 0x0F); length = 3
        default: value = UInt32(lead & 0x07); length = 4
        }
        guard k + length <= raw.count - 1 else { return false }
        for j in 1..<length { value = value << 6 | UInt32(raw[k + j] & 0x3F) }
        switch value {
        case 0x80...0xA0, 0x1680, 0x180E, 0x2000...0x200F, 0x2028...0x202F, 0x205F...0x206F, 0x3000, 0xFEFF: return false
        default: return true
        }
    }

    /// Leading RFC 8142 record separators (a byte-order mark never reaches here: the framer drops it).
    private static func afterSeparators(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        while start < line.count, line[start] == 0x1E { start += 1 }
        return UnsafeRawBufferPointer(rebasing: line[start...])
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes where b != 0x20 && b != 0x09 && b != 0x0D && b != 0x0A && b != 0x1E { return false }
        return true
    }

    @inline(__always)
    fileprivate static func key(_ key: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
        bytes(key, are: name)
    }

    @inline(__always)
    fileprivate static func bytes(_ bytes: UnsafeRawBufferPointer, are name: StaticString) -> Bool {
        guard let base = bytes.baseAddress else { return name.utf8CodeUnitCount == 0 }
        return bytes.count == name.utf8CodeUnitCount && memcmp(base, name.utf8Start, bytes.count) == 0
    }
}
