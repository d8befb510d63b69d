import Foundation

/// What `/` filters by: plain text (case- and accent-insensitive), or a regular expression written
/// `re:…`; a leading `!` keeps the incidents that do not match.
public struct TextQuery: Sendable, Equatable {
    public enum Pattern: Sendable, Equatable {
        case plain([UInt8])
        case regex(String)
    }

    /// As typed, for the status line and the prompt.
    public let raw: String
    public let inverted: Bool
    public let pattern: Pattern
    /// Compiled once; NSRegularExpression is immutable and safe to share.
    package let regex: NSRegularExpression?

    public struct Invalid: Error, Sendable, Equatable {
        public let message: String
    }

    /// Nil for an empty query (no text filter); throws for a bad regular expression.
    public init?(_ text: String) throws(Invalid) {
        var body = Substring(text)
        let inverted = body.hasPrefix("!")
        if inverted { body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        raw = text
        self.inverted = inverted
        if body.hasPrefix("re:") {
            let expression = String(body.dropFirst(3))
            guard !expression.isEmpty else { throw Invalid(message: "empty regular expression after re:") }
            do {
                regex = try NSRegularExpression(pattern: expression, options: [.caseInsensitive])
            } catch {
                throw Invalid(message: "bad regular expression: \(expression)")
            }
            pattern = .regex(expression)
        } else {
            regex = nil
            pattern = .plain(TextFolding.fold(String(body)))
        }
    }

    public static func == (a: TextQuery, b: TextQuery) -> Bool { a.raw == b.raw }

    /// Whether one piece of text matches (before inversion).
    public func matches(_ text: String) -> Bool {
        switch pattern {
        case .plain(let needle): return TextFolding.contains(text, folded: needle)
        case .regex:
            guard let regex else { return false }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// Whether `other` can only match a subset of what this query matches, so a feed already
    /// filtered by this query can be narrowed instead of filtered again from scratch.
    public func isNarrowed(by other: TextQuery) -> Bool {
        guard inverted == false, other.inverted == false,
              case .plain(let mine) = pattern, case .plain(let theirs) = other.pattern else { return false }
        return theirs.count >= mine.count && (0...(theirs.count - mine.count)).contains { start in
            Array(theirs[start..<(start + mine.count)]) == mine
        }
    }
}
