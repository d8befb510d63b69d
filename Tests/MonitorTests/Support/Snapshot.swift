import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorViews

/// The glyphs and styles of a canvas (or of a region of it), row by row: what a snapshot records.
/// A wide character is one entry; its continuation cell is skipped, as in `Canvas.lines`.
struct SnapshotGrid {
    var rows: [[Cell]] = []

    init(_ canvas: Canvas, columns: Range<Int>? = nil, rows wanted: Range<Int>? = nil) {
        let xs = columns ?? 0..<canvas.width
        rows = (wanted ?? 0..<canvas.height).map { y in xs.map { canvas[$0, y] }.filter { $0.width != 0 } }
    }

    /// Adds the rows of another grid below these (one snapshot of two screens, say).
    mutating func append(_ other: SnapshotGrid) { rows += other.rows }

    /// The text layer: each row's glyphs, trailing spaces removed (what `Canvas.trimmedLines` gives).
    var lines: [String] {
        rows.map { row in
            var line = String(row.map(\.glyph))
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The style layer: a legend, then one letter per cell of the text layer (a wide character
    /// takes one letter, so a letter sits at its character's index). Letters go to styles in order
    /// of first use, so the same screen always gives the same file. Trailing blank cells in the
    /// plain style are left out; a blank cell in any other style (a highlight bar) is kept.
    var styleLayer: String {
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        let body = rows.map { row -> String in
            var end = row.count
            while end > 0, row[end - 1].glyph == " ", row[end - 1].style == .plain { end -= 1 }
            return String(row[..<end].map { cell -> Character in
                if let letter = letters[cell.style] { return letter }
                let symbols = Array(SnapshotStyles.symbols)
                precondition(letters.count < symbols.count, "more styles than snapshot letters")
                let letter = symbols[letters.count]
                letters[cell.style] = letter
                legend.append("\(letter) \(SnapshotStyles.describe(cell.style))")
                return letter
            })
        }
        return ([SnapshotStyles.header] + legend + [SnapshotStyles.separator] + body).joined(separator: "\n") + "\n"
    }
}

/// Reading and comparing style layers.
enum SnapshotStyles {
    static let header = "# styles: one letter per character of the .txt file beside this one; legend in order of first use"
    static let separator = "---"
    static let symbols = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$%&*+=?!~^"

    static func describe(_ style: Style) -> String {
        func color(_ c: ThemeColor) -> String {
            switch c {
            case .terminalDefault: "default"
            case .indexed(let n): "\(n)"
            }
        }
        let names: [(TextAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline")]
        let attributes = names.filter { style.attributes.contains($0.0) }.map(\.1)
        return (["fg \(color(style.fg))", "bg \(color(style.bg))"] + attributes).joined(separator: " ")
    }

    /// Each row's cells as style descriptions, read through the file's legend.
    static func decode(_ layer: String) -> [[String]] {
        let lines = layer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let cut = lines.firstIndex(of: separator) else { return [] }
        var legend: [Character: String] = [:]
        for line in lines[..<cut] where !line.hasPrefix("#") && line.count > 2 {
            legend[line.first!] = String(line.dropFirst(2))
        }
        var body = Array(lines[(cut + 1)...])
        if body.last == "" { body.removeLast() }
        return body.map { row in row.map { legend[$0] ?? "unknown letter \($0)" } }
    }

    /// Where two style layers first differ, by meaning rather than by letter (a new style early on
    /// shifts every later letter): "row R, column C: expected ..., got ...", with R and C counted
    /// from 1 and C the character's index in its row. Nil when both say the same.
    static func firstDifference(expected: String, got: String) -> String? {
        if expected == got { return nil }
        let want = decode(expected), have = decode(got)
        // A cell a layer leaves out is a blank in the plain style.
        let plain = describe(.plain)
        for row in 0..<max(want.count, have.count) {
            let a = row < want.count ? want[row] : [], b = row < have.count ? have[row] : []
            for column in 0..<max(a.count, b.count) {
                let x = column < a.count ? a[column] : plain, y = column < b.count ? b[column] : plain
                if x != y { return "row \(row + 1), column \(column + 1): expected \(x), got \(y)" }
            }
        }
        return "the legend or layout differs, not any cell's style"
    }
}

/// Compares a canvas with reviewed files in Snapshots/: NAME.txt holds the glyphs and
/// NAME.styles.txt the styles. `SITMON_RECORD=1 swift test` rewrites both (review the diff
/// before committing); a missing file is written and the test fails.
enum Snapshot {
    /// Tests/MonitorTests/Snapshots, from this file in Tests/MonitorTests/Support.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func check(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(SnapshotGrid(canvas), named: name, sourceLocation: sourceLocation)
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["SITMON_RECORD"] == "1" }

    static func check(_ grid: SnapshotGrid, named name: String, in folder: URL = folder, record: Bool = recording,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let text = grid.lines.joined(separator: "\n") + "\n"
        let textURL = folder.appendingPathComponent(name + ".txt")
        let stylesURL = folder.appendingPathComponent(name + ".styles.txt")
        if let expected = compare(text, with: textURL, record: record, name: name, sourceLocation: sourceLocation), expected != text {
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
            Issue.record("""
                snapshot \(name) differs at line \(firstDiff + 1):
                expected: \(firstDiff < want.count ? String(want[firstDiff]) : "<end>")
                got:      \(firstDiff < got.count ? String(got[firstDiff]) : "<end>")
                full output:
                \(text)
                """, sourceLocation: sourceLocation)
        }
        let styles = grid.styleLayer
        if let expected = compare(styles, with: stylesURL, record: record, name: name + ".styles", sourceLocation: sourceLocation),
           let difference = SnapshotStyles.firstDifference(expected: expected, got: styles) {
            Issue.record("snapshot \(name) styles differ at \(difference)\nfull style layer:\n\(styles)", sourceLocation: sourceLocation)
        }
    }

    /// The reviewed file's text to compare with, or nil once the file has been (re)written.
    private static func compare(_ text: String, with url: URL, record: Bool, name: String, sourceLocation: SourceLocation) -> String? {
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            if !record { Issue.record("snapshot \(name) was missing; written for review", sourceLocation: sourceLocation) }
            return nil
        }
        return expected
    }
}
