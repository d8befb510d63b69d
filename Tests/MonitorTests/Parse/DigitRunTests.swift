import Foundation
import Testing
@testable import MonitorIngest

/// Digits read eight bytes at a time, against a byte-by-byte reading of the same bytes; and the
/// JSON scanner's numbers read that way, against Swift's own parser and the byte-by-byte scan.
@Suite struct DigitRunTests {
    /// The reference: digits counted and summed one byte at a time.
    func naive(_ bytes: [UInt8]) -> (count: Int, value: UInt64) {
        var count = 0, value: UInt64 = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { break }
            count += 1
            value = value * 10 + UInt64(b - 0x30)
        }
        return (count, value)
    }

    func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    @Test func countAndValueAgreeWithByteByByteOnEveryByteAfterTheRun() {
        // Each run length, followed by every byte value (and by random bytes after that), so that
        // borrows and carries from the byte that ends the run are all met.
        var random = SplitMix64(seed: 0xD161_7500)
        var checked = 0
        for length in 0...8 {
            for stop in 0...255 where length < 8 || stop == 0 {
                for _ in 0..<4 {
                    var bytes = (0..<length).map { _ in UInt8(0x30 + random.below(10)) }
                    if length < 8 { bytes.append(UInt8(stop)) }
                    while bytes.count < 8 { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
                    let expected = naive(bytes)
                    #expect(DigitRun.count(word(bytes)) == expected.count, "\(bytes)")
                    if expected.count > 0 {
                        #expect(DigitRun.value(word(bytes), count: expected.count) == expected.value, "\(bytes)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == 8 * 256 * 4 + 4)
        // The extremes of every length.
        for length in 1...8 {
            let nines = [UInt8](repeating: 0x39, count: length) + [UInt8](repeating: 0x2C, count: 8 - length)
            #expect(DigitRun.value(word(nines), count: length) == naive(nines).value)
            let zeros = [UInt8](repeating: 0x30, count: length) + [UInt8](repeating: 0xFF, count: 8 - length)
            #expect(DigitRun.value(word(zeros), count: length) == 0)
        }
    }

    /// A number followed by enough bytes that the scanner reads it eight digits at a time, against
    /// the same number at the end of the input (read byte by byte) and against `Double(text)`.
    func checkNumber(_ text: String) {
        let short = JSONScanner.parse(Array("[\(text)]".utf8))
        let padded = JSONScanner.parse(Array("[\(text)                    ]".utf8))
        switch (short, padded) {
        case (.success(.array(let a)), .success(.array(let b))):
            guard case .number(let x)? = a.first, case .number(let y)? = b.first else {
                Issue.record("\(text): \(a) \(b)")
                return
            }
            #expect(x.bitPattern == y.bitPattern, "\(text): \(x) vs \(y)")
            if let reference = Double(text) { #expect(y.bitPattern == reference.bitPattern, "\(text): \(y) vs \(reference)") }
        case (.failure(let e), .failure(let f)):
            #expect(e == f, "\(text): \(e) vs \(f)")
        default:
            Issue.record("\(text): \(short) vs \(padded)")
        }
    }

    @Test func scannerNumbersAgreeWhereverTheyStop() {
        let listed = [
            "0", "-0", "7", "-7", "10", "0.5", "-0.5", "0.0", "1.0", "16.2662", "-0.1272", "-2.9949", "1234567",
            "12345678", "123456789", "1234567.1234567", "1234567.12345678", "9999999.9999999", "0.0000001",
            "0.00000001", "00", "01", "-01", "00.5", "1.", "-1.", "1.e3", "1e5", "1E5", "1.5e3", "1.5E-3", "1.5e",
            "-", "--1", "-x", "1.5.5", "1x", "1..5", "0.1234567e2", "12.", "0x10", "1,5",
        ]
        for text in listed { checkNumber(text) }
        // Random ones: a sign, up to nine integer digits (a leading zero sometimes), a fraction of
        // up to nine digits, an exponent now and then.
        var random = SplitMix64(seed: 0x1623_0813)
        for _ in 0..<20_000 {
            var text = random.chance(0.3) ? "-" : ""
            let integer = random.inRange(0...9)
            for k in 0..<integer { text += String(k == 0 && random.chance(0.1) ? 0 : random.below(10)) }
            if random.chance(0.7) {
                text += "."
                for _ in 0..<random.inRange(0...9) { text += String(random.below(10)) }
            }
            if random.chance(0.1) { text += random.pick(["e", "E", "e-", "E+"]) + String(random.below(30)) }
            // Nothing at all would make `[]`, an empty array: not a number to compare.
            if text.isEmpty { continue }
            checkNumber(text)
        }
    }
}
