import MonitorCore

/// Reads UCDP GED CSV (the Uppsala Conflict Data Program's georeferenced events), version 20.1 and
/// later: columns by header name, records strictly by RFC 4180 as ACLED's (`CSVTableReader`).
///
/// Field choices:
/// - id: `id`; a later row with the same id replaces the earlier one, as in the other formats.
/// - time: `date_start`, `2023-08-13` or `2023-08-13 00:00:00.000`; UCDP gives no time of day.
/// - actors: `side_a`, then `side_b`, through the alias table ("Government of Mali" is FAMA).
/// - type: `type_of_violence` 1 (state-based) and 2 (non-state) are battles, 3 (one-sided) is
///   violence against civilians; any other value makes the row a bad line.
/// - fatalities: `best`. Summary: `source_headline`, else `where_description`. Source:
///   `source_original`. Place: `where_coordinates`, else `adm_2`, else `adm_1`; the point is
///   `latitude`/`longitude`.
/// - `where_prec` and `date_prec` are kept (`Precision`); a value that is not one of UCDP's codes
///   counts as not given. `where_prec` 4 and worse (a region's or the country's centre) is drawn
///   dimmer on the map and said in the detail view.
public struct UCDPDecoder: RecordDecoder, PackedBlockDecoder {
    public let builder: IncidentBuilder
    private var reader: CSVTableReader<UCDPFormat>

    public init(builder: IncidentBuilder = IncidentBuilder(), maxRecordBytes: Int = ACLEDDecoder.defaultMaxRecordBytes) {
        self.builder = builder
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
}
