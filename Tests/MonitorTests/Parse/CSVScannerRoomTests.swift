import Testing
@testable import MonitorIngest

/// The scanner writes a record's fields through a pointer into room its caller made, and says
/// when the room is too small (the caller makes more and reads again): records of any width, in
/// any room, must come out as they do in room enough for all of them.
@Suite struct CSVScannerRoomTests {
    static let fields = ["a", "", "\"q,uoted\"", "\"dou\"\"bled\"", "plain text", "\"two\nlines\"", "x\"y", "\"bad\"z", "\"open"]

    @Test func anyRoomReadsWhatAmpleRoomReads() {
        var dice = SplitMix64(seed: 0xC5F1E1D)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<dice.inRange(1...3) {
                text += (0..<dice.inRange(1...40)).map { _ in dice.pick(Self.fields) }.joined(separator: ",") + "\n"
            }
            var block = LineBlock()
            var splitter = LineSplitter()
            Array(text.utf8).withUnsafeBytes { splitter.feed(raw: $0, into: &block) }
            guard block.count > 0 else { continue }
            let roomSize = dice.inRange(0...45)
            block.bytes.withUnsafeBytes { bytes in
                block.lines.withUnsafeBufferPointer { lines in
                    var ample = [CSVField](repeating: CSVField(start: 0, end: 0, flags: []), count: 4096)
                    var ampleCount = 0
                    let expected = ample.withUnsafeMutableBufferPointer {
                        CSVScanner.scan(bytes, lines, first: 0, limit: lines.count, maxBytes: 1 << 20, into: $0, count: &ampleCount)
                    }
                    var small = [CSVField](repeating: CSVField(start: 0, end: 0, flags: []), count: roomSize)
                    var smallCount = 0
                    let got = small.withUnsafeMutableBufferPointer {
                        CSVScanner.scan(bytes, lines, first: 0, limit: lines.count, maxBytes: 1 << 20, into: $0, count: &smallCount)
                    }
                    if let got {
                        #expect(got == expected && smallCount == ampleCount, "\(text.debugDescription)")
                    } else {
                        #expect(ampleCount > roomSize || expected == nil, "\(text.debugDescription)")
                    }
                    // The array form grows its room as it needs.
                    var grown: [CSVField] = []
                    let outcome = CSVScanner.scan(bytes, lines, first: 0, limit: lines.count, maxBytes: 1 << 20, into: &grown)
                    #expect(outcome == expected && grown.count == ampleCount, "\(text.debugDescription)")
                    #expect(zip(grown, ample.prefix(ampleCount)).allSatisfy { $0.start == $1.start && $0.end == $1.end && $0.flags == $1.flags })
                }
            }
        }
    }
}
