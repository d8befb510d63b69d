/// An actor name as the source wrote it (sanitised), with the legend actor it counts under.
public struct WrittenActor: Sendable, Hashable {
    public var name: String
    public var actor: ActorID

    public init(name: String, actor: ActorID) {
        self.name = name
        self.actor = actor
    }
}

/// How the store keeps an incident's actor names in one string-table text, so a record holds a
/// single index for them: the unknown names joined with "; " (what text search reads), then, only
/// when some name differs from its actor's key, each written name as RS, actor number, US, name.
/// Sanitised text never holds the separators (C0 controls become visible placeholders).
package enum ActorNamesText {
    package static let recordSeparator: UInt8 = 0x1E
    package static let unitSeparator: UInt8 = 0x1F

    package static func encode(unknown: [String], written: [WrittenActor]) -> String {
        var text = unknown.joined(separator: "; ")
        for w in written { text += "\u{1E}\(w.actor)\u{1F}\(w.name)" }
        return text
    }

    /// The unknown names and the written names of a text `encode` made.
    package static func decode(_ text: String) -> (unknown: [String], written: [WrittenActor]) {
        guard text.utf8.contains(recordSeparator) else { return (splitNames(text), []) }
        let parts = Array(text.utf8).split(separator: recordSeparator, omittingEmptySubsequences: false)
        let unknown = splitNames(String(decoding: parts[0], as: UTF8.self))
        var written: [WrittenActor] = []
        for part in parts.dropFirst() {
            // A malformed entry (none is ever written) is skipped rather than trusted.
            guard let cut = part.firstIndex(of: unitSeparator),
                  let actor = ActorID(String(decoding: part[part.startIndex..<cut], as: UTF8.self)) else { continue }
            written.append(WrittenActor(name: String(decoding: part[(cut + 1)...], as: UTF8.self), actor: actor))
        }
        return (unknown, written)
    }

    /// The part text search reads: the unknown names (any other table text is returned whole).
    package static func searchable(_ text: String) -> String {
        guard let cut = text.utf8.firstIndex(of: recordSeparator) else { return text }
        return String(text[..<cut])
    }

    /// Unknown names joined with "; ", apart again. Split on bytes: the fast path keeps no name
    /// holding ';', and Character-wise splitting would misread a separator followed by a mark.
    package static func splitNames(_ joined: String) -> [String] {
        if joined.isEmpty { return [] }
        let utf8 = Array(joined.utf8)
        var names: [String] = []
        var start = 0
        var i = 0
        while i + 1 < utf8.count {
            if utf8[i] == 0x3B, utf8[i + 1] == 0x20 {
                names.append(String(decoding: utf8[start..<i], as: UTF8.self))
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        names.append(String(decoding: utf8[start...], as: UTF8.self))
        return names
    }
}
