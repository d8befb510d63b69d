import MonitorCore

/// Which columns a CSV format reads for each part of an incident, by position in its header.
package struct CSVColumns: Sendable {
    /// Id columns in order of preference: the first with a value is the id.
    package var id: [Int?] = []
    package var time: Int?
    /// Actor columns in order; `list`: a `;`-separated list of names.
    package private(set) var actors: [(column: Int, list: Bool)] = []
    package var type: Int?
    /// Summary columns in order of preference.
    package var summary: [Int?] = []
    package var source: Int?
    /// Place columns in order of preference.
    package var place: [Int?] = []
    package var fatalities: Int?
    package var latitude: Int?
    package var longitude: Int?
    /// The precision code columns and whose codes they hold (`Precision`).
    package var precision: (scheme: Precision.Scheme, location: Int?, date: Int?)?
    /// ACLED's `sub_event_type`: a row whose type changes who holds a place names its first actor as the holder.
    package var control: Int?
    /// The first and last of the actor columns (a record's bytes hold them in this order), worked
    /// out once: the fast path reads the actors by the bytes between them.
    package private(set) var actorSpan: (first: Int, last: Int)?

    package init() {}

    package init(id: [Int], time: Int?, actors: [(Int?, Bool)], type: Int?, summary: [Int?], source: Int?,
                 place: [Int?], fatalities: Int?, latitude: Int?, longitude: Int?,
                 precision: (scheme: Precision.Scheme, location: Int?, date: Int?)? = nil, control: Int? = nil) {
        self.id = id.map { $0 }
        self.time = time
        self.actors = actors.compactMap { column, list in column.map { ($0, list) } }
        if let first = self.actors.map(\.column).min(), let last = self.actors.map(\.column).max() {
            actorSpan = (first, last)
        }
        self.type = type
        self.summary = summary
        self.source = source
        self.place = place
        self.fatalities = fatalities
        self.latitude = latitude
        self.longitude = longitude
        self.precision = precision
        self.control = control
    }
}

/// The CSV fast path shared by the formats: a record's fields straight from its bytes into a
/// `PackedIncident`, exactly as the format's general path and `IncidentBuilder` would make it, or
/// false (nothing appended) for a record it cannot be sure of (ARCHITECTURE.md §4).
package enum CSVIncidentPacker {
    /// `time` reads the trimmed time field; `typeLabel` gives the stored type for a type spelling
    /// (called once per spelling).
    @inline(never)
    package static func pack(_ record: CSVRecord, _ columns: CSVColumns, into segment: inout PackedSegment,
                             _ packer: inout CSVPacker, time: (UnsafeRawBufferPointer) -> TimeParser.Parsed?,
                             typeLabel: (UnsafeRawBufferPointer) -> String) -> Bool {
        // A change of hands (ARCHITECTURE.md §11): the first actor holds the place.
        var changesHands = false
        if let c = columns.control {
            guard let raw = record.raw(c) else { return false }
            changesHands = ControlSubEvent.matches(raw)
        }
        guard let dateField = field(record, columns.time), let date = dateField,
              let time = packer.time(date, time) else { return false }

        // The actor columns as a whole when their bytes were met before; name by name otherwise.
        let actorList: ActorList, names: UInt32, firstActor: PackedDecodeContext.ActorEntry?
        let span = columns.actorSpan.flatMap { record.plainSpan($0.first, $0.last) }
        if let span, let known = packer.context.knownActors(raw: span, &segment) {
            (actorList, names, firstActor) = known
        } else {
            var actors = PackedActors()
            for (column, list) in columns.actors {
                guard let raw = record.raw(column), CSVPacking.addActors(raw, list: list, &actors, &packer) else { return false }
            }
            guard let (list, text) = actors.finish(&packer.context, otherID: packer.otherID, &segment) else { return false }
            (actorList, names, firstActor) = (list, text, actors.first)
            if let span { packer.context.rememberActors(raw: span, list: list, names: text, first: actors.first, segment) }
        }
        var holder: ControlHolder?
        if changesHands {
            guard let first = PackedActors.holder(firstActor, packer.context) else { return false }
            holder = first
        }

        var lat = Double.nan, lon = Double.nan
        guard let latField = field(record, columns.latitude), let lonField = field(record, columns.longitude) else { return false }
        if let latText = latField, let lonText = lonField {
            guard let a = CSVPacking.decimal(latText), let o = CSVPacking.decimal(lonText),
                  (-90...90).contains(a), (-180...180).contains(o) else { return false }
            lat = a
            lon = o
        }

        var flags: PackedIncident.Flags = []
        var fatalityCount: UInt32 = 0
        guard let fatalField = field(record, columns.fatalities) else { return false }
        if let text = fatalField {
            guard let n = CSVPacking.count(text) else { return false }
            fatalityCount = n
        } else {
            flags.insert(.fatalitiesUnknown)
        }

        guard let placeText = firstPresent(columns.place, record) else { return false }
        var place: (index: UInt32, town: GeoPoint?) = (0, nil)
        if let t = placeText {
            if let known = packer.context.knownPlace(raw: t, needTown: lat.isNaN, &segment) {
                place = known
            } else {
                place = packer.context.place(raw: t, needTown: lat.isNaN, packer.builder.gazetteer, &segment) { CSVPacking.cleaned(t) }
            }
        }
        guard let sourceField = field(record, columns.source), let typeField = field(record, columns.type) else { return false }
        let sourceIndex = sourceField.map { t in packer.context.source(raw: t, &segment) { CSVPacking.cleaned(t) } } ?? 0
        let typeIndex = typeField.map { t in
            packer.context.type(raw: t, &segment) { typeLabel(t) }
        } ?? 0

        var precisionCode: UInt8 = 0
        if let (scheme, location, date) = columns.precision {
            guard let l = code(record, location, max: Precision.maxLocation(scheme)),
                  let d = code(record, date, max: Precision.maxDate(scheme)) else { return false }
            if l != 0 || d != 0 { precisionCode = Precision(scheme: scheme, location: l, date: d).packed }
        }

        // Only now is the record sure to be kept: its text goes into the segment.
        let textMark = segment.text.count
        guard let copied = columns.summary.withUnsafeBufferPointer({ copySummary($0, record, &segment.text, &packer.scratch) }) else {
            return false
        }
        let summary = copied
        if summary.ascii { flags.insert(.asciiSummary) }
        guard let idText = firstPresent(columns.id, record) else {
            segment.text.removeSubrange(textMark...)
            return false
        }
        var idStart = UInt32(segment.text.count), idCount: UInt32 = 0, idHash: UInt64 = 0
        if let t = idText {
            guard let copied = CSVPacking.id(t, &segment, seed: packer.context.seed) else {
                segment.text.removeSubrange(textMark...)
                return false
            }
            (idStart, idCount, idHash) = (copied.start, copied.count, copied.hash)
            flags.insert(.hasID)
            if copied.ascii { flags.insert(.asciiID) }
        } else {
            flags.insert(.asciiID)
        }
        if time.hasClockTime { flags.insert(.hasClockTime) }
        if lat.isNaN, let town = place.town {
            lat = town.lat
            lon = town.lon
            flags.insert(.locatedByGazetteer)
        }
        segment.records.append(PackedIncident(
            time: time.epochSeconds, lat: lat, lon: lon, line: record.number, offset: record.offset, idHash: idHash,
            summaryStart: summary.start, summaryCount: summary.count, idStart: idStart, idCount: idCount,
            fatalities: fatalityCount, place: place.index, source: sourceIndex, type: typeIndex, actorNames: names,
            actors: actorList, flags: flags, precision: precisionCode,
            letters: summary.letters))
        if let holder {
            segment.recordControl(holder)
        }
        return true
    }

    /// A precision code as `Precision.code` reads the trimmed field: 0 for none (an empty field, or
    /// anything but one digit in range); nil when the general path must trim it.
    @inline(__always)
    private static func code(_ record: CSVRecord, _ column: Int?, max: UInt8) -> UInt8? {
        guard let column else { return 0 }
        guard let raw = record.raw(column), let t = CSVPacking.trimmed(raw) else { return nil }
        return t.count == 1 && t[0] >= 0x31 && t[0] <= 0x30 + max ? t[0] - 0x30 : 0
    }

    /// The summary: the first of `columns` with a value, undoubled if it holds quotes, copied into
    /// the segment's text, with its letter mask; nil when the general path must read it.
    @inline(__always)
    private static func copySummary(_ columns: UnsafeBufferPointer<Int?>, _ record: CSVRecord,
                             _ text: inout PackedText, _ scratch: inout [UInt8]) -> (start: UInt32, count: UInt32, ascii: Bool, letters: UInt32)? {
        for case let column? in columns {
            if record.fields[column].flags.contains(.spansLines) { return nil }
            let copied: (start: UInt32, count: UInt32, ascii: Bool, letters: UInt32)?? = record.withValue(column, scratch: &scratch) { raw in
                guard let t = CSVPacking.trimmed(raw) else { return .none }
                if t.isEmpty { return .some(nil) }
                return CSVPacking.copy(t, to: &text).map { .some($0) } ?? .none
            }
            guard let copied else { return nil }
            if let copied { return copied }
        }
        return (UInt32(text.count), 0, true, 0)
    }

    /// The first of `columns` with a value: `.some(nil)` when none has one, nil when one the fast
    /// path cannot read comes first.
    @inline(__always)
    private static func firstPresent(_ columns: [Int?], _ record: CSVRecord) -> UnsafeRawBufferPointer?? {
        for column in columns {
            guard let value = field(record, column) else { return nil }
            if let text = value { return .some(text) }
        }
        return .some(nil)
    }

    /// A column's trimmed text: `.some(nil)` for no column or an empty field, nil when the general
    /// path must read it (line breaks inside, doubled quotes, a Unicode space at an edge).
    @inline(__always)
    private static func field(_ record: CSVRecord, _ index: Int?) -> UnsafeRawBufferPointer?? {
        guard let index else { return .some(nil) }
        guard let raw = record.raw(index), let t = CSVPacking.trimmed(raw) else { return nil }
        return .some(t.isEmpty ? nil : t)
    }
}

