import Testing
@testable import MonitorIngest

/// The one-pass scan that descends into chosen members accepts exactly what `scanFields` accepts,
/// visits the same top-level members, and hands over each descended object's members as
/// `scanFields` on that object would.
@Suite struct JSONNestedScanTests {
    static func members(_ bytes: UnsafeRawBufferPointer) -> (error: JSONScanError?, fields: [String]) {
        var fields: [String] = []
        let error = JSONScanner.scanFields(bytes) { fields.append($0.keyString + "=" + String(decoding: $0.raw, as: UTF8.self)) }
        return (error, fields)
    }

    @Test func acceptsAndVisitsWhatScanFieldsDoesOnRandomAndDamagedRecords() {
        var lines = PackedDecoderTests.randomLines(seed: 7, count: 4000) + PackedFeatureDecoderTests.randomFeatures(seed: 9, count: 8000)
        lines += [Array(#"{"properties":{"a":[[[1]]]},"geometry":{}}"#.utf8), Array(#"{"properties":{"a":1,}}"#.utf8),
                  Array(#"{"properties":{"a" 1}}"#.utf8), Array(#"{"properties":{}} x"#.utf8),
                  Array(("{\"properties\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}").utf8),
                  Array(("{\"properties\":{\"a\":" + String(repeating: "[", count: 510) + String(repeating: "]", count: 510) + "}}").utf8),
                  Array(("{\"properties\":{\"a\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}}").utf8),
                  Array(#"{"geometry":{"coordinates":[1,2,]}}"#.utf8), Array(#"{"geometry":{"coordinates":[1 2]}}"#.utf8),
                  Array(#"{"geometry":{"coordinates":[]}}"#.utf8), Array(#"{"geometry":{"coordinates":[ -0.5 , [1,{"a":[]}], "x", null ]}}"#.utf8),
                  Array(#"{"geometry":{"coordinates":[,1]}}"#.utf8), Array(#"{"geometry":{"coordinates":[1,"#.utf8)]
        var descended = 0
        var arrays = 0
        for line in lines {
            line.withUnsafeBytes { bytes in
                let want = Self.members(bytes)
                var recorder = Recorder(line: String(decoding: line, as: UTF8.self))
                let error = JSONScanner.scanFields(bytes, into: &recorder)
                let fields = recorder.fields
                descended += recorder.descended
                arrays += recorder.arrays
                // The same error, at the same byte, for the same reason.
                #expect(error == want.error, "\(String(decoding: line, as: UTF8.self))")
                if error == nil, want.error == nil { #expect(fields == want.fields) }
            }
        }
        #expect(descended > 3000)
        #expect(arrays > 3000)
    }

    /// Descends into every object and array it may, and checks each descent against a scan of
    /// the value on its own.
    struct Recorder: JSONNestedVisitor {
        let line: String
        var fields: [String] = []
        var inner: [String] = []
        var elements: [String] = []
        var descended = 0
        var arrays = 0

        func descend(_ key: UnsafeRawBufferPointer) -> Bool { true }
        func descendArray(_ key: UnsafeRawBufferPointer) -> Bool { true }
        mutating func element(_ field: JSONField) { elements.append(JSONNestedScanTests.element(field)) }

        mutating func nested(_ field: JSONField) {
            inner.append(field.keyString + "=" + String(decoding: field.raw, as: UTF8.self))
            // An array member's elements came just before it, each as the walk over it gives
            // it (or none, for a key written with escapes, which is not descended into).
            if field.kind == .array {
                var wanted: [String] = []
                field.forEachElement { wanted.append(JSONNestedScanTests.element($0)) }
                #expect(elements == wanted || elements.isEmpty, "\(line)")
                if !elements.isEmpty { arrays += 1 }
            } else {
                #expect(elements.isEmpty)
            }
            elements = []
        }

        mutating func visit(_ field: JSONField) {
            fields.append(field.keyString + "=" + String(decoding: field.raw, as: UTF8.self))
            // An object's members came just before it, as scanFields on it gives them (or
            // none, for a key written with escapes, which is not descended into).
            if field.kind == .object {
                var wanted: [String] = []
                _ = JSONScanner.scanFields(field.raw) { wanted.append($0.keyString + "=" + String(decoding: $0.raw, as: UTF8.self)) }
                #expect(inner == wanted || inner.isEmpty, "\(line)")
                if !inner.isEmpty { descended += 1 }
            }
            inner = []
        }
    }

    /// An element as the tests compare it: kind, text and the number read from it.
    static func element(_ field: JSONField) -> String {
        "\(field.kind) \(String(decoding: field.raw, as: UTF8.self)) \(field.number.map { "\($0.bitPattern)" } ?? "-") \(field.isASCII)"
    }
}
