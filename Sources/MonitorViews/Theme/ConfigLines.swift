import Foundation

/// Where things are in a TOML file's text, for messages that name a line: TOMLKit gives the
/// values but not their positions.
package struct ConfigLines {
    private let lines: [Substring]

    package init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private func trimmed(_ i: Int) -> String { lines[i].trimmingCharacters(in: .whitespaces) }

    /// The 1-based line of each `[[name]]` header, in order: the n-th is the n-th table of the array.
    package func headers(of name: String) -> [Int] {
        lines.indices.filter { i in
            let line = trimmed(i)
            guard line.hasPrefix("[["), let end = line.range(of: "]]") else { return false }
            return line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound].trimmingCharacters(in: .whitespaces) == name
        }.map { $0 + 1 }
    }

    /// The line of `key = …` in the table whose header is on line `header` (0: the top level,
    /// before any header); nil when not found before the next header.
    package func line(of key: String, after header: Int) -> Int? {
        for i in max(0, header)..<lines.count {
            let line = trimmed(i)
            if line.hasPrefix("[") { return nil }
            if line.hasPrefix(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return i + 1 }
        }
        return nil
    }
}
