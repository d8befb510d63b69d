import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON Lines fast path: decodes lines straight from their bytes into `PackedIncident`s,
/// with no String or array per line. Places, sources, types and actor names are resolved once per
/// spelling (`PackedDecodeContext` remembers them); summaries and ids are checked and copied as bytes.
///
/// It gives exactly what `JSONLineParser` gives: any line it is not sure of (invalid, a retraction,
/// a number where text is expected, a value out of range, text the sanitizer would change in ways
/// only the String path reproduces, …) goes to `JSONLineParser.record`, and its result is kept as is.
package struct PackedLineDecoder: Sendable {
    package let parser: JSONLineParser
    /// The registry's Other, read once (copying the registry per line would retain its tables).
    package let otherID: ActorID

    package init(parser: JSONLineParser) {
        self.parser = parser
        otherID = parser.builder.registry.otherID
    }

    package struct Output {
        package var segment: PackedSegment
        package var badLines: [BadLine] = []
        package var retractions: [String] = []
    }

    /// The fields of one line the decoder reads; the last occurrence of a key wins, as in the parser.
    private struct Fields {
        var time: JSONField?
        var actors: JSONField?
        var lat: JSONField?
        var lon: JSONField?
        var place: JSONField?
        var id: JSONField?
        var type: JSONField?
        var summary: JSONField?
        var source: JSONField?
        var fatalities: JSONField?
        var retract: JSONField?
        var control = false
    }

    /// Decodes `range` of the block's lines.
    package func decode(_ block: LineBlock, _ range: Range<Int>, file: String, context: inout PackedDecodeContext) -> Output {
        var out = Output(segment: PackedSegment(file: file))
        context.startSegment()
        out.segment.records.reserveCapacity(range.count)
        block.bytes.withUnsafeBytes { all in
            for i in range {
                let span = block.lines[i]
                let line = UnsafeRawBufferPointer(rebasing: all[span.start..<(span.start + span.count)])
                if let length = span.overlongLength {
                    out.badLines.append(BadLine.overlong(line, length, Origin(file: file, line: span.number)))
                    continue
                }
                if JSONLDecoder.isBlank(line) { continue }
                if !decodeFast(line, number: span.number, offset: span.offset, into: &out.segment, &context) {
                    switch parser.record(bytes: line, origin: Origin(file: file, line: span.number)) {
                    case .incident(var incident):
                        incident.origin.offset = span.offset
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

    /// Appends the line's record and returns true, or returns false (having added no record) when
    /// the line needs the general parser.
    private func decodeFast(_ line: UnsafeRawBufferPointer, number: Int, offset: Int64, into segment: inout PackedSegment,
                            _ context: inout PackedDecodeContext) -> Bool {
        var f = Fields()
        let error = JSONScanner.scanFields(line) { field in
            let key = field.key
            switch key.count {
            case 2: if Self.key(key, is: "id") { f.id = field }
            case 3: if Self.key(key, is: "lat") { f.lat = field } else if Self.key(key, is: "lon") { f.lon = field }
            case 4: if Self.key(key, is: "time") { f.time = field } else if Self.key(key, is: "type") { f.type = field }
            case 5: if Self.key(key, is: "place") { f.place = field }
            case 6: if Self.key(key, is: "actors") { f.actors = field } else if Self.key(key, is: "source") { f.source = field }
            case 7:
                if Self.key(key, is: "summary") { f.summary = field } else if Self.key(key, is: "retract") { f.retract = field }
                // A change of hands is rare: the general parser builds it (ARCHITECTURE.md §11).
                else if Self.key(key, is: "control") { f.control = true }
            case 10: if Self.key(key, is: "fatalities") { f.fatalities = field }
            default: break
            }
        }
        guard error == nil, f.retract?.bool != true, !f.control else { return false }
        guard let lat = Self.coordinate(f.lat), let lon = Self.coordinate(f.lon) else { return false }
        let values = PackedFields(time: f.time, actors: f.actors, lat: lat, lon: lon, place: f.place, id: f.id,
                                  type: f.type, summary: f.summary, source: f.source, fatalities: f.fatalities)
        return append(values, number: number, offset: offset, into: &segment, &context)
    }

    /// Appends the record of one incident's field values and returns true, or returns false (having
    /// added no record) when some value needs the general parser. Shared by every JSON format's
    /// fast path (JSON Lines here, GeoJSON features in `PackedFeatureDecoder`), so they pack alike.
    package func append(_ f: PackedFields, number: Int, offset: Int64, into segment: inout PackedSegment,
                        _ context: inout PackedDecodeContext) -> Bool {
        guard let time = f.time, let timeBytes = time.plainStringBytes, let parsed = context.time(raw: timeBytes)
        else { return false }

        guard let actors = f.actors, let (list, names) = resolveActors(actors, &context, &segment) else { return false }

        var lat = f.lat, lon = f.lon
        if lat.isNaN || lon.isNaN {
            lat = .nan
            lon = .nan
        } else if !(-90...90).contains(lat) || !(-180...180).contains(lon) {
            return false
        }

        var fatalities: UInt32 = 0
        var fatalitiesKnown = false
        if let field = f.fatalities, !field.isNull {
            guard let value = field.number, value == value.rounded(), value > -1, value <= Double(FatalityCount.maximum) else { return false }
            fatalities = UInt32(value)
            fatalitiesKnown = true
        }

        guard let place = context.place(f.place, needTown: lat.isNaN, parser.builder.gazetteer, &segment),
              let source = context.source(f.source, &segment),
              let type = context.type(f.type, &segment)
        else { return false }

        // Only now is the line sure to be kept: its text goes into the segment.
        let textMark = segment.text.count
        var flags: PackedIncident.Flags = []
        if parsed.hasClockTime { flags.insert(.hasClockTime) }
        if !fatalitiesKnown { flags.insert(.fatalitiesUnknown) }
        // A text field that is there but not a string leaves the line to the general parser,
        // which says why; the text copied so far is taken back.
        guard let summary = Self.copySummary(f.summary, &segment, &context) else {
            segment.text.removeSubrange(textMark...)
            return false
        }
        if summary.ascii { flags.insert(.asciiSummary) }
        guard let id = Self.copy(f.id, trim: false, &segment, &context) else {
            segment.text.removeSubrange(textMark...)
            return false
        }
        var idHash: UInt64 = 0
        if let field = f.id, !field.isNull {
            flags.insert(.hasID)
            idHash = segment.text.withUnsafeBytes { all in
                let bytes = UnsafeRawBufferPointer(rebasing: all[Int(id.start)..<(Int(id.start) + Int(id.count))])
                return id.ascii ? ByteHash.hash(bytes, seed: context.seed) : IDHash.of(bytes: bytes, seed: context.seed)
            }
        }
        if id.ascii { flags.insert(.asciiID) }

        if lat.isNaN, let town = place.town {
            lat = town.lat
            lon = town.lon
            flags.insert(.locatedByGazetteer)
        }
        segment.records.append(PackedIncident(
            time: parsed.epochSeconds, lat: lat, lon: lon, line: number, offset: offset, idHash: idHash,
            summaryStart: summary.start, summaryCount: summary.count, idStart: id.start, idCount: id.count,
            fatalities: fatalities, place: place.index, source: source, type: type, actorNames: names,
            actors: list, flags: flags,
            letters: summary.letters))
        return true
    }

    /// The summary copied with its letter mask: a string without escapes is checked, copied and
    /// masked in one read, as the CSV fast path does (`appendIfCleanWithLetters`); anything else
    /// is copied as `copy` does, then masked.
    @inline(__always)
    private static func copySummary(_ field: JSONField?, _ segment: inout PackedSegment, _ context: inout PackedDecodeContext)
        -> (start: UInt32, count: UInt32, ascii: Bool, letters: UInt32)? {
        if let plain = field?.plainStringBytes,
           let copied = PackedDecodeContext.appendIfCleanWithLetters(plain, trim: true, to: &segment.text) {
            return copied
        }
        guard let copied = copy(field, trim: true, &segment, &context) else { return nil }
        return (copied.start, copied.count, copied.ascii, segment.summaryLetters(copied.start, copied.count))
    }

    /// Copies a text field into the segment: empty when absent or null, nil when not a string.
    @inline(__always)
    private static func copy(_ field: JSONField?, trim: Bool, _ segment: inout PackedSegment,
                             _ context: inout PackedDecodeContext) -> (start: UInt32, count: UInt32, ascii: Bool)? {
        guard let field, !field.isNull else { return (UInt32(segment.text.count), 0, true) }
        guard field.kind == .string else { return nil }
        return context.copyText(field, trim: trim, into: &segment.text)
    }

    /// The actor list and the segment string of the line's actor names (unknown, as written), or
    /// nil for the parser. A value met before gives what it gave then (`knownActors(value:)`).
    private func resolveActors(_ field: JSONField, _ context: inout PackedDecodeContext,
                               _ segment: inout PackedSegment) -> (ActorList, UInt32)? {
        if let known = context.knownActors(value: field.raw, &segment) { return known }
        guard let read = readActors(field, &context, &segment) else { return nil }
        context.rememberActors(value: field.raw, list: read.0, names: read.1, segment)
        return read
    }

    /// `resolveActors` name by name.
    private func readActors(_ field: JSONField, _ context: inout PackedDecodeContext,
                            _ segment: inout PackedSegment) -> (ActorList, UInt32)? {
        var actors = PackedActors()
        var elements = field.elements
        var single: JSONField?
        switch field.kind {
        case .array: break
        case .string: single = field
        default: return nil
        }
        while let element = single ?? elements.next() {
            single = nil
            guard element.kind == .string else { continue }  // the parser ignores what is not a string
            let entry = context.actor(element) ?? context.learnActor(element, parser.builder.registry)
            guard actors.add(entry, otherID: otherID) else { return nil }
        }
        return actors.finish(&context, otherID: otherID, &segment)
    }

    /// Whether a key's bytes spell `name` (keys are short: a length check, then memcmp).
    @inline(__always)
    private static func key(_ key: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
        guard let base = key.baseAddress else { return name.utf8CodeUnitCount == 0 }
        return key.count == name.utf8CodeUnitCount && memcmp(base, name.utf8Start, key.count) == 0
    }

    /// A coordinate: NaN when absent or null; nil when it is anything but a number.
    private static func coordinate(_ field: JSONField?) -> Double? {
        guard let field, !field.isNull else { return .nan }
        return field.number
    }
}

/// Up to eight distinct actor names of one line in the order written, by `PackedDecodeContext`
/// number, packed in two words so a line needs no array.
package struct WrittenNames {
    package struct Key: Hashable {
        package var low: UInt64 = 0
        package var high: UInt64 = 0
    }

    package private(set) var key = Key()
    package private(set) var count = 0
    /// Some name is unknown or is not its actor's key: the names as written are kept.
    package var differs = false

    private func code(_ k: Int) -> UInt64 {
        k < 4 ? (key.low >> (16 * UInt64(k))) & 0xFFFF : (key.high >> (16 * UInt64(k - 4))) & 0xFFFF
    }

    /// False when the line has more than eight (the parser takes those lines).
    package mutating func add(_ name: UInt16) -> Bool {
        let code = UInt64(name) + 1
        for k in 0..<count where self.code(k) == code { return true }
        guard count < 8 else { return false }
        if count < 4 { key.low |= code << (16 * UInt64(count)) } else { key.high |= code << (16 * UInt64(count - 4)) }
        count += 1
        return true
    }

    package var names: [UInt16] { (0..<count).map { UInt16(code($0) - 1) } }
}

/// One incident's values as a JSON format's fast path found them: the text fields still as JSON
/// values in the record's bytes, the coordinates already numbers (NaN: none).
package struct PackedFields {
    package var time: JSONField?
    package var actors: JSONField?
    package var lat: Double
    package var lon: Double
    package var place: JSONField?
    package var id: JSONField?
    package var type: JSONField?
    package var summary: JSONField?
    package var source: JSONField?
    package var fatalities: JSONField?
}
