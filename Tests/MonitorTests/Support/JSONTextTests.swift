import Foundation
import Testing
@testable import MonitorCore

/// The one JSON string escaper reads back, through Foundation's parser, to the text it was given.
@Suite struct JSONTextTests {
    @Test func randomTextsReadBackUnchanged() throws {
        var random = SplitMix64(seed: 8259)
        let pool: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "é", "😀", " ", "/", "\u{7F}"]
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 20) { text.append(pool[Int(random.next() % UInt64(pool.count))]) }
            let original = String(text)
            let data = Data(("[" + JSONText.quoted(original) + "]").utf8)
            let back = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
            #expect(back == [original])
        }
        #expect(JSONText.escaped("plain text") == "plain text")
    }
}
