import Testing
@testable import MonitorIngest

/// The printable-ASCII check reads eight bytes at once (the CSV fast path's ids, the sanitiser's
/// check); it must say what a look at every byte says.
@Suite struct PrintableASCIITests {
    /// Bytes around every edge of "printable ASCII": controls, space, tilde, DEL, and high bytes.
    static let edges: [UInt8] = [0x00, 0x09, 0x1F, 0x20, 0x21, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xC3, 0xFF]

    @Test func printableASCIIAgreesWithAByteByByteLook() {
        var dice = SplitMix64(seed: 0x9A1D)
        var refused = 0
        for _ in 0..<20_000 {
            let count = dice.inRange(0...40)
            var bytes = (0..<count).map { _ in UInt8(dice.inRange(0x20...0x7E)) }
            // Mostly printable, with one to three bytes from the edges placed anywhere.
            if count > 0, dice.chance(percent: 70) {
                for _ in 0..<dice.inRange(1...3) { bytes[dice.inRange(0...(count - 1))] = dice.pick(Self.edges) }
            }
            let expected = bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
            if !expected { refused += 1 }
            // Read from inside a bigger buffer, so that a load past either end would see other bytes.
            let padded: [UInt8] = [0x00, 0x7F] + bytes + [0xFF, 0x00]
            let got = padded.withUnsafeBytes { TextSanitizer.isPrintableASCII(utf8: UnsafeRawBufferPointer(rebasing: $0[2..<(2 + count)])) }
            #expect(got == expected, "\(bytes)")
        }
        // Both answers were asked for often.
        #expect(refused > 5_000 && refused < 15_000)
    }
}
