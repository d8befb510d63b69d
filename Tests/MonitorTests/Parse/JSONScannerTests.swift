import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

@Suite struct JSONScannerTests {
    static let example = #"{"id":"ber-2023-08-13","time":"2023-08-13T08:30:00Z","place":"Ber","lat":16.8349,"lon":-2.5319,"actors":["FAMA","Wagner"],"type":"strategic","fatalities":0,"summary":"Army takes over the Ber camp after the UN leaves","source":"Malian General Staff"}"#

    // MARK: Helpers

    func parse(_ text: String) -> Result<JSONValue, JSONScanError> { JSONScanner.parse(Array(text.utf8)) }
    func value(_ text: String) -> JSONValue? { try? parse(text).get() }
    func error(_ text: String) -> JSONScanError? { error(bytes: Array(text.utf8)) }
    func error(bytes: [UInt8]) -> JSONScanError? {
        if case .failure(let error) = JSONScanner.parse(bytes) { return error }
        return nil
    }
    /// A string literal's bytes with `raw` spliced in between the quotes.
    func quoted(_ raw: [UInt8]) -> [UInt8] { [0x22] + raw + [0x22] }
    func number(_ text: String) -> Double? {
        if case .number(let x) = value(text) { return x }
        return nil
    }
    func string(_ text: String) -> String? {
        if case .string(let s) = value(text) { return s }
        return nil
    }

    // MARK: Literals and top level

    @Test func literals() {
        #expect(value("true") == .bool(true))
        #expect(value("false") == .bool(false))
        #expect(value("null") == .null)
        #expect(value(" \t\r\n true \n") == .bool(true))
        for bad in ["True", "TRUE", "tru", "nul", "fals", "truex", "nulll", "t", "n", "falsey", "nil", "undefined"] {
            #expect(error(bad) != nil, "\(bad)")
        }
        #expect(error("tru") == JSONScanError(offset: 3, message: "unexpected end of input"))
        #expect(error("trux") == JSONScanError(offset: 0, message: "invalid literal"))
    }

    @Test func topLevelAndWhitespace() {
        #expect(value("1") == .number(1))
        #expect(value(#""s""#) == .string("s"))
        #expect(value(" \t\n\r[ \t\n\r1 \t\n\r, \t\n\r2 \t\n\r] \t\n\r") == .array([.number(1), .number(2)]))
        #expect(error("") == JSONScanError(offset: 0, message: "unexpected end of input"))
        #expect(error("   ") == JSONScanError(offset: 3, message: "unexpected end of input"))
        #expect(error("1 2") == JSONScanError(offset: 2, message: "unexpected data after the JSON value"))
        #expect(error("{} {}")?.offset == 3)
        #expect(error("[1]]")?.offset == 3)
        // Only space, tab, LF and CR are JSON whitespace.
        for ws: [UInt8] in [[0x0B], [0x0C], [0xC2, 0xA0], [0xE2, 0x80, 0xA8], [0x00]] {
            #expect(error(bytes: ws + Array("1".utf8)) != nil, "\(ws)")
            #expect(error(bytes: Array("[1".utf8) + ws + Array("]".utf8)) != nil, "\(ws)")
        }
        // A UTF-8 byte-order mark is skipped at the very start only.
        #expect(JSONScanner.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .success(.array([.number(1)])))
        #expect(error(bytes: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x31])?.offset == 3)
        #expect(error(bytes: [0x20, 0xEF, 0xBB, 0xBF, 0x31])?.offset == 1)
        #expect(error(bytes: [0xEF, 0xBB]) != nil)
    }

    @Test func comments() {
        for bad in ["/* c */ 1", "1 // c", "[1/*x*/]", "# c\n1", "{\"a\":1 /* c */}", "//\n1"] {
            #expect(error(bad) != nil, "\(bad)")
        }
    }

    // MARK: Numbers

    @Test func numbersAcceptedAndExact() {
        let valid = [
            "0", "-0", "1", "-1", "7", "10", "123", "-987654321", "0.5", "-0.5", "0.0", "1.0", "1e5", "1E5",
            "1e+5", "1e-5", "1E+05", "1.5e3", "-1.5E-3", "0e0", "0e+1", "0.0e-0", "16.8349", "-2.5319",
            "9007199254740993", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "123456789012345678901234567890", "0.1", "0.2", "0.30000000000000004",
            "3.14159265358979323846264338327950288", "1e22", "1e23", "1.7976931348623157e308",
            "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "5e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "1e-400", "-1e-400", "0.000001234", "123.456e-2", "100000000000000000000000",
            "1.00000000000000011102230246251565404236316680908203125", "8.98846567431158e307",
            "0." + String(repeating: "0", count: 400) + "1", String(repeating: "9", count: 300),
            "1e0000000000000000000000001", "1e-99999999999999999999", "0e99999999999999999999",
        ]
        for text in valid {
            guard let parsed = number(text) else {
                Issue.record("rejected valid number \(text)")
                continue
            }
            // Swift's own parser is correctly rounded and locale-independent: the reference.
            guard let reference = Double(text) else {
                Issue.record("no reference for \(text)")
                continue
            }
            #expect(parsed.bitPattern == reference.bitPattern, "\(text): \(parsed) vs \(reference)")
        }
        #expect(number("-0")?.sign == .minus)
        #expect(number("16.8349") == 16.8349)
    }

    @Test func numbersRejected() {
        let invalid = [
            "01", "-01", "00", "00.5", "+1", ".5", "-.5", "5.", "-5.", "-", "--1", "- 1", "1e", "1E", "1e+",
            "1e-", "1.e3", "1.5.5", "1e5.5", "1ee5", "1e+-5", "0x10", "0b1", "1_000", "1,5", "NaN", "-NaN",
            "Infinity", "-Infinity", "inf", "1e400", "-1e400", "1.8e308", "1" + String(repeating: "0", count: 400),
            "١", "1 .5", "[01]", "[1.]", "{\"a\":-}",
        ]
        for text in invalid {
            #expect(error(text) != nil, "\(text)")
        }
        #expect(error("01") == JSONScanError(offset: 1, message: "leading zero in number"))
        #expect(error("[-01]") == JSONScanError(offset: 3, message: "leading zero in number"))
        #expect(error("[1.]") == JSONScanError(offset: 3, message: "expected digit after '.'"))
        #expect(error("-x") == JSONScanError(offset: 1, message: "expected digit"))
        #expect(error("[1e+]") == JSONScanError(offset: 4, message: "expected digit in exponent"))
        #expect(error("1.") == JSONScanError(offset: 2, message: "unexpected end of input"))
        #expect(error("[2, 1e400]") == JSONScanError(offset: 4, message: "number out of range"))
    }

    // MARK: Strings

    @Test func stringEscapes() {
        #expect(string(#""""#) == "")
        #expect(string(#""\"\\\/\b\f\n\r\t""#) == "\"\\/\u{08}\u{0C}\n\r\t")
        #expect(string(#""a\u0041\u00e9\u00E9\u4e2d\uFFFF""#) == "aAéé中\u{FFFF}")
        #expect(string(#""\u0000x""#) == "\u{0}x")
        #expect(string(#""\u001f""#) == "\u{1F}")
        #expect(string(#""\uD83D\uDE00""#) == "😀")
        #expect(string(#""\ud83d\ude00!""#) == "😀!")
        #expect(string(#""\uD800\uDC00""#) == "\u{10000}")
        #expect(string(#""\uDBFF\uDFFF""#) == "\u{10FFFF}")
        #expect(string("\"x\u{7F}y\"") == "x\u{7F}y")
        #expect(string("\"é中😀\u{10FFFF}\"") == "é中😀\u{10FFFF}")
        // Escapes and raw text side by side, long enough for the 8-byte fast scan.
        #expect(string(#""abcdefghij\nklmnopqrstu\u00e9vwxyz0123456789""#) == "abcdefghij\nklmnopqrstuévwxyz0123456789")
    }

    @Test func stringEscapesRejected() {
        let invalid = [
            #""\x""#, #""\'""#, #""\U0041""#, #""\u00G1""#, #""\u12""#, #""\u""#, #""\""#, #""abc"#, #""abc\"#,
            #""\a""#, #""\0""#, #""\ ""#,
        ]
        for text in invalid {
            #expect(error(text) != nil, "\(text)")
        }
        #expect(error(#"["ab\x"]"#) == JSONScanError(offset: 4, message: "invalid escape"))
        #expect(error(#""abc"#) == JSONScanError(offset: 4, message: "unterminated string"))
    }

    @Test func loneSurrogatesRejected() {
        // Foundation (Linux, Swift 6.3) rejects all of these too.
        let invalid = [
            #""\uD800""#, #""\ud800x""#, #""\uD800\u0041""#, #""\uD800\uD800""#, #""\uDBFF\uDBFF""#,
            #""\uDC00""#, #""\uDFFF""#, #""\uDC00\uD800""#, #""\uD800\""#, #""\uD800\u""#, #""\uD800\n""#,
            #""a\uD83D""#,
        ]
        for text in invalid {
            #expect(error(text) != nil, "\(text)")
        }
        #expect(error(#"["a\uD800"]"#) == JSONScanError(offset: 3, message: "high surrogate \\u escape not followed by a low surrogate"))
        #expect(error(#"["\uDC00"]"#) == JSONScanError(offset: 2, message: "lone low surrogate \\u escape"))
    }

    @Test func controlCharactersInStringsRejected() {
        for byte in UInt8(0)...0x1F {
            #expect(error(bytes: quoted([0x61, byte, 0x62])) == JSONScanError(offset: 2, message: "control character in string"), "\(byte)")
            // Past the 8-byte fast scan too.
            #expect(error(bytes: quoted(Array("abcdefghijklmnop".utf8) + [byte]))?.offset == 17, "\(byte)")
        }
        #expect(string("\"\u{7F}\"") == "\u{7F}")
    }

    @Test func utf8Validation() {
        let valid: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF],
            [0xED, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xEF, 0xBF, 0xBE],
            [0xF0, 0x90, 0x80, 0x80], [0xF1, 0x80, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for bytes in valid {
            let result = JSONScanner.parse(quoted(bytes))
            #expect(result == .success(.string(String(decoding: bytes, as: UTF8.self))), "\(bytes)")
        }
        let invalid: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],  // overlong
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // UTF-16 surrogates encoded in UTF-8
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],  // overlong
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF],  // > U+10FFFF
            [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], [0xFE], [0xFF],
            [0x80], [0xBF], [0x80, 0x80],  // stray continuation bytes
            [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x41], [0xE2, 0x41, 0x82],  // truncated
        ]
        for bytes in invalid {
            #expect(error(bytes: quoted([0x61] + bytes + [0x62])) == JSONScanError(offset: 2, message: "invalid UTF-8 in string"), "\(bytes)")
            #expect(error(bytes: quoted(Array("abcdefghijklmnop".utf8) + bytes)) != nil, "\(bytes)")
        }
        // Truncated at the very end of the input.
        #expect(error(bytes: [0x22, 0xE2, 0x82]) != nil)
        // Outside strings, non-ASCII is simply not JSON.
        #expect(error(bytes: [0x5B, 0xC3, 0xA9, 0x5D]) == JSONScanError(offset: 1, message: "expected a value"))
    }

    // MARK: Arrays and objects

    @Test func containers() {
        #expect(value("[]") == .array([]))
        #expect(value("[ ]") == .array([]))
        #expect(value("{}") == .object([]))
        #expect(value("{ \n}") == .object([]))
        #expect(value("[1,\"a\",true,false,null,[],{}]") == .array([.number(1), .string("a"), .bool(true), .bool(false), .null, .array([]), .object([])]))
        #expect(value(#"{"a":1,"b":[2,{"c":null}],"":""}"#) == .object([
            ("a", .number(1)), ("b", .array([.number(2), .object([("c", .null)])])), ("", .string("")),
        ]))
        #expect(value(#"[[[]],[[1]],{"a":{"b":{}}}]"#) == .array([
            .array([.array([])]), .array([.array([.number(1)])]), .object([("a", .object([("b", .object([]))]))]),
        ]))
        #expect(value(#"{"k\u0065y":1}"#) == .object([("key", .number(1))]))
        #expect(value(#"{"a":1}"#)?["a"] == .number(1))
    }

    @Test func containersRejected() {
        let invalid = [
            "[", "]", "[1", "[1,", "[,1]", "[1,,2]", "[1 2]", "[1:2]", "{", "}", "{\"a\"", "{\"a\"}", "{\"a\":}",
            "{\"a\":1", "{\"a\":1,", "{a:1}", "{'a':1}", "{\"a\" 1}", "{1:2}", "{\"a\":1 \"b\":2}", "{\"a\":1;}",
            "{\"a\"::1}", "{,}", "[}", "{]", "[1}", "{\"a\":1]", "{null:1}", "[\"a\":1]",
        ]
        for text in invalid {
            #expect(error(text) != nil, "\(text)")
        }
        #expect(error(#"{"id":"x","time" "y"}"#)?.description == "invalid JSON at byte 17: expected ':'")
        #expect(error(#"{"a":}"#) == JSONScanError(offset: 5, message: "expected a value"))
        #expect(error(#"{"a":1 "b":2}"#) == JSONScanError(offset: 7, message: "expected ',' or '}'"))
        #expect(error("[1 2]") == JSONScanError(offset: 3, message: "expected ',' or ']'"))
        #expect(error("{1:2}") == JSONScanError(offset: 1, message: "expected string key"))
        #expect(error("[1") == JSONScanError(offset: 2, message: "unexpected end of input"))
    }

    @Test func trailingCommasRejected() {
        // RFC 8259 has no trailing commas. Foundation on Linux accepts them (see the
        // property test); sitmon does not.
        #expect(error("[1,]") == JSONScanError(offset: 3, message: "trailing comma before ']'"))
        #expect(error("[1 , ]") == JSONScanError(offset: 5, message: "trailing comma before ']'"))
        #expect(error(#"{"a":1,}"#) == JSONScanError(offset: 7, message: "trailing comma before '}'"))
        #expect(error(#"{"a":[1,],"b":2}"#) == JSONScanError(offset: 8, message: "trailing comma before ']'"))
        #expect(error("[1,}") != nil)
        #expect(JSONScanner.scanFields(Array(#"{"a":1,}"#.utf8)) { _ in } == JSONScanError(offset: 7, message: "trailing comma before '}'"))
        #expect(JSONScanner.scanFields(Array(#"{"a":[{"b":1,}]}"#.utf8)) { _ in }?.message == "trailing comma before '}'")
    }

    @Test func nestingDepthLimit() {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        #expect((try? parse(nested(512)).get()) != nil)
        #expect(error(nested(513)) == JSONScanError(offset: 512, message: "nesting too deep"))
        #expect(error(String(repeating: "[", count: 100_000)) == JSONScanError(offset: 512, message: "nesting too deep"))
        #expect(error(String(repeating: "{\"a\":", count: 100_000)) != nil)

        let objects512 = String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512)
        #expect((try? parse(objects512).get()) != nil)
        #expect(JSONScanner.scanFields(Array(objects512.utf8)) { _ in } == nil)
        let objects513 = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(error(objects513) == JSONScanError(offset: 5 * 512, message: "nesting too deep"))
        #expect(JSONScanner.scanFields(Array(objects513.utf8)) { _ in } == JSONScanError(offset: 5 * 512, message: "nesting too deep"))

        // Deep values build and compare without recursion trouble.
        let deep = try? parse(nested(512)).get()
        #expect(deep == (try? parse(nested(512)).get()))
    }

    @Test func duplicateKeysLastWins() {
        // Last value wins, at the key's first position (Foundation keeps the last value too).
        guard case .object(let members)? = value(#"{"a":1,"b":2,"a":3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["a", "b"])
        #expect(members[0].1 == .number(3))
        #expect(value(#"{"x":{"k":1,"k":{"z":0},"k":[true]}}"#) == .object([("x", .object([("k", .array([.bool(true)]))]))]))

        // Many keys: the dictionary-backed path.
        let keys = (0..<40).map { "k\($0)" }
        let text = "{" + (keys + ["k7", "k39", "k0"]).enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + "}"
        guard case .object(let many)? = value(text) else {
            Issue.record("not an object")
            return
        }
        #expect(many.count == 40)
        #expect(many.map(\.0) == keys)
        #expect(value(text)?["k7"] == .number(40))
        #expect(value(text)?["k39"] == .number(41))
        #expect(value(text)?["k0"] == .number(42))
        #expect(value(text)?["k1"] == .number(1))

        // Keys are compared byte for byte: precomposed and decomposed "é" are two keys.
        guard case .object(let accents)? = value("{\"\u{E9}\":1,\"e\u{301}\":2}") else {
            Issue.record("not an object")
            return
        }
        #expect(accents.count == 2)

        // The fast path reports every occurrence, in order.
        var seen: [(String, JSONValue)] = []
        let scanError = JSONScanner.scanObject(Array(#"{"a":1,"b":2,"a":3}"#.utf8)) { key, value in
            seen.append((String(decoding: key, as: UTF8.self), value))
        }
        #expect(scanError == nil)
        #expect(seen.map(\.0) == ["a", "b", "a"])
        #expect(seen.map(\.1) == [.number(1), .number(2), .number(3)])
    }

    @Test func valueEquality() {
        // Objects are unordered maps with last-wins duplicates.
        #expect(JSONValue.object([("a", .number(1)), ("b", .null)]) == .object([("b", .null), ("a", .number(1))]))
        #expect(JSONValue.object([("a", .number(1)), ("a", .number(2))]) == .object([("a", .number(2))]))
        #expect(JSONValue.object([("a", .number(1))]) != .object([("a", .number(2))]))
        #expect(JSONValue.object([("a", .number(1))]) != .object([("b", .number(1))]))
        #expect(JSONValue.object([]) != .array([]))
        #expect(JSONValue.array([.number(1), .number(2)]) != .array([.number(2), .number(1)]))
        // Strings compare by exact scalars, not canonical equivalence.
        #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
        #expect(JSONValue.number(-0.0) == .number(0))
        #expect(JSONValue.bool(true) != .number(1))
        let big = (0..<30).map { ("k\($0)", JSONValue.number(Double($0))) }
        #expect(JSONValue.object(big) == .object(big.reversed()))
        #expect(JSONValue.object(big) != .object(Array(big.dropLast()) + [("k29", .number(0))]))
    }

    // MARK: The fast path

    @Test func scanFieldsAccessors() throws {
        let line = #"{"s":"plain","e":"a\"b\u00e9","n":-12.5e1,"t":true,"f":false,"z":null,"a":["x",1,["y"],{"q":2}],"o":{"p":[]},"k\u0065y":0}"#
        var kinds: [String: JSONField.Kind] = [:]
        var strings: [String: String] = [:]
        var numbers: [String: Double] = [:]
        var bools: [String: Bool] = [:]
        var values: [String: JSONValue] = [:]
        var raws: [String: String] = [:]
        var elements: [JSONValue] = []
        var matchedS = false
        let scanError = JSONScanner.scanFields(Array(line.utf8)) { field in
            let key = field.keyString
            kinds[key] = field.kind
            strings[key] = field.string
            numbers[key] = field.number
            bools[key] = field.bool
            values[key] = field.value
            raws[key] = String(decoding: field.raw, as: UTF8.self)
            if field.keyIs("s") { matchedS = true }
            if field.keyIs("a") { field.forEachElement { elements.append($0.value) } }
            if field.isNull { #expect(key == "z") }
        }
        #expect(scanError == nil)
        #expect(matchedS)
        #expect(kinds == ["s": .string, "e": .string, "n": .number, "t": .bool, "f": .bool, "z": .null, "a": .array, "o": .object, "key": .number])
        #expect(strings == ["s": "plain", "e": "a\"bé"])
        #expect(numbers == ["n": -125, "key": 0])
        #expect(bools == ["t": true, "f": false])
        #expect(raws["e"] == #""a\"b\u00e9""#)
        #expect(raws["a"] == #"["x",1,["y"],{"q":2}]"#)
        #expect(values["o"] == .object([("p", .array([]))]))
        #expect(elements == [.string("x"), .number(1), .array([.string("y")]), .object([("q", .number(2))])])
        #expect(try JSONScanner.parse(Array(line.utf8)).get() == .object(values.map { ($0.key, $0.value) }))
    }

    @Test func scanFieldsValidatesEverything() {
        func scan(_ text: String) -> JSONScanError? { JSONScanner.scanFields(Array(text.utf8)) { _ in } }
        #expect(scan("{}") == nil)
        #expect(scan(" {} ") == nil)
        #expect(scan("[1]") == JSONScanError(offset: 0, message: "expected '{'"))
        #expect(scan("1") == JSONScanError(offset: 0, message: "expected '{'"))
        #expect(scan("") == JSONScanError(offset: 0, message: "unexpected end of input"))
        // Nested values nobody reads are still checked.
        #expect(scan(#"{"a":[1,2,{"b":tru}]}"#) == JSONScanError(offset: 15, message: "invalid literal"))
        #expect(scan(#"{"a":{"b":[1,]}}"#)?.message == "trailing comma before ']'")
        #expect(scan(#"{"a":["\uD800"]}"#) != nil)
        #expect(scan(#"{"a":[01]}"#) != nil)
        #expect(scan(#"{"a":1} x"#) == JSONScanError(offset: 8, message: "unexpected data after the JSON value"))
        #expect(scan(#"{"a":1}}"#) != nil)
        #expect(JSONScanner.scanFields([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) { _ in } == nil)
        // Same error as the full parser, for every truncation of a rich line.
        let line = Array(#"{"a":[1,{"b":"c\u00e9\n"},true,null,-1.5e3],"k\"":{"x":[]},"z":"é😀"}"#.utf8)
        for cut in 0...line.count {
            let prefix = Array(line[0..<cut])
            let viaParse = error(bytes: prefix)
            let viaScan = JSONScanner.scanFields(prefix) { _ in }
            #expect(viaParse == viaScan, "cut \(cut)")
            #expect((viaParse == nil) == (cut == line.count), "cut \(cut)")
        }
    }

    // MARK: The example line

    @Test func exampleLine() throws {
        let bytes = Array(Self.example.utf8)
        let parsed = try JSONScanner.parse(bytes).get()
        let expected: JSONValue = .object([
            ("id", .string("ber-2023-08-13")), ("time", .string("2023-08-13T08:30:00Z")), ("place", .string("Ber")),
            ("lat", .number(16.8349)), ("lon", .number(-2.5319)), ("actors", .array([.string("FAMA"), .string("Wagner")])),
            ("type", .string("strategic")), ("fatalities", .number(0)),
            ("summary", .string("Army takes over the Ber camp after the UN leaves")), ("source", .string("Malian General Staff")),
        ])
        #expect(parsed == expected)
        guard case .object(let members) = parsed else { return }
        #expect(members.map(\.0) == ["id", "time", "place", "lat", "lon", "actors", "type", "fatalities", "summary", "source"])

        // The fast path sees the same fields, in order.
        var fields: [(String, JSONValue)] = []
        var lat: Double?, actors: [String] = []
        let scanError = JSONScanner.scanFields(bytes) { field in
            fields.append((field.keyString, field.value))
            if field.keyIs("lat") { lat = field.number }
            if field.keyIs("actors") { field.forEachElement { if let s = $0.string { actors.append(s) } } }
        }
        #expect(scanError == nil)
        #expect(fields.map(\.0) == members.map(\.0))
        #expect(JSONValue.object(fields) == expected)
        #expect(lat == 16.8349)
        #expect(actors == ["FAMA", "Wagner"])

        // And Foundation agrees.
        let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(FoundationComparison.compare(parsed, foundation) == .agree)

        // Every single-byte truncation or deletion is rejected, at a sensible offset, without a crash.
        for cut in 0..<bytes.count {
            #expect(error(bytes: Array(bytes[0..<cut])) != nil)
            var deleted = bytes
            deleted.remove(at: cut)
            if let failure = error(bytes: deleted) {
                #expect(failure.offset >= 0 && failure.offset <= deleted.count)
            }
        }
    }

    // MARK: Property test against Foundation

    /// The string scan reads sixteen bytes at a time, then eight, then one: a byte that stops it
    /// (closing quote, escape, control, the lead of a multibyte or invalid sequence) at every
    /// position of strings of every length up to 70 must give Foundation's answer.
    @Test func aStoppingByteAtEveryPositionAgreesWithFoundation() throws {
        let stops: [[UInt8]] = [[0x5C, 0x22], [0x5C, 0x6E], [0x5C, 0x75, 0x30, 0x30, 0x65, 0x39], [0x09], [0x1F], [0x7F],
                                [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0xFF], [0x80], [0x22]]
        var checked = 0
        for length in 0..<70 {
            for at in 0...length {
                for stop in stops {
                    var body = [UInt8](repeating: 0x61, count: length)
                    body.insert(contentsOf: stop, at: at)
                    let line = [0x5B] + quoted(body) + [0x5D]
                    let ours = JSONScanner.parse(line)
                    let theirs = try? JSONSerialization.jsonObject(with: Data(line))
                    switch (ours, theirs as? [Any]) {
                    case (.success(.array(let values)), .some(let array)):
                        guard case .string(let text) = values.first, let their = array.first as? String else {
                            Issue.record("not one string: \(line)")
                            continue
                        }
                        #expect(Array(text.unicodeScalars) == Array(their.unicodeScalars), "\(line)")
                    case (.failure, nil): break
                    default: Issue.record("scanner and Foundation disagree on \(line): \(ours)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == 70 * 71 / 2 * 13)
    }

    @Test func agreesWithFoundationOnRandomLines() {
        // Reproducible by default; JSONSCANNER_SEED=<n> explores (or replays) other seeds.
        let baseSeed = ProcessInfo.processInfo.environment["JSONSCANNER_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2023_0813_0830
        let cases = 20_000
        var tally = PropertyTally()
        for index in 0..<cases {
            let seed = baseSeed &+ UInt64(index)
            var random = SplitMix64(seed: seed)
            var generator = JSONLineGenerator(random: random)
            let generated = generator.line()
            random = generator.random
            var line = generated.bytes
            let mutated = random.chance(0.5)
            if mutated {
                var mutator = LineMutator(random: random)
                line = mutator.mutate(line)
            }
            let context = "seed \(seed) (base \(baseSeed) + case \(index)), line \(FoundationComparison.show(line))"

            let ours = JSONScanner.parse(line)

            // An unmutated line must parse to the value it was generated from (numbers
            // checked against Swift's correctly rounded Double(String)).
            if !mutated {
                switch (generated.expected, ours) {
                case (.some(let expected), .success(let value)):
                    #expect(value == expected, "generated value differs; \(context)")
                case (.some, .failure(let failure)):
                    Issue.record("valid generated line rejected: \(failure); \(context)")
                case (nil, .success):
                    Issue.record("out-of-range number accepted; \(context)")
                case (nil, .failure(let failure)):
                    #expect(failure.message == "number out of range", "\(failure); \(context)")
                }
            }

            // The fast path agrees with the full parser on every line that starts as an object.
            if FoundationComparison.startsWithBrace(line) {
                var fields: [(String, JSONValue)] = []
                let scanError = JSONScanner.scanObject(line) { key, value in
                    fields.append((String(decoding: key, as: UTF8.self), value))
                }
                switch ours {
                case .success(let value):
                    #expect(scanError == nil, "scanObject rejected what parse accepted: \(String(describing: scanError)); \(context)")
                    #expect(JSONValue.object(fields) == value, "scanObject fields differ; \(context)")
                case .failure(let failure):
                    #expect(scanError == failure, "scanObject error \(String(describing: scanError)) vs parse \(failure); \(context)")
                }
            }

            let verdict = FoundationComparison.verdict(line: line, ours: ours, valid: !mutated && generated.expected != nil)
            tally.record(verdict, accepted: (try? ours.get()) != nil, mutated: mutated)
            if case .disagree(let reason) = verdict {
                Issue.record("disagrees with Foundation: \(reason); \(context)")
            }
        }
        print("JSONScanner property test (base seed \(baseSeed)): \(tally)")
        #expect(tally.disagreed == 0)
        // Lines with a long number are still compared, within the Decimal tolerance (class 3).
        let compared = tally.agreed + tally.excluded["NSDecimalNumber rounding", default: 0]
        #expect(compared > cases * 95 / 100, "too many exclusions: \(tally)")
        #expect(tally.acceptedMutated > 100 && tally.rejected > 2_000, "mutations not exercising both outcomes: \(tally)")
    }
}

// MARK: - Comparing with Foundation

/// Compares the scanner with Foundation's `JSONSerialization` (Linux, Swift 6.3).
///
/// Foundation departs from RFC 8259 or from exact values in a few places; each class is
/// excluded from the comparison precisely, and counted:
/// 1. Trailing commas (`[1,]`, `{"a":1,}`): Foundation accepts them, RFC 8259 does not.
///    When we reject with "trailing comma", the comma is removed and the rest of the line
///    must then parse to exactly Foundation's value.
/// 2. Encoding detection: Foundation reads a text whose first bytes contain NUL (or begin
///    with a UTF-16/32 byte-order mark) as UTF-16/UTF-32. JSON lines are UTF-8 (RFC 8259
///    §8.1), so such lines are not compared (we must merely not crash on them).
/// 3. Numbers with more than 17 characters before the exponent go through `Decimal` in
///    Foundation, and `NSDecimalNumber.doubleValue` is not correctly rounded (it gives
///    0.3000000000000001 for 0.30000000000000004). We return the correctly rounded double,
///    so for these values only a relative difference up to 1e-14 is tolerated.
/// 4. A number too large for a Double is an error in Foundation too, except in a member
///    whose key appears again later in the same object: Foundation only converts the
///    surviving value, so it never notices. We validate every number. When we reject with
///    "number out of range", the number is replaced by 0 and the rest must then parse to
///    exactly Foundation's value.
/// 5. Object keys that differ in bytes but are canonically equivalent ("é" vs "e\u{301}"):
///    Foundation stores keys in a Swift dictionary, which merges them; RFC 8259 §8.3
///    compares names code unit by code unit, as we do. Such objects are not compared.
private enum FoundationComparison {
    enum Verdict: Equatable {
        case agree
        case excluded(String)
        case disagree(String)
    }

    /// `valid`: the line is known to be JSON that must parse (generated, not mutated), so both
    /// rejecting it is no agreement.
    static func verdict(line: [UInt8], ours: Result<JSONValue, JSONScanError>, valid: Bool) -> Verdict {
        if readByFoundationAsUTF16or32(line) { return .excluded("encoding detection") }
        let foundation = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        switch (ours, foundation) {
        case (.failure(let failure), nil):
            return valid ? .disagree("both reject a valid line; we say \(failure)") : .agree
        case (.success(let value), .some(let object)):
            return compare(value, object)
        case (.success, nil):
            return .disagree("we accept, Foundation rejects")
        case (.failure(var failure), .some(let object)):
            // Classes 1 and 4: undo what we complain about, one error at a time; what is
            // left must then parse to exactly Foundation's value.
            var repaired = line
            var reasons: Set<String> = []
            while true {
                if failure.message.hasPrefix("trailing comma") {
                    var comma = failure.offset - 1
                    while comma >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(repaired[comma]) { comma -= 1 }
                    guard comma >= 0, repaired[comma] == 0x2C else { return .disagree("trailing comma not found") }
                    repaired.remove(at: comma)
                    reasons.insert("trailing comma")
                } else if failure.message == "number out of range" {
                    var end = failure.offset
                    while end < repaired.count, Array("0123456789+-.eE".utf8).contains(repaired[end]) { end += 1 }
                    repaired.replaceSubrange(failure.offset..<end, with: [0x30])
                    reasons.insert("out-of-range number under a duplicate key")
                } else {
                    return .disagree("Foundation accepts, we reject: \(failure)")
                }
                switch JSONScanner.parse(repaired) {
                case .success(let value):
                    let inner = compare(value, object)
                    if case .disagree = inner { return inner }
                    return .excluded(reasons.sorted().joined(separator: " + "))
                case .failure(let next):
                    failure = next
                }
            }
        }
    }

    /// Class 2: what Foundation's encoding detection would not read as UTF-8.
    static func readByFoundationAsUTF16or32(_ b: [UInt8]) -> Bool {
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) { return true }
        if b.count >= 4 {
            return (b[0] == 0 && b[1] == 0) || (b[1] == 0 && b[2] == 0 && b[3] == 0) || (b[0] == 0 && b[2] == 0) || (b[1] == 0 && b[3] == 0)
        }
        if b.count >= 2 { return b[0] == 0 || b[1] == 0 }
        return false
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        String(describing: type(of: number)).contains("Boolean")
    }

    static func compare(_ ours: JSONValue, _ theirs: Any) -> Verdict {
        switch ours {
        case .null:
            return theirs is NSNull ? .agree : .disagree("null vs \(theirs)")
        case .string(let s):
            guard let t = theirs as? String else { return .disagree("string vs \(theirs)") }
            return JSONValue.sameBytes(s, t) ? .agree : .disagree("string \(s.debugDescription) vs \(t.debugDescription)")
        case .bool(let b):
            guard let n = theirs as? NSNumber, isBoolean(n) else { return .disagree("bool vs \(theirs)") }
            return n.boolValue == b ? .agree : .disagree("bool \(b) vs \(n)")
        case .number(let x):
            guard let n = theirs as? NSNumber, !isBoolean(n), !(theirs is String) else { return .disagree("number vs \(theirs)") }
            let y = n.doubleValue
            if x == y { return .agree }
            if String(describing: type(of: n)).contains("Decimal") {
                // Class 3.
                let tolerance = 1e-14 * max(abs(x), abs(y))
                return abs(x - y) <= tolerance ? .excluded("NSDecimalNumber rounding") : .disagree("number \(x) vs decimal \(y)")
            }
            return .disagree("number \(x) vs \(y) (\(type(of: n)))")
        case .array(let elements):
            guard let list = theirs as? [Any] else { return .disagree("array vs \(theirs)") }
            guard list.count == elements.count else { return .disagree("array count \(elements.count) vs \(list.count)") }
            return combine(zip(elements, list).map { compare($0, $1) })
        case .object(let members):
            guard let dictionary = theirs as? [String: Any] else { return .disagree("object vs \(theirs)") }
            // Class 5.
            if Set(members.map(\.0)).count < members.count { return .excluded("canonically equivalent keys") }
            guard dictionary.count == members.count else { return .disagree("object count \(members.count) vs \(dictionary.count)") }
            var verdicts: [Verdict] = []
            for (key, value) in dictionary {
                guard let mine = members.first(where: { JSONValue.sameBytes($0.0, key) }) else {
                    return .disagree("key \(key.debugDescription) missing")
                }
                verdicts.append(compare(mine.1, value))
            }
            return combine(verdicts)
        }
    }

    static func combine(_ verdicts: [Verdict]) -> Verdict {
        if let bad = verdicts.first(where: { if case .disagree = $0 { true } else { false } }) { return bad }
        return verdicts.first(where: { $0 != .agree }) ?? .agree
    }

    static func startsWithBrace(_ line: [UInt8]) -> Bool {
        var k = line.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < line.count, [0x20, 0x09, 0x0A, 0x0D].contains(line[k]) { k += 1 }
        return k < line.count && line[k] == 0x7B
    }

    static func show(_ line: [UInt8]) -> String {
        let text = String(decoding: line, as: UTF8.self).debugDescription
        let clipped = text.count > 600 ? String(text.prefix(600)) + "…" : text
        return "\(clipped) (\(line.count) bytes)"
    }
}

private struct PropertyTally: CustomStringConvertible {
    var agreed = 0
    var excluded: [String: Int] = [:]
    var disagreed = 0
    var accepted = 0
    var acceptedMutated = 0
    var rejected = 0

    mutating func record(_ verdict: FoundationComparison.Verdict, accepted isAccepted: Bool, mutated: Bool) {
        switch verdict {
        case .agree: agreed += 1
        case .excluded(let why): excluded[why, default: 0] += 1
        case .disagree: disagreed += 1
        }
        if isAccepted {
            accepted += 1
            if mutated { acceptedMutated += 1 }
        } else {
            rejected += 1
        }
    }

    var description: String {
        let classes = excluded.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return "agreed \(agreed), excluded [\(classes)], disagreed \(disagreed); we accepted \(accepted) (\(acceptedMutated) mutated), rejected \(rejected)"
    }
}

// MARK: - Random lines

/// Generates JSON text together with the value it means (nil when a number in it is too
/// large for a Double, which makes the whole line invalid).
private struct JSONLineGenerator {
    var random: SplitMix64
    var out: [UInt8] = []
    var valid = true

    init(random: SplitMix64) { self.random = random }

    mutating func line() -> (bytes: [UInt8], expected: JSONValue?) {
        out = []
        valid = true
        whitespace()
        let value = random.chance(0.7) ? object(depth: 0) : anyValue(depth: 0)
        whitespace()
        return (out, valid ? value : nil)
    }

    mutating func emit(_ text: String) { out.append(contentsOf: text.utf8) }

    mutating func whitespace() {
        guard random.chance(0.3) else { return }
        for _ in 0..<random.inRange(1...3) { out.append(random.pick([0x20, 0x20, 0x09, 0x0A, 0x0D])) }
    }

    mutating func anyValue(depth: Int) -> JSONValue {
        let roll = random.below(depth >= 5 ? 6 : 8)
        switch roll {
        case 0, 1: return .string(string())
        case 2, 3: return number()
        case 4:
            let b = random.chance(0.5)
            emit(b ? "true" : "false")
            return .bool(b)
        case 5:
            emit("null")
            return .null
        case 6: return array(depth: depth + 1)
        default: return object(depth: depth + 1)
        }
    }

    mutating func array(depth: Int) -> JSONValue {
        out.append(0x5B)
        whitespace()
        var elements: [JSONValue] = []
        for k in 0..<random.inRange(0...5) {
            if k > 0 {
                whitespace()
                out.append(0x2C)
                whitespace()
            }
            elements.append(anyValue(depth: depth))
        }
        whitespace()
        out.append(0x5D)
        return .array(elements)
    }

    mutating func object(depth: Int) -> JSONValue {
        out.append(0x7B)
        whitespace()
        var members: [(String, JSONValue)] = []
        let eventKeys = ["id", "time", "place", "lat", "lon", "actors", "type", "fatalities", "summary", "source"]
        for k in 0..<random.inRange(0...(depth == 0 ? 10 : 5)) {
            if k > 0 {
                whitespace()
                out.append(0x2C)
                whitespace()
            }
            let key: String
            if !members.isEmpty, random.chance(0.1) {
                // A duplicate key: written with the same escapes-free spelling.
                key = random.pick(members).0
                emitPlainString(key)
            } else if random.chance(0.4) {
                key = random.pick(eventKeys)
                emitPlainString(key)
            } else {
                key = string(maxPieces: 3)
            }
            whitespace()
            out.append(0x3A)
            whitespace()
            members.append((key, anyValue(depth: depth)))
        }
        whitespace()
        out.append(0x7D)
        return .object(members)
    }

    /// Writes `s` as a string literal, escaping only what must be escaped.
    mutating func emitPlainString(_ s: String) {
        out.append(0x22)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: emit("\\\"")
            case 0x5C: emit("\\\\")
            case 0..<0x20: emit(String(format: "\\u%04x", scalar.value))
            default: out.append(contentsOf: String(scalar).utf8)
            }
        }
        out.append(0x22)
    }

    mutating func hex4(_ value: UInt32) {
        let digits = random.chance(0.5) ? "0123456789abcdef" : "0123456789ABCDEF"
        let chars = Array(digits)
        emit("\\u" + String([chars[Int(value >> 12 & 15)], chars[Int(value >> 8 & 15)], chars[Int(value >> 4 & 15)], chars[Int(value & 15)]]))
    }

    mutating func randomScalar() -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x7F...0x7F, 0xA0...0x24F, 0x370...0x3FF, 0x600...0x6FF, 0x900...0x97F, 0x300...0x36F,
            0x3040...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xE000...0xF8FF, 0xFFF0...0xFFFF,
            0x1F300...0x1F6FF, 0x10000...0x10FFFF,
        ]
        while true {
            let range = random.pick(ranges)
            let value = range.lowerBound + UInt32(random.below(Int(range.upperBound - range.lowerBound) + 1))
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    mutating func string(maxPieces: Int = 8) -> String {
        out.append(0x22)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<random.inRange(0...maxPieces) {
            switch random.below(10) {
            case 0, 1, 2:
                // Plain ASCII words, often long enough for the 8-byte scan.
                let word = (0..<random.inRange(1...12)).map { _ in random.pick(Array("abcdefghijklmnopqrstuvwxyzABC0123456789 -_:.,/")) }
                let text = String(word)
                emit(text)
                scalars.append(contentsOf: text.unicodeScalars)
            case 3:
                let (escape, meaning): (String, Unicode.Scalar) = random.pick([
                    ("\\\"", "\""), ("\\\\", "\\"), ("\\/", "/"), ("\\b", "\u{08}"), ("\\f", "\u{0C}"),
                    ("\\n", "\n"), ("\\r", "\r"), ("\\t", "\t"),
                ])
                emit(escape)
                scalars.append(meaning)
            case 4:
                // \uXXXX for a BMP scalar (control characters included).
                var scalar = randomScalar()
                if scalar.value > 0xFFFF || random.chance(0.3) { scalar = Unicode.Scalar(UInt8(random.below(0x80))) }
                hex4(scalar.value)
                scalars.append(scalar)
            case 5:
                // A surrogate pair.
                let value = UInt32(0x10000 + random.below(0x100000))
                let v = value - 0x10000
                hex4(0xD800 + (v >> 10))
                hex4(0xDC00 + (v & 0x3FF))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            default:
                // Raw UTF-8.
                let scalar = randomScalar()
                if scalar == "\"" || scalar == "\\" { continue }
                out.append(contentsOf: String(scalar).utf8)
                scalars.append(scalar)
            }
        }
        out.append(0x22)
        return String(scalars)
    }

    mutating func digits(_ count: Int, leadingNonZero: Bool) -> String {
        var text = ""
        for k in 0..<count {
            text.append(Character(String(leadingNonZero && k == 0 ? random.inRange(1...9) : random.below(10))))
        }
        return text
    }

    mutating func number() -> JSONValue {
        var text = random.chance(0.3) ? "-" : ""
        switch random.below(10) {
        case 0: text += "0"
        case 1, 2, 3: text += digits(random.inRange(1...4), leadingNonZero: true)
        case 4, 5, 6: text += digits(random.inRange(1...19), leadingNonZero: true)
        default: text += digits(random.inRange(15...40), leadingNonZero: true)
        }
        if random.chance(0.5) {
            text += "."
            if random.chance(0.15) { text += String(repeating: "0", count: random.inRange(1...30)) }
            text += digits(random.inRange(1...(random.chance(0.7) ? 6 : 25)), leadingNonZero: false)
        }
        if random.chance(0.3) {
            text += random.pick(["e", "E"]) + random.pick(["", "+", "-"])
            let exponentDigits = random.chance(0.8) ? random.inRange(1...2) : 3
            text += random.chance(0.1) ? "0" + digits(exponentDigits, leadingNonZero: false) : digits(exponentDigits, leadingNonZero: false)
        }
        emit(text)
        guard let value = Double(text), value.isFinite else {
            valid = false
            return .null
        }
        return .number(value)
    }
}

/// Breaks lines in the ways real corruption does, and in the ways parsers get wrong.
private struct LineMutator {
    var random: SplitMix64

    static let interesting: [UInt8] = Array("\"\\,:[]{}0123456789-+.eEtfnu/ \t\r\n".utf8) + [0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
    static let invalidUTF8: [[UInt8]] = [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x82, 0x82, 0xAC],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ]
    static let escapes: [String] = [
        "\\uD800", "\\uDBFF", "\\uDC00", "\\uDFFF", "\\uD800\\u0041", "\\uD83D\\uDE00", "\\uD800\\uD800", "\\u00", "\\x", "\\", "\\u0000",
    ]

    mutating func mutate(_ line: [UInt8]) -> [UInt8] {
        var bytes = line
        for _ in 0..<random.inRange(1...3) {
            mutateOnce(&bytes)
        }
        return bytes
    }

    /// A position just inside a random string literal (or anywhere if there is none).
    mutating func insideString(_ bytes: [UInt8]) -> Int {
        let quotes = bytes.indices.filter { bytes[$0] == 0x22 }
        guard !quotes.isEmpty else { return random.below(bytes.count + 1) }
        return random.pick(quotes) + 1
    }

    mutating func mutateOnce(_ bytes: inout [UInt8]) {
        let position = random.below(bytes.count + 1)
        switch random.below(11) {
        case 0:
            if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
        case 1:
            if position < bytes.count { bytes[position] = random.pick(Self.interesting) }
        case 2:
            bytes.insert(random.pick(Self.interesting), at: position)
        case 3:
            if position < bytes.count { bytes.remove(at: position) }
        case 4:
            bytes.removeSubrange(position...)
        case 5:
            bytes.insert(contentsOf: random.pick(Self.invalidUTF8), at: insideString(bytes))
        case 6:
            bytes.insert(UInt8(random.below(0x20)), at: insideString(bytes))
        case 7:
            // A trailing comma before some closing bracket.
            let closers = bytes.indices.filter { bytes[$0] == 0x5D || bytes[$0] == 0x7D }
            if let at = closers.isEmpty ? nil : random.pick(closers) { bytes.insert(0x2C, at: at) }
        case 8:
            bytes.insert(contentsOf: Array(random.pick(Self.escapes).utf8), at: insideString(bytes))
        case 9:
            // Duplicate a span.
            guard !bytes.isEmpty else { return }
            let start = random.below(bytes.count)
            let end = min(bytes.count, start + random.inRange(1...12))
            bytes.insert(contentsOf: bytes[start..<end], at: random.below(bytes.count + 1))
        default:
            // Swap two bytes.
            guard bytes.count >= 2 else { return }
            let other = random.below(bytes.count)
            if position < bytes.count { bytes.swapAt(position, other) }
        }
    }
}
