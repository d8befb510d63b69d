import Foundation

// Test data both test targets use: the unit tests render it, the end-to-end tests feed it to the
// binary. A test target cannot import another, so it lives in a small library target of its own.

/// Event data is written by others and may be malicious: none of it may reach the terminal as a
/// control, and none of it may break the layout.
public enum HostileCorpus {
    public static let strings: [(name: String, text: String)] = [
        ("CSI clear screen and cursor moves", "\u{1B}[2J\u{1B}[H\u{1B}[10;10Hmoved"),
        ("SGR colour change", "\u{1B}[31;1mred\u{1B}[0m"),
        ("OSC window title", "\u{1B}]0;pwned\u{07}title"),
        ("OSC 52 clipboard write", "\u{1B}]52;c;ZXZpbCBwYXlsb2Fk\u{07}clip"),
        ("OSC with ST terminator", "\u{1B}]2;pwned\u{1B}\\st"),
        ("C1 CSI", "a\u{9B}2Jb\u{9D}0;x\u{9C}c"),
        ("DEL and C0", "a\u{7F}b\u{01}c\u{08}d\u{0D}e"),
        ("bidi override", "left \u{202E}thgir\u{202C} \u{2067}iso\u{2069}"),
        ("zero-width", "in\u{200B}vis\u{200D}ible\u{2060}\u{FEFF}"),
        ("combining flood", "Z" + String(repeating: "\u{0336}\u{0489}", count: 400) + "algo"),
        ("double-width CJK", "巴马科与加奥之间的道路遭到袭击，多名平民死亡"),
        ("emoji", "🔥💣🚁 attack 👨‍👩‍👧 family ✈️"),
        ("long", String(repeating: "Very long summary text ", count: 4500)),
    ]

    /// A JSON Lines file holding each hostile string as summary, place and source.
    public static func jsonl() -> String {
        strings.enumerated().map { i, entry in
            let object: [String: Any] = ["id": "h\(i)", "time": "2023-08-\(String(format: "%02d", i + 1))", "actors": ["JNIM"],
                                         "place": String(entry.text.prefix(40)), "summary": entry.text, "source": entry.text]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    /// A line whose summary is not valid UTF-8 (a lone continuation byte and a truncated sequence).
    public static var invalidUTF8Line: Data {
        Data(#"{"id":"bad-utf8","time":"2023-08-20","actors":["FAMA"],"summary":"x"#.utf8) + Data([0x80, 0xE2, 0x82])
            + Data("\"}\n".utf8)
    }
}
