import Foundation

/// Spells text in ASCII for terminals without UTF-8: accents dropped, common symbols replaced,
/// anything else shown as `?` so the layout never breaks.
public enum AsciiFallback {
    package static let symbols: [Character: String] = [
        "·": "-", "…": "~", "—": "-", "–": "-", "│": "|", "─": "-", "━": "-", "┃": "|", "†": "+", "↑": "^",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "•": "o", "×": "x", "°": "o", "✱": "*",
    ]

    public static func spell(_ text: String) -> String {
        if text.allSatisfy(\.isASCII) { return text }
        var out = ""
        for ch in text {
            if ch.isASCII {
                out.append(ch)
            } else if let replacement = symbols[ch] {
                out += replacement
            } else {
                let folded = String(ch).folding(options: .diacriticInsensitive, locale: nil)
                out += folded.allSatisfy(\.isASCII) && folded.count == 1 ? folded : "?"
            }
        }
        return out
    }
}
