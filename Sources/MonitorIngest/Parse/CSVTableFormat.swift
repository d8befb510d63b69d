import MonitorCore

/// A CSV layout sitmon reads (ACLED, UCDP GED): which columns it wants, found by header name, and
/// how a record's fields become an incident.
///
/// Each format reads a record two ways that must agree: `fields(_:)` from the record's text as
/// Strings (every record can take it), and `pack(_:into:_:)` straight from its bytes into a
/// `PackedIncident` (the fast path, ARCHITECTURE.md §4), which declines any record it is not sure
/// of. Tests compare the two on random and hostile records.
package protocol CSVTableFormat: Sendable {
    /// Column positions from the header's names, lower-cased and trimmed (a BOM removed).
    init(header: [String])
    /// The header's number of fields: every record must have as many.
    var fieldCount: Int { get }
    /// Why no record can be read (the header lacks a column the format needs), or nil.
    var headerProblem: String? { get }
    /// The general path: the record's fields as text, to the values `IncidentBuilder` takes, or why
    /// the record is bad.
    func fields(_ row: [String]) -> Result<IncidentBuilder.Fields, LineError>
    /// The fast path: appends the record to the segment and returns true, or returns false having
    /// appended nothing (the record then takes the general path).
    func pack(_ record: CSVRecord, into segment: inout PackedSegment, _ packer: inout CSVPacker) -> Bool
}

extension CSVTableFormat {
    /// Header names as formats compare them.
    package static func columnIndex(_ header: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            var name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            if index[name] == nil { index[name] = i }
        }
        return index
    }
}

/// One record the scanner read, its fields in place in the block's bytes.
package struct CSVRecord {
    package let bytes: UnsafeRawBufferPointer
    package let lines: UnsafeBufferPointer<LineBlock.Line>
    package let fields: UnsafeBufferPointer<CSVField>
    /// Block index of the record's first line.
    package let firstLine: Int
    package let lastLine: Int

    package var number: Int {
        @inline(__always) get { lines[firstLine].number }
    }
    package var offset: Int64 {
        @inline(__always) get { lines[firstLine].offset }
    }

    /// Field `i`'s bytes as they lie in the block, when that is its text (no doubled quotes, no
    /// line break); nil otherwise.
    @inline(__always)
    package func raw(_ i: Int) -> UnsafeRawBufferPointer? {
        let f = fields[i]
        guard f.flags.rawValue & (CSVField.Flags.doubledQuotes.rawValue | CSVField.Flags.spansLines.rawValue) == 0
        else { return nil }
        // The scanner found `start..<end` inside `bytes`: no second bounds check per field.
        assert(f.start >= 0 && f.start <= f.end && f.end <= bytes.count)
        return UnsafeRawBufferPointer(start: bytes.baseAddress.map { $0 + f.start }, count: f.end &- f.start)
    }

    /// The bytes from the start of field `first` to the end of field `last`, when both are
    /// unquoted and no field between them crosses a line: the same bytes then always hold the
    /// same fields `first...last` (a memo key, `PackedDecodeContext.knownActors`).
    @inline(__always)
    package func plainSpan(_ first: Int, _ last: Int) -> UnsafeRawBufferPointer? {
        let a = fields[first], b = fields[last]
        guard a.flags.rawValue == 0, b.flags.rawValue == 0, let base = bytes.baseAddress else { return nil }
        for k in first...last where fields[k].flags.contains(.spansLines) { return nil }
        assert(a.start <= b.end && b.end <= bytes.count)
        return UnsafeRawBufferPointer(start: base + a.start, count: b.end &- a.start)
    }

    /// Calls `body` with field `i`'s text: in place, or undoubled into a copy.
    @inline(__always)
    package func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let raw = raw(i) { return body(raw) }
        return CSVScanner.value(fields[i], bytes, lines).withUnsafeBytes(body)
    }

    /// `withValue`, undoubling into `scratch` (kept by the caller from record to record).
    @inline(__always)
    package func withValue<R>(_ i: Int, scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let raw = raw(i) { return body(raw) }
        CSVScanner.value(fields[i], bytes, lines, into: &scratch)
        return scratch.withUnsafeBytes(body)
    }

    /// Every field as text: UTF-8, or Latin-1 when a field is not valid UTF-8.
    package func strings() -> [String] {
        fields.map { String(utf8OrLatin1: CSVScanner.value($0, bytes, lines)) }
    }

    /// The first line's bytes, for an error report.
    package var firstLineBytes: UnsafeRawBufferPointer {
        let line = lines[firstLine]
        return UnsafeRawBufferPointer(rebasing: bytes[line.start..<(line.start + line.count)])
    }
}
