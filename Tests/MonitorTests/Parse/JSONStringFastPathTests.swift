import Testing
@testable import MonitorIngest

/// `JSONCursor.scanString` answers a short plain string from one sixteen-byte look and leaves
/// everything else to `scanLongString`, which goes on from where the look stopped: the result must
/// be what the long scan alone says from the string's start, wherever the closing quote falls
/// against that look and against the end of the buffer.
@Suite struct JSONStringFastPathTests {
    /// What one scan gives: the bounds and flags, where the cursor stopped, or the error.
    private enum Scanned: Equatable {
        case string(start: Int, end: Int, escaped: Bool, ascii: Bool, next: Int)
        case failed(JSONScanError)
    }

    private static func scan(_ bytes: [UInt8], at start: Int, long: Bool) -> Scanned {
        bytes.withUnsafeBytes { raw in
            var cursor = JSONCursor(raw.baseAddress!, raw.count)
            cursor.i = start
            do throws(JSONScanError) {
                let s: (start: Int, end: Int, escaped: Bool, ascii: Bool)
                if long { s = try cursor.scanLongString(from: start + 1) } else { s = try cursor.scanString() }
                return .string(start: s.start, end: s.end, escaped: s.escaped, ascii: s.ascii, next: cursor.i)
            } catch {
                return .failed(error)
            }
        }
    }

    /// Contents of every length up to 40 bytes, with one byte that needs a closer look (an escape,
    /// a control character, a two-byte letter, a byte that cannot open a character) or none, at
    /// every position; the string's opening quote at every offset up to 20; the buffer ending
    /// right after the closing quote or with room after it, or cut before the closing quote.
    @Test func agreesWithTheFullScanEverywhere() {
        let specials: [[UInt8]] = [[], [0x5C, 0x6E], [0x5C, 0x22], [0x09], [0xC3, 0xA9], [0xFF], [0x7F]]
        var compared = 0
        var shortAnswers = 0
        for length in 0...40 {
            for special in specials {
                for at in special.isEmpty ? [0] : Array(0...length) {
                    var content = [UInt8](repeating: 0x61, count: length)
                    content.insert(contentsOf: special, at: at)
                    for lead in 0...20 {
                        for tail in [[], [0x2C, 0x20, 0x22, 0x78, 0x22], [UInt8](repeating: 0x20, count: 17)] {
                            let bytes = [UInt8](repeating: 0x20, count: lead) + [0x22] + content + [0x22] + tail
                            let fast = Self.scan(bytes, at: lead, long: false)
                            #expect(fast == Self.scan(bytes, at: lead, long: true), "lead \(lead), content \(content), tail \(tail.count)")
                            if case .string(_, _, false, true, _) = fast, content.count < 16 { shortAnswers += 1 }
                            compared += 1
                        }
                        let cut = [UInt8](repeating: 0x20, count: lead) + [0x22] + content
                        #expect(Self.scan(cut, at: lead, long: false) == Self.scan(cut, at: lead, long: true), "unterminated, lead \(lead)")
                    }
                }
            }
        }
        #expect(compared > 100_000)
        // Short plain strings, the case the inlined look answers alone, were among those compared.
        #expect(shortAnswers > 1_000)
    }

    @Test func aShortPlainStringGivesItsBounds() {
        // Room after the object, so that both keys' values are answered by the first look.
        let bytes = Array(#"{"type":"Feature"}"#.utf8) + [UInt8](repeating: 0x20, count: 16)
        #expect(Self.scan(bytes, at: 1, long: false) == .string(start: 2, end: 6, escaped: false, ascii: true, next: 7))
        #expect(Self.scan(bytes, at: 8, long: false) == .string(start: 9, end: 16, escaped: false, ascii: true, next: 17))
    }
}
