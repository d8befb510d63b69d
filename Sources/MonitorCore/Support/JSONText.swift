/// A text as a JSON string's contents: quotes, backslashes and control characters escaped
/// (RFC 8259 §7). The one escaper for what sitmon writes as JSON (a briefing's JSON Lines) and
/// for the benchmark generator's files; text with nothing to escape comes back as it is.
public enum JSONText {
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The text as a quoted JSON string.
    public static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }
}
