// A hand-written JSON scanner for one JSON Lines line (RFC 8259), built for speed:
// it reads bytes in place, validates UTF-8 itself, converts most numbers without
// going through text, and (in `scanFields`) builds nothing the caller does not ask for.
//
// Behaviour, in short:
// - Strict RFC 8259 grammar: no trailing commas, comments, single quotes, NaN/Infinity,
//   leading zeros or '+' signs. Whitespace is space, tab, LF and CR only.
// - Strings: all escapes, \uXXXX with surrogate pairs; a lone or mismatched surrogate is
//   an error (as in Foundation). Raw U+0000...U+001F is rejected; invalid UTF-8
//   (overlongs, UTF-8-encoded surrogates, > U+10FFFF, stray or missing continuation
//   bytes) is rejected.
// - A single UTF-8 byte-order mark at offset 0 is skipped (RFC 8259 §8.1 allows this;
//   Foundation does the same).
// - Numbers become Double, correctly rounded. A number too large for Double (it would
//   be ±infinity) is an error, as in Foundation; one too small becomes 0 or a subnormal.
// - Containers nest at most 512 deep (Foundation's limit); deeper input is an error.
//   Parsing and validation never recurse, so no input can exhaust the stack.
// - Duplicate object keys: the last value wins (Foundation's rule); it stays at the
//   position of the key's first occurrence. Keys are compared byte for byte.
// - No input traps: every read is bounds-checked against the buffer.

#if arch(x86_64)
// SSE2 is part of x86-64 itself, so its intrinsics need no run-time check (ARCHITECTURE.md §4).
import _Builtin_intrinsics.intel
#endif

/// A JSON value as sitmon needs it from an event line.
///
/// Equality follows JSON's meaning: strings and keys compare by their exact Unicode
/// scalars (not Swift's canonical equivalence), numbers by value (so `-0 == 0`), and
/// objects as unordered maps with last-wins duplicate keys.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in document order; the parser leaves no duplicate keys.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return JSONValue.sameBytes(a, b)
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return JSONValue.objectsEqual(a, b)
        default: return false
        }
    }

    /// The value of `key` in an object (nil if absent or not an object).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { JSONValue.sameBytes($0.0, key) })?.1
    }

    package static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    private static func objectsEqual(_ a: [(String, JSONValue)], _ b: [(String, JSONValue)]) -> Bool {
        let a = lastWins(a), b = lastWins(b)
        guard a.count == b.count else { return false }
        if a.count <= 16 {
            for (key, value) in a {
                guard let other = b.first(where: { sameBytes($0.0, key) }), other.1 == value else { return false }
            }
            return true
        }
        var index: [ByteKey: Int] = [:]
        for (position, member) in b.enumerated() { index[ByteKey(member.0)] = position }
        for (key, value) in a {
            guard let position = index[ByteKey(key)], b[position].1 == value else { return false }
        }
        return true
    }

    /// Removes duplicate keys: the last value wins, at the first occurrence's position.
    package static func lastWins(_ pairs: [(String, JSONValue)]) -> [(String, JSONValue)] {
        if pairs.count < 2 { return pairs }
        if pairs.count <= 16 {
            var duplicate = false
            search: for i in 1..<pairs.count {
                for j in 0..<i where sameBytes(pairs[i].0, pairs[j].0) {
                    duplicate = true
                    break search
                }
            }
            if !duplicate { return pairs }
            var out: [(String, JSONValue)] = []
            out.reserveCapacity(pairs.count)
            for (key, value) in pairs {
                if let at = out.firstIndex(where: { sameBytes($0.0, key) }) {
                    out[at].1 = value
                } else {
                    out.append((key, value))
                }
            }
            return out
        }
        var index: [ByteKey: Int] = [:]
        index.reserveCapacity(pairs.count)
        var out: [(String, JSONValue)] = []
        out.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            if let at = index[ByteKey(key)] {
                out[at].1 = value
            } else {
                index[ByteKey(key)] = out.count
                out.append((key, value))
            }
        }
        return out
    }

    /// A dictionary key that hashes and compares a string's UTF-8 bytes.
    private struct ByteKey: Hashable {
        let string: String
        init(_ string: String) { self.string = string }
        static func == (a: ByteKey, b: ByteKey) -> Bool { JSONValue.sameBytes(a.string, b.string) }
        func hash(into hasher: inout Hasher) {
            for byte in string.utf8 { hasher.combine(byte) }
        }
    }
}

/// Why a line is not valid JSON, and where: `offset` is the 0-based byte offset at which
/// parsing failed (the buffer's length when the input ended too early).
public struct JSONScanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// One member of a top-level object, handed to a `JSONScanner.scanFields` visitor.
///
/// It points into the scanned buffer (and, for a key with escapes, into scratch memory),
/// so it is valid only inside the visitor call: read what you need there, don't keep it.
/// The value has already been fully validated when the visitor sees it; decoding it
/// (`string`, `value`, ...) happens only if asked for.
public struct JSONField {
    public enum Kind: Sendable, Equatable {
        case string, number, bool, null, array, object
    }

    /// The key's UTF-8 bytes, escapes already decoded.
    public let key: UnsafeRawBufferPointer
    public let kind: Kind
    /// The value's exact source text (a string's includes its quotes).
    public let raw: UnsafeRawBufferPointer
    private let escaped: Bool
    private let scalar: Double

    package init(key: UnsafeRawBufferPointer, kind: Kind, raw: UnsafeRawBufferPointer, escaped: Bool = false, scalar: Double = 0) {
        self.key = key
        self.kind = kind
        self.raw = raw
        self.escaped = escaped
        self.scalar = scalar
    }

    /// Whether the key is exactly `name` (byte for byte).
    public func keyIs(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { name in
            name.count == key.count && name.elementsEqual(key)
        }
    }

    public var keyString: String { String(decoding: key, as: UTF8.self) }

    /// The decoded string, if the value is a string.
    public var string: String? {
        guard kind == .string, raw.count >= 2, let base = raw.baseAddress else { return nil }
        let cursor = JSONCursor(base, raw.count)
        return cursor.makeString(1, raw.count - 1, escaped: escaped)
    }

    /// A string value's bytes between its quotes, when it holds no escape (so they are its text).
    package var plainStringBytes: UnsafeRawBufferPointer? {
        guard kind == .string, !escaped, raw.count >= 2 else { return nil }
        return UnsafeRawBufferPointer(rebasing: raw[1..<(raw.count - 1)])
    }

    /// Whether a string value holds an escape (its bytes between the quotes are then not its text).
    package var isEscaped: Bool { escaped }

    /// The number, if the value is a number.
    public var number: Double? { kind == .number ? scalar : nil }

    /// For a string: whether the bytes between its quotes are all ASCII (escapes are ASCII too).
    package var isASCII: Bool { kind == .string && scalar != 0 }

    /// The boolean, if the value is `true` or `false`.
    public var bool: Bool? { kind == .bool ? scalar != 0 : nil }

    public var isNull: Bool { kind == .null }

    /// Calls `body` for each element if the value is an array (in order; elements have an
    /// empty `key`). Like the field itself, each element is valid only during its call.
    public func forEachElement(_ body: (JSONField) -> Void) {
        guard kind == .array, let base = raw.baseAddress, raw.count > 0 else { return }
        var cursor = JSONCursor(base, raw.count)
        do throws(JSONScanError) {
            try cursor.forEachElement(body)
        } catch {
            return  // cannot happen: the array was validated before the field was handed out
        }
    }

    /// The elements of an array value one at a time, without a closure (nothing for other kinds).
    package var elements: JSONElements { JSONElements(self) }

    /// The whole value, built as a `JSONValue` (nested arrays and objects included).
    public var value: JSONValue {
        switch kind {
        case .string: return .string(string ?? "")
        case .number: return .number(scalar)
        case .bool: return .bool(scalar != 0)
        case .null: return .null
        case .array, .object:
            // Already validated, so this cannot fail; `.null` only guards the impossible.
            guard let base = raw.baseAddress, raw.count > 0 else { return .null }
            var cursor = JSONCursor(base, raw.count)
            do throws(JSONScanError) {
                return try cursor.buildValue(outerDepth: 0)
            } catch {
                return .null
            }
        }
    }
}

/// Walks the elements of an already validated array field, in order; each element is valid
/// while the field's buffer is.
package struct JSONElements: IteratorProtocol {
    private var cursor: JSONCursor?

    package init(_ field: JSONField) {
        guard field.kind == .array, let base = field.raw.baseAddress, field.raw.count > 1 else { return }
        var cursor = JSONCursor(base, field.raw.count)
        cursor.i = 1
        cursor.skipWhitespace()
        if cursor.i < cursor.n, cursor.byte(cursor.i) != 0x5D { self.cursor = cursor }
    }

    package mutating func next() -> JSONField? {
        guard var cursor else { return nil }
        let start = cursor.i
        do throws(JSONScanError) {
            // The array is valid, so a string element only needs its end found (the first quote
            // not escaped), not a second validation.
            let member = cursor.byte(start) == 0x22 ? cursor.skipValidatedString() : try cursor.scanMember(outerDepth: 0)
            let raw = UnsafeRawBufferPointer(start: cursor.p + start, count: cursor.i - start)
            let field = JSONField(key: UnsafeRawBufferPointer(start: nil, count: 0), kind: member.kind, raw: raw,
                                  escaped: member.escaped, scalar: member.scalar)
            if try cursor.peekAfterWhitespace() == 0x2C {
                cursor.i += 1
                cursor.skipWhitespace()
                self.cursor = cursor
            } else {
                self.cursor = nil
            }
            return field
        } catch {
            self.cursor = nil  // cannot happen: the array was validated before
            return nil
        }
    }
}

public enum JSONScanner {
    /// Containers may nest this deep, no deeper (Foundation's limit).
    public static let maxDepth = 512

    /// Parses exactly one JSON value spanning the whole buffer (leading/trailing JSON
    /// whitespace allowed). On error returns the byte offset (0-based) where parsing
    /// failed and a short reason, e.g. "invalid JSON at byte 17: expected ':'".
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<JSONValue, JSONScanError> {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return .failure(JSONScanError(offset: 0, message: "unexpected end of input"))
        }
        var cursor = JSONCursor(base, bytes.count)
        do throws(JSONScanError) {
            cursor.skipByteOrderMark()
            cursor.skipWhitespace()
            let value = try cursor.buildValue(outerDepth: 0)
            try cursor.expectEnd()
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONScanError> {
        bytes.withUnsafeBytes { parse($0) }
    }

    /// The fast path for event lines: walks a line that must be one JSON object and calls
    /// `visit` once per top-level member, in document order, without building a dictionary
    /// or decoding any value the visitor does not ask for (see `JSONField`).
    ///
    /// The entire line is validated, nested values included, whatever the visitor reads.
    /// Because validation runs in the same pass, `visit` may already have been called for
    /// earlier members when an error further on is found: if this returns an error, discard
    /// whatever the visitor collected. A duplicate key is visited each time it occurs, so a
    /// visitor that assigns on every visit ends up with the last value (Foundation's rule).
    ///
    /// ```swift
    /// var time: String?, lat: Double?, actors: [String] = []
    /// if let error = JSONScanner.scanFields(line, visit: { field in
    ///     if field.keyIs("time") { time = field.string }
    ///     else if field.keyIs("lat") { lat = field.number }
    ///     else if field.keyIs("actors") { field.forEachElement { if let s = $0.string { actors.append(s) } } }
    /// }) { return .failure(LineError(error.description)) }
    /// ```
    ///
    /// - Returns: nil if the line is a valid JSON object, otherwise the error.
    public static func scanFields(_ bytes: UnsafeRawBufferPointer, visit: (JSONField) -> Void) -> JSONScanError? {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return JSONScanError(offset: 0, message: "unexpected end of input")
        }
        var cursor = JSONCursor(base, bytes.count)
        do throws(JSONScanError) {
            try cursor.scanTopLevelObject(visit)
            return nil
        } catch {
            return error
        }
    }

    public static func scanFields(_ bytes: [UInt8], visit: (JSONField) -> Void) -> JSONScanError? {
        bytes.withUnsafeBytes { scanFields($0, visit: visit) }
    }

    /// Like `scanFields`, but hands each member's value over already built as a `JSONValue`.
    /// The key bytes are the key's UTF-8 with escapes decoded; they are valid only during
    /// the call. Same validation and error rules as `scanFields`.
    public static func scanObject(
        _ bytes: UnsafeRawBufferPointer, visit: (UnsafeRawBufferPointer, JSONValue) -> Void
    ) -> JSONScanError? {
        scanFields(bytes) { field in visit(field.key, field.value) }
    }

    public static func scanObject(_ bytes: [UInt8], visit: (UnsafeRawBufferPointer, JSONValue) -> Void) -> JSONScanError? {
        bytes.withUnsafeBytes { scanObject($0, visit: visit) }
    }
}

// MARK: - The cursor

private enum ASCII {
    static let quote: UInt8 = 0x22  // "
    static let backslash: UInt8 = 0x5C
    static let slash: UInt8 = 0x2F
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let lowerE: UInt8 = 0x65
    static let upperE: UInt8 = 0x45
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
}

/// Which open containers are objects (true) or arrays (false), one bit per depth.
/// Fixed size, so walking nested values allocates nothing.
private struct DepthBits {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    private var w4: UInt64 = 0, w5: UInt64 = 0, w6: UInt64 = 0, w7: UInt64 = 0

    subscript(depth: Int) -> Bool {
        get {
            let bit = UInt64(1) << UInt64(depth & 63)
            switch depth >> 6 {
            case 0: return w0 & bit != 0
            case 1: return w1 & bit != 0
            case 2: return w2 & bit != 0
            case 3: return w3 & bit != 0
            case 4: return w4 & bit != 0
            case 5: return w5 & bit != 0
            case 6: return w6 & bit != 0
            case 7: return w7 & bit != 0
            default: return false
            }
        }
        set {
            let bit = UInt64(1) << UInt64(depth & 63)
            func apply(_ word: inout UInt64) { if newValue { word |= bit } else { word &= ~bit } }
            switch depth >> 6 {
            case 0: apply(&w0)
            case 1: apply(&w1)
            case 2: apply(&w2)
            case 3: apply(&w3)
            case 4: apply(&w4)
            case 5: apply(&w5)
            case 6: apply(&w6)
            case 7: apply(&w7)
            default: break
            }
        }
    }
}

/// Exact powers of ten as Doubles (10^0 ... 10^22 are all exactly representable).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// A read position in a byte buffer. Every read checks `i < n` first.
package struct JSONCursor {
    package let p: UnsafeRawPointer
    package let n: Int
    package var i: Int = 0

    package init(_ p: UnsafeRawPointer, _ n: Int) {
        self.p = p
        self.n = n
    }

    @inline(__always) package func byte(_ k: Int) -> UInt8 { p.load(fromByteOffset: k, as: UInt8.self) }

    @inline(__always) package func fail(_ offset: Int, _ message: String) -> JSONScanError {
        JSONScanError(offset: offset, message: message)
    }

    @inline(__always) package func endOfInput() -> JSONScanError {
        JSONScanError(offset: n, message: "unexpected end of input")
    }

    package mutating func skipByteOrderMark() {
        if n >= 3, byte(0) == 0xEF, byte(1) == 0xBB, byte(2) == 0xBF { i = 3 }
    }

    @inline(__always) package mutating func skipWhitespace() {
        while i < n {
            let b = byte(i)
            // JSON's four whitespace bytes are all 0x20 or below: one compare answers the usual
            // case, a token right there (called before every key, colon, value and comma).
            if b > ASCII.space { return }
            guard b == ASCII.space || b == ASCII.lineFeed || b == ASCII.carriageReturn || b == ASCII.tab else { return }
            i += 1
        }
    }

    /// The next byte after whitespace, without consuming it.
    @inline(__always) package mutating func peekAfterWhitespace() throws(JSONScanError) -> UInt8 {
        skipWhitespace()
        guard i < n else { throw endOfInput() }
        return byte(i)
    }

    package mutating func expectEnd() throws(JSONScanError) {
        skipWhitespace()
        if i < n { throw fail(i, "unexpected data after the JSON value") }
    }

    // MARK: Strings

    /// Flags (high bit set) the bytes of `w` that are '"', '\\', a control character or
    /// non-ASCII. Bytes above the first flagged one may be flagged spuriously (borrows),
    /// so only the lowest flag is meaningful: exactly what a scan needs.
    @inline(__always) package static func attentionMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* UInt64(ASCII.quote))
        let s = w ^ (ones &* UInt64(ASCII.backslash))
        let quote = (q &- ones) & ~q
        let backslash = (s &- ones) & ~s
        let control = (w &- ones &* 0x20) & ~w
        return (quote | backslash | control | w) & highs
    }

    /// Scans a string whose opening quote is at `i`; leaves `i` after the closing quote.
    /// Returns the content's bounds, whether it holds escapes, and whether its bytes are all ASCII.
    ///
    /// Inlined for its common case, a key or a short value of printable ASCII closed within
    /// sixteen bytes (a GeoJSON feature has two dozen such strings): one load and one compare,
    /// without a call. Anything else goes on in `scanLongString`.
    @inline(__always)
    package mutating func scanString() throws(JSONScanError) -> (start: Int, end: Int, escaped: Bool, ascii: Bool) {
        let start = i + 1
        #if arch(x86_64)
        if start + 16 <= n {
            let mask = stringStops(at: start)
            // No stop in the sixteen bytes: the long scan goes on after them.
            guard mask != 0 else { return try scanLongString(from: start + 16) }
            let j = start + Int(mask.trailingZeroBitCount)
            if byte(j) == ASCII.quote {
                i = j + 1
                return (start, j, false, true)
            }
            // An escape, a control byte or a byte past ASCII: the long scan goes on from it.
            return try scanLongString(from: j)
        }
        #endif
        return try scanLongString(from: start)
    }

    #if arch(x86_64)
    /// Bit k set when byte `j + k` (of the sixteen from `j`, all readable) needs a closer look
    /// inside a string: a quote, a backslash, or a byte below 0x20 or above 0x7F.
    @inline(__always)
    private func stringStops(at j: Int) -> Int32 {
        let v = _mm_loadu_si128((p + j).assumingMemoryBound(to: __m128i_u.self))
        // Bytes above 0x7F are below 0x20 as signed bytes, so one compare finds both.
        let stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x22)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5C))),
                                 _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)))
        return _mm_movemask_epi8(stops)
    }
    #endif

    /// `scanString` past its inlined first look: goes on from `resume`, the bytes before it (after
    /// the opening quote at `i`) being printable ASCII, so nothing is read twice.
    @inline(never)
    package mutating func scanLongString(from resume: Int) throws(JSONScanError) -> (start: Int, end: Int, escaped: Bool, ascii: Bool) {
        let start = i + 1
        var j = resume
        var escaped = false
        var ascii = true
        while true {
            // The first byte that needs a look: sixteen bytes at a time (x86-64) while they
            // last, then eight; a quote, a backslash, or a byte below 0x20 or above 0x7F stops.
            var stopped = false
            #if arch(x86_64)
            while j + 16 <= n {
                let mask = stringStops(at: j)
                if mask != 0 {
                    j += Int(mask.trailingZeroBitCount)
                    stopped = true
                    break
                }
                j += 16
            }
            #endif
            while !stopped, j + 8 <= n {
                let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                let mask = JSONCursor.attentionMask(word)
                if mask != 0 {
                    j += mask.trailingZeroBitCount >> 3
                    break
                }
                j += 8
            }
            guard j < n else { throw fail(n, "unterminated string") }
            let b = byte(j)
            if b == ASCII.quote {
                i = j + 1
                return (start, j, escaped, ascii)
            } else if b == ASCII.backslash {
                escaped = true
                j = try scanEscape(at: j)
            } else if b < 0x20 {
                throw fail(j, "control character in string")
            } else if b < 0x80 {
                j += 1
            } else {
                ascii = false
                j = try scanMultibyte(at: j)
            }
        }
    }

    /// Steps over a string at `i` that was already validated; describes it as `scanMember` does.
    package mutating func skipValidatedString() -> (kind: JSONField.Kind, escaped: Bool, scalar: Double) {
        var j = i + 1
        var escaped = false
        var high: UInt8 = 0
        while j < n {
            let b = byte(j)
            if b == ASCII.quote { break }
            if b == ASCII.backslash {
                escaped = true
                j += 2
                continue
            }
            high |= b
            j += 1
        }
        i = min(j + 1, n)
        return (.string, escaped, high < 0x80 ? 1 : 0)
    }

    @inline(__always) package func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    /// The 4 hex digits at k..<k+4, or nil if they are not all hex digits or run past `limit`.
    @inline(__always) package func hex4(at k: Int, limit: Int) -> UInt32? {
        guard k + 4 <= limit,
              let a = hexValue(byte(k)), let b = hexValue(byte(k + 1)),
              let c = hexValue(byte(k + 2)), let d = hexValue(byte(k + 3))
        else { return nil }
        return a << 12 | b << 8 | c << 4 | d
    }

    /// Validates the escape whose backslash is at `k`; returns the offset after it.
    package mutating func scanEscape(at k: Int) throws(JSONScanError) -> Int {
        guard k + 1 < n else { throw fail(n, "unterminated string") }
        switch byte(k + 1) {
        case ASCII.quote, ASCII.backslash, ASCII.slash,
             0x62, 0x66, 0x6E, 0x72, 0x74:  // b f n r t
            return k + 2
        case 0x75:  // u
            guard let unit = hex4(at: k + 2, limit: n) else {
                if k + 6 > n, (k + 2..<n).allSatisfy({ hexValue(byte($0)) != nil }) { throw fail(n, "unterminated string") }
                throw fail(k, "invalid \\u escape (expected 4 hex digits)")
            }
            if unit >= 0xDC00, unit <= 0xDFFF {
                throw fail(k, "lone low surrogate \\u escape")
            }
            if unit >= 0xD800, unit <= 0xDBFF {
                guard k + 12 <= n, byte(k + 6) == ASCII.backslash, byte(k + 7) == 0x75,
                      let low = hex4(at: k + 8, limit: n), low >= 0xDC00, low <= 0xDFFF
                else { throw fail(k, "high surrogate \\u escape not followed by a low surrogate") }
                return k + 12
            }
            return k + 6
        default:
            throw fail(k, "invalid escape")
        }
    }

    /// Validates the multi-byte UTF-8 sequence starting at `k` (Unicode Table 3-7);
    /// returns the offset after it.
    @inline(__always) package mutating func scanMultibyte(at k: Int) throws(JSONScanError) -> Int {
        let lead = byte(k)
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            guard offset < n else { return false }
            let b = byte(offset)
            return b >= low && b <= high
        }
        switch lead {
        case 0xC2...0xDF:
            if continuation(k + 1) { return k + 2 }
        case 0xE0:
            if continuation(k + 1, 0xA0), continuation(k + 2) { return k + 3 }
        case 0xE1...0xEC, 0xEE...0xEF:
            if continuation(k + 1), continuation(k + 2) { return k + 3 }
        case 0xED:
            if continuation(k + 1, 0x80, 0x9F), continuation(k + 2) { return k + 3 }
        case 0xF0:
            if continuation(k + 1, 0x90), continuation(k + 2), continuation(k + 3) { return k + 4 }
        case 0xF1...0xF3:
            if continuation(k + 1), continuation(k + 2), continuation(k + 3) { return k + 4 }
        case 0xF4:
            if continuation(k + 1, 0x80, 0x8F), continuation(k + 2), continuation(k + 3) { return k + 4 }
        default:
            break
        }
        throw fail(k, "invalid UTF-8 in string")
    }

    /// Builds the string for already-validated content at start..<end.
    package func makeString(_ start: Int, _ end: Int, escaped: Bool) -> String {
        let count = end - start
        guard count > 0 else { return "" }
        if !escaped {
            return String(decoding: UnsafeRawBufferPointer(start: p + start, count: count), as: UTF8.self)
        }
        // Decoded text is never longer than its escaped form.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            let written = decodeEscapes(start, end, into: buffer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<written]), as: UTF8.self)
        }
    }

    /// Writes the UTF-8 of validated string content with escapes decoded; returns the
    /// byte count. `out` must hold at least end - start bytes.
    package func decodeEscapes(_ start: Int, _ end: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var r = start
        var w = 0
        @inline(__always) func put(_ b: UInt8) {
            if w < out.count { out[w] = b; w += 1 }
        }
        while r < end {
            let b = byte(r)
            guard b == ASCII.backslash, r + 1 < end else {
                put(b)
                r += 1
                continue
            }
            let e = byte(r + 1)
            r += 2
            switch e {
            case 0x62: put(0x08)
            case 0x66: put(0x0C)
            case 0x6E: put(0x0A)
            case 0x72: put(0x0D)
            case 0x74: put(0x09)
            case 0x75:
                var scalar = hex4(at: r, limit: end) ?? 0xFFFD
                r += 4
                if scalar >= 0xD800, scalar <= 0xDBFF {
                    if r + 6 <= end, let low = hex4(at: r + 2, limit: end), low >= 0xDC00, low <= 0xDFFF {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        r += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00, scalar <= 0xDFFF {
                    scalar = 0xFFFD
                }
                switch scalar {
                case 0..<0x80:
                    put(UInt8(scalar))
                case 0x80..<0x800:
                    put(UInt8(0xC0 | scalar >> 6))
                    put(UInt8(0x80 | scalar & 0x3F))
                case 0x800..<0x10000:
                    put(UInt8(0xE0 | scalar >> 12))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                default:
                    put(UInt8(0xF0 | scalar >> 18 & 0x07))
                    put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                }
            default:  // " \ /
                put(e)
            }
        }
        return w
    }

    // MARK: Numbers and literals

    @inline(__always) package static func isDigit(_ b: UInt8) -> Bool { b &- ASCII.zero < 10 }

    /// Scans the number starting at `i` (a '-' or digit) and returns its value.
    package mutating func scanNumber() throws(JSONScanError) -> Double {
        let start = i
        var j = i
        let negative = byte(j) == ASCII.minus
        if negative { j += 1 }
        guard j < n else { throw endOfInput() }
        if let value = scanShortNumber(at: j, negative: negative) { return value }

        var mantissa: UInt64 = 0  // up to 19 significant digits, exactly
        var significant = 0
        var exponent = 0          // value = mantissa * 10^exponent while !inexact
        var inexact = false       // more than 19 significant digits
        var simple = true         // no fraction and no exponent


        let first = byte(j)
        if first == ASCII.zero {
            j += 1
            if j < n, JSONCursor.isDigit(byte(j)) { throw fail(j, "leading zero in number") }
        } else if JSONCursor.isDigit(first) {
            // Digits go into the mantissa while it holds fewer than 19 significant ones (a zero
            // before any other leaves it 0 and counts for nothing); past that it is inexact.
            while j < n {
                let digit = byte(j) &- ASCII.zero
                guard digit < 10 else { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significant &+= 1 }
                } else {
                    inexact = true
                }
                j += 1
            }
        } else {
            throw fail(j, "expected digit")
        }

        if j < n, byte(j) == ASCII.dot {
            simple = false
            j += 1
            guard j < n else { throw endOfInput() }
            guard JSONCursor.isDigit(byte(j)) else { throw fail(j, "expected digit after '.'") }
            while j < n {
                let digit = byte(j) &- ASCII.zero
                guard digit < 10 else { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significant &+= 1 }
                    exponent -= 1
                } else {
                    inexact = true
                }
                j += 1
            }
        }

        if j < n, byte(j) == ASCII.lowerE || byte(j) == ASCII.upperE {
            simple = false
            j += 1
            guard j < n else { throw endOfInput() }
            var negativeExponent = false
            if byte(j) == ASCII.plus || byte(j) == ASCII.minus {
                negativeExponent = byte(j) == ASCII.minus
                j += 1
                guard j < n else { throw endOfInput() }
            }
            guard JSONCursor.isDigit(byte(j)) else { throw fail(j, "expected digit in exponent") }
            var e = 0
            while j < n {
                let b = byte(j)
                guard JSONCursor.isDigit(b) else { break }
                if e < 1_000_000 { e = e * 10 + Int(b &- ASCII.zero) }
                j += 1
            }
            exponent += negativeExponent ? -e : e
        }
        i = j

        // Exact cases: one correctly rounded operation on exactly representable operands.
        if !inexact {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if simple {
                let value = Double(mantissa)
                return negative ? -value : value
            }
            if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
                let value = exponent >= 0
                    ? Double(mantissa) * exactPowersOfTen[exponent]
                    : Double(mantissa) / exactPowersOfTen[-exponent]
                return negative ? -value : value
            }
        }
        // Everything else: the standard library's correctly rounded, locale-independent
        // conversion (C strtod would follow the process locale, which sitmon sets).
        let text = String(decoding: UnsafeRawBufferPointer(start: p + start, count: j - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw fail(start, "number out of range") }
        return value
    }

    /// The usual number, its digits read eight at a time (`DigitRun`): up to seven digits, then
    /// optionally a point and one to seven digits, with no exponent, sixteen readable bytes from
    /// `j` (its first digit). Gives what the byte-by-byte scan gives and leaves `i` after it; nil
    /// for anything else, errors included, which that scan then reads. Its digits as a whole
    /// number are below 10^14 < 2^53, so `whole * 10^places + fraction` is exact as a Double and
    /// the value one correctly rounded division, as there.
    @inline(__always)
    private mutating func scanShortNumber(at j: Int, negative: Bool) -> Double? {
        guard j &+ 16 <= n else { return nil }
        let whole = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: j, as: UInt64.self))
        let digits = DigitRun.count(whole)
        // None, eight (more may follow), or a leading zero (an error the scan reports).
        guard digits > 0, digits < 8, digits == 1 || whole & 0xFF != UInt64(ASCII.zero) else { return nil }
        var value = Double(DigitRun.value(whole, count: digits))
        var end = j &+ digits
        if byte(end) == ASCII.dot {
            // At most j + 8 + 8 bytes are read: within the sixteen.
            let fraction = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: end &+ 1, as: UInt64.self))
            let places = DigitRun.count(fraction)
            guard places > 0, places < 8 else { return nil }
            let scale = exactPowersOfTen[places]
            value = (value * scale + Double(DigitRun.value(fraction, count: places))) / scale
            end = end &+ 1 &+ places
        }
        let after = byte(end)
        if after == ASCII.lowerE || after == ASCII.upperE { return nil }
        i = end
        // Zero comes out +0.0, so "-0" and "-0.00" give -0.0, as there.
        return negative ? -value : value
    }

    /// Scans the literal `word` (`true`, `false` or `null`) at `i`.
    package mutating func scanLiteral(_ word: StaticString) throws(JSONScanError) {
        let start = i
        let matched: Int = word.withUTF8Buffer { word in
            var k = 0
            while k < word.count, start + k < n, byte(start + k) == word[k] { k += 1 }
            return k
        }
        if matched == word.utf8CodeUnitCount {
            i = start + matched
            return
        }
        if start + matched >= n { throw endOfInput() }
        throw fail(start, "invalid literal")
    }

    // MARK: Containers

    /// Scans a key string and the ':' after it; leaves `i` at the value.
    @inline(__always) package mutating func scanKeyAndColon() throws(JSONScanError) -> (start: Int, end: Int, escaped: Bool) {
        guard byte(i) == ASCII.quote else { throw fail(i, "expected string key") }
        let (start, end, escaped, _) = try scanString()
        let key = (start: start, end: end, escaped: escaped)
        guard try peekAfterWhitespace() == ASCII.colon else { throw fail(i, "expected ':'") }
        i += 1
        skipWhitespace()
        return key
    }

    /// After a ',' inside an object or array: rejects a closing bracket (a trailing comma).
    @inline(__always) package mutating func afterComma(object: Bool) throws(JSONScanError) {
        let next = try peekAfterWhitespace()
        if next == ASCII.closeBrace || next == ASCII.closeBracket {
            throw fail(i, object ? "trailing comma before '}'" : "trailing comma before ']'")
        }
    }

    /// Validates the array or object opening at `i` and everything in it, building nothing.
    /// `outerDepth` containers are already open around it.
    package mutating func skipContainer(outerDepth: Int) throws(JSONScanError) {
        var kinds = DepthBits()
        var depth = 0
        var atValue = true
        while true {
            if atValue {
                guard i < n else { throw endOfInput() }
                let b = byte(i)
                if b == ASCII.openBracket || b == ASCII.openBrace {
                    guard outerDepth + depth < JSONScanner.maxDepth else { throw fail(i, "nesting too deep") }
                    let object = b == ASCII.openBrace
                    kinds[depth] = object
                    depth += 1
                    i += 1
                    let next = try peekAfterWhitespace()
                    if next == (object ? ASCII.closeBrace : ASCII.closeBracket) {
                        i += 1
                        depth -= 1
                        atValue = false
                    } else if object {
                        _ = try scanKeyAndColon()
                    }
                    continue
                }
                try skipScalar(b)
                atValue = false
            }
            if depth == 0 { return }
            let object = kinds[depth - 1]
            let next = try peekAfterWhitespace()
            if next == ASCII.comma {
                i += 1
                try afterComma(object: object)
                if object { _ = try scanKeyAndColon() }
                atValue = true
            } else if next == (object ? ASCII.closeBrace : ASCII.closeBracket) {
                i += 1
                depth -= 1
            } else {
                throw fail(i, object ? "expected ',' or '}'" : "expected ',' or ']'")
            }
        }
    }

    /// Validates the string, number or literal at `i` (its first byte is `b`).
    @inline(__always) package mutating func skipScalar(_ b: UInt8) throws(JSONScanError) {
        switch b {
        case ASCII.quote: _ = try scanString()
        case ASCII.minus, ASCII.zero...ASCII.nine: _ = try scanNumber()
        case 0x74: try scanLiteral("true")
        case 0x66: try scanLiteral("false")
        case 0x6E: try scanLiteral("null")
        default: throw fail(i, "expected a value")
        }
    }

    /// Parses the value at `i` into a `JSONValue`, nested containers included, without
    /// recursion. `outerDepth` containers are already open around it.
    package mutating func buildValue(outerDepth: Int) throws(JSONScanError) -> JSONValue {
        var kinds = DepthBits()
        var depth = 0
        // The innermost open container lives in these locals; the ones around it wait on
        // the stacks below, so one level of nesting costs no stack allocation.
        var elements: [JSONValue] = []
        var members: [(String, JSONValue)] = []
        var key = ""
        var outerElements: [[JSONValue]] = []
        var outerMembers: [[(String, JSONValue)]] = []
        var outerKeys: [String] = []
        while true {
            // Parse one value (or open a container and go round again for its first member).
            guard i < n else { throw endOfInput() }
            var value: JSONValue
            let b = byte(i)
            switch b {
            case ASCII.openBracket, ASCII.openBrace:
                guard outerDepth + depth < JSONScanner.maxDepth else { throw fail(i, "nesting too deep") }
                let object = b == ASCII.openBrace
                i += 1
                let next = try peekAfterWhitespace()
                if next == (object ? ASCII.closeBrace : ASCII.closeBracket) {
                    i += 1
                    value = object ? .object([]) : .array([])
                } else {
                    if depth > 0 {
                        if kinds[depth - 1] {
                            outerMembers.append(members)
                            outerKeys.append(key)
                        } else {
                            outerElements.append(elements)
                        }
                    }
                    kinds[depth] = object
                    depth += 1
                    if object {
                        members = []
                        members.reserveCapacity(12)
                        let k = try scanKeyAndColon()
                        key = makeString(k.start, k.end, escaped: k.escaped)
                    } else {
                        elements = []
                        elements.reserveCapacity(4)
                    }
                    continue
                }
            case ASCII.quote:
                let s = try scanString()
                value = .string(makeString(s.start, s.end, escaped: s.escaped))
            case ASCII.minus, ASCII.zero...ASCII.nine:
                value = .number(try scanNumber())
            case 0x74:
                try scanLiteral("true")
                value = .bool(true)
            case 0x66:
                try scanLiteral("false")
                value = .bool(false)
            case 0x6E:
                try scanLiteral("null")
                value = .null
            default:
                throw fail(i, "expected a value")
            }

            // Hand the finished value to its container, closing containers as they end.
            while true {
                if depth == 0 { return value }
                let object = kinds[depth - 1]
                if object {
                    members.append((key, value))
                } else {
                    elements.append(value)
                }
                let next = try peekAfterWhitespace()
                if next == ASCII.comma {
                    i += 1
                    try afterComma(object: object)
                    if object {
                        let k = try scanKeyAndColon()
                        key = makeString(k.start, k.end, escaped: k.escaped)
                    }
                    break
                } else if next == (object ? ASCII.closeBrace : ASCII.closeBracket) {
                    i += 1
                    depth -= 1
                    if object {
                        value = .object(JSONValue.lastWins(members))
                        members = []
                    } else {
                        value = .array(elements)
                        elements = []
                    }
                    if depth > 0 {
                        if kinds[depth - 1] {
                            members = outerMembers.removeLast()
                            key = outerKeys.removeLast()
                        } else {
                            elements = outerElements.removeLast()
                        }
                    }
                } else {
                    throw fail(i, object ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
        }
    }

    // MARK: The fast path

    /// Validates the value at `i` (one member of a container opened at depth
    /// `outerDepth`) and describes it for a `JSONField`.
    @inline(__always)
    package mutating func scanMember(outerDepth: Int) throws(JSONScanError) -> (kind: JSONField.Kind, escaped: Bool, scalar: Double) {
        guard i < n else { throw endOfInput() }
        switch byte(i) {
        case ASCII.quote:
            // A string's scalar says whether its bytes are all ASCII (see `JSONField.isASCII`).
            let string = try scanString()
            return (.string, string.escaped, string.ascii ? 1 : 0)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return (.number, false, try scanNumber())
        case ASCII.openBrace:
            try skipContainer(outerDepth: outerDepth)
            return (.object, false, 0)
        case ASCII.openBracket:
            try skipContainer(outerDepth: outerDepth)
            return (.array, false, 0)
        case 0x74:
            try scanLiteral("true")
            return (.bool, false, 1)
        case 0x66:
            try scanLiteral("false")
            return (.bool, false, 0)
        case 0x6E:
            try scanLiteral("null")
            return (.null, false, 0)
        default:
            throw fail(i, "expected a value")
        }
    }

    /// Walks a whole line that must be one object, calling `visit` per member.
    package mutating func scanTopLevelObject(_ visit: (JSONField) -> Void) throws(JSONScanError) {
        skipByteOrderMark()
        guard try peekAfterWhitespace() == ASCII.openBrace else { throw fail(i, "expected '{'") }
        i += 1
        if try peekAfterWhitespace() == ASCII.closeBrace {
            i += 1
            try expectEnd()
            return
        }
        while true {
            let key = try scanKeyAndColon()
            let valueStart = i
            let field = try scanMember(outerDepth: 1)
            let raw = UnsafeRawBufferPointer(start: p + valueStart, count: i - valueStart)
            if key.escaped {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: key.end - key.start) { buffer in
                    let written = decodeEscapes(key.start, key.end, into: buffer)
                    let keyBytes = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[0..<written]))
                    visit(JSONField(key: keyBytes, kind: field.kind, raw: raw, escaped: field.escaped, scalar: field.scalar))
                }
            } else {
                let keyBytes = UnsafeRawBufferPointer(start: p + key.start, count: key.end - key.start)
                visit(JSONField(key: keyBytes, kind: field.kind, raw: raw, escaped: field.escaped, scalar: field.scalar))
            }
            let next = try peekAfterWhitespace()
            if next == ASCII.comma {
                i += 1
                try afterComma(object: true)
            } else if next == ASCII.closeBrace {
                i += 1
                try expectEnd()
                return
            } else {
                throw fail(i, "expected ',' or '}'")
            }
        }
    }

    /// Calls `body` for each element of the (already validated) array at `i`.
    package mutating func forEachElement(_ body: (JSONField) -> Void) throws(JSONScanError) {
        guard i < n, byte(i) == ASCII.openBracket else { return }
        i += 1
        if try peekAfterWhitespace() == ASCII.closeBracket { return }
        while true {
            let valueStart = i
            let field = try scanMember(outerDepth: 0)
            let raw = UnsafeRawBufferPointer(start: p + valueStart, count: i - valueStart)
            body(JSONField(key: UnsafeRawBufferPointer(start: nil, count: 0), kind: field.kind, raw: raw,
                           escaped: field.escaped, scalar: field.scalar))
            guard try peekAfterWhitespace() == ASCII.comma else { return }
            i += 1
            skipWhitespace()
        }
    }
}
