import MonitorCore

/// Reads the dates event files carry: RFC 3339 date-times and plain `YYYY-MM-DD` dates.
/// Hand-written because it runs once per line and Foundation's formatters are slow and locale-bound.
/// The calendar arithmetic (`civil`, `daysFromCivil`) lives in MonitorCore, where the views can reach it.
extension TimeParser {
    public struct Parsed: Sendable, Equatable {
        public var epochSeconds: Int64
        public var hasClockTime: Bool
    }

    public static func parse(_ text: String) -> Parsed? {
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ buffer -> Parsed? in
            var end = buffer.count
            while end > 0, buffer[end - 1] == 0x20 { end -= 1 }
            return parse(bytes: UnsafeBufferPointer(rebasing: buffer[0..<end]))
        }) {
            return parsed
        }
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        return bytes.withUnsafeBufferPointer { parse(bytes: $0) }
    }

    /// Same as `parse(_:)` on the text these bytes spell.
    package static func parse(raw: UnsafeRawBufferPointer) -> Parsed? {
        let bytes = raw.bindMemory(to: UInt8.self)
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        return parse(bytes: UnsafeBufferPointer(rebasing: bytes[0..<end]))
    }

    package static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        guard let days = date(b) else { return nil }
        return parse(bytes: b, afterDate: days)
    }

    /// The days since 1970 of the `YYYY-MM-DD` that the first ten bytes of `b` must be.
    package static func date(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 10, b[b.startIndex + 4] == 0x2D, b[b.startIndex + 7] == 0x2D,
              let year = digits(b, b.startIndex, 4), let month = digits(b, b.startIndex + 5, 2),
              let day = digits(b, b.startIndex + 8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day)
    }

    /// The value of the `n` digits at `at`, nil when one is not a digit (all `n` bytes are there).
    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: Int) -> Int? {
        var value = 0
        for k in at..<(at + n) {
            let c = b[k]
            guard c >= 0x30, c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// What follows the date (its first ten bytes, worth `days`): nothing, or a clock time and a
    /// zone. Split from `parse(bytes:)` so that a caller that met these ten bytes just before can
    /// skip reading them again (`PackedDecodeContext.time`).
    package static func parse(bytes b: UnsafeBufferPointer<UInt8>, afterDate days: Int) -> Parsed? {
        var i = b.startIndex + 10
        func digits(_ n: Int) -> Int? {
            guard b.endIndex - i >= n else { return nil }
            var value = 0
            for _ in 0..<n {
                let c = b[i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
                i += 1
            }
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.endIndex, b[i] == c else { return false }
            i += 1
            return true
        }
        if i == b.endIndex { return Parsed(epochSeconds: Int64(days) * 86400, hasClockTime: false) }
        // 'T', 't' or a space separate date and time (RFC 3339 §5.6 note).
        guard b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(0x3A) {
            guard let s = digits(2), s <= 60 else { return nil }
            second = min(s, 59)  // a leap second is kept inside its minute
            if expect(0x2E) {
                let start = i
                while i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }
            }
        }
        var offset = 0
        if i == b.endIndex {
            offset = 0  // no zone: taken as UTC, as ACLED's timestamps are
        } else if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(0x3A), let om = digits(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.endIndex else { return nil }
        let seconds = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Parsed(epochSeconds: seconds, hasClockTime: true)
    }
}
