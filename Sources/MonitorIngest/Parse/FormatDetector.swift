import Foundation
/// Guesses an event file's format from its name and first bytes.
///
/// The extension decides first: `.jsonl` `.ndjson` `.jsonlines` → JSON Lines; `.json` → JSON Lines,
/// unless its content is a GeoJSON Feature or FeatureCollection; `.csv` → UCDP GED when its header
/// names `relid`, `side_a` and `date_start`, else ACLED;
/// `.geojson` `.geojsons` `.geojsonl` `.geojsonseq` → GeoJSON; a `.gz` after any of them changes
/// nothing (the content is inflated first). Any other name goes by content, after
/// a byte-order mark, RFC 8142 record separators and whitespace: `{` with `"type": "Feature…` in
/// the bytes → GeoJSON, other `{` → JSON Lines; a first line naming `event_date` or
/// `event_id_cnty` between commas → ACLED; a UCDP GED header → UCDP; anything else (an empty file
/// too) → JSON Lines.
public enum FormatDetector {
    public static func detect(path: String, firstBytes: [UInt8]) -> EventFormat {
        switch fileExtension(path) {
        case "jsonl", "ndjson", "jsonlines": return .jsonl
        case "json": return firstNonBlank(firstBytes) == UInt8(ascii: "{") && mentionsFeature(firstBytes) ? .geojson : .jsonl
        case "csv": return isUCDPHeader(firstBytes) ? .ucdp : .acled
        case "geojson", "geojsons", "geojsonl", "geojsonseq": return .geojson
        default: return byContent(firstBytes)
        }
    }

    /// A fresh decoder for a format.
    public static func decoder(for format: EventFormat, builder: IncidentBuilder = IncidentBuilder()) -> any RecordDecoder {
        switch format {
        case .jsonl: JSONLDecoder(builder: builder)
        case .acled: ACLEDDecoder(builder: builder)
        case .ucdp: UCDPDecoder(builder: builder)
        case .geojson: GeoJSONDecoder(builder: builder)
        }
    }

    package static func byContent(_ bytes: [UInt8]) -> EventFormat {
        guard let first = firstNonBlank(bytes) else { return .jsonl }
        if first == UInt8(ascii: "{") { return mentionsFeature(bytes) ? .geojson : .jsonl }
        if isUCDPHeader(bytes) { return .ucdp }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let line = bytes[start...].prefix { $0 != 0x0A }
        if line.contains(UInt8(ascii: ",")) {
            let lower = String(decoding: line, as: UTF8.self).lowercased()
            if lower.contains("event_date") || lower.contains("event_id_cnty") { return .acled }
        }
        return .jsonl
    }

    /// Whether the first line is a UCDP GED header: among its comma-separated names (quotes,
    /// spaces and case aside) are `relid`, `side_a` and `date_start`, which ACLED never has.
    package static func isUCDPHeader(_ bytes: [UInt8]) -> Bool {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let line = bytes[start...].prefix { $0 != 0x0A && $0 != 0x0D }
        let names = Set(line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { name in
            String(decoding: name, as: UTF8.self).trimmingCharacters(in: .init(charactersIn: "\" \t")).lowercased()
        })
        return names.isSuperset(of: ["relid", "side_a", "date_start"])
    }

    /// The lower-cased extension of the file name, without its dot ("" when there is none). A
    /// compressed file's is the one under `.gz` (`export.csv.gz` is a CSV): the read loop inflates
    /// it before any decoder sees it.
    package static func fileExtension(_ path: String) -> String {
        var name = Substring(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The first byte that is not a byte-order mark, a record separator or whitespace.
    package static func firstNonBlank(_ bytes: [UInt8]) -> UInt8? {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, [0x1E, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i < bytes.count ? bytes[i] : nil
    }

    /// Whether `"type"`, optional whitespace, `:`, optional whitespace and `"Feature` occur:
    /// the mark of a GeoJSON Feature or FeatureCollection.
    package static func mentionsFeature(_ bytes: [UInt8]) -> Bool {
        let key = Array(#""type""#.utf8), value = Array(#""Feature"#.utf8)
        func skipSpace(_ k: inout Int) {
            while k < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[k]) { k += 1 }
        }
        var i = 0
        while i + key.count <= bytes.count {
            if bytes[i] == key[0], bytes[i..<(i + key.count)].elementsEqual(key) {
                var k = i + key.count
                skipSpace(&k)
                if k < bytes.count, bytes[k] == UInt8(ascii: ":") {
                    k += 1
                    skipSpace(&k)
                    if k + value.count <= bytes.count, bytes[k..<(k + value.count)].elementsEqual(value) { return true }
                }
            }
            i += 1
        }
        return false
    }
}
