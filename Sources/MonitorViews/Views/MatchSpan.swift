import MonitorState

/// Where a plain text query matches inside a piece of text, in characters, for highlighting.
/// Folds the same way `TextFolding` does, so the span is what the filter matched.
package enum MatchSpan {
    package static func find(_ needle: [UInt8], in text: String) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        var folded: [UInt8] = []
        var owner: [Int] = []  // the character each folded byte came from
        for (index, character) in text.enumerated() {
            let bytes = TextFolding.fold(String(character))
            folded += bytes
            owner += Array(repeating: index, count: bytes.count)
        }
        guard folded.count >= needle.count else { return nil }
        for start in 0...(folded.count - needle.count) where folded[start] == needle[0] {
            if folded[start..<(start + needle.count)].elementsEqual(needle) {
                return owner[start]..<(owner[start + needle.count - 1] + 1)
            }
        }
        return nil
    }

    /// The needle of the feed's text filter when it is a plain, non-inverted query.
    package static func needle(_ state: AppState) -> [UInt8]? {
        guard let text = state.filter.text, !text.inverted, case .plain(let needle) = text.pattern else { return nil }
        return needle
    }
}
