import Foundation
import Testing
@testable import Monitor

/// The README's key table and the theme reference must say what the code does.
@Suite struct DocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func read(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The README's key table as the key map would write it.
    static func keyTable() -> String {
        var lines = ["| key | what it does |", "|---|---|"]
        var scope: KeyScope?
        for row in KeyMap.standard.helpRows() {
            if row.scope != scope {
                lines.append("| **\(row.scope.rawValue)** | |")
                scope = row.scope
            }
            lines.append("| \(row.keys) | \(row.help) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func readmeListsEveryKeyOfTheKeyTable() throws {
        var readme = try read("README.md")
        if ProcessInfo.processInfo.environment["SITMON_RECORD"] != nil,
           let start = readme.range(of: "| key | what it does |\n"),
           let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex) {
            // Recording: the README's table is rewritten from the key map (review the diff).
            readme.replaceSubrange(start.lowerBound..<readme.index(after: end.lowerBound), with: Self.keyTable() + "\n")
            try readme.write(to: Self.root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        }
        for row in KeyMap.standard.helpRows() {
            let line = "| \(row.keys) | \(row.help) |"
            #expect(readme.contains(line), "README lacks the key row: \(line)")
        }
    }

    @Test func themeReferenceNamesEveryElement() throws {
        let doc = try read("themes/README.md")
        for element in ThemeElement.allCases {
            #expect(doc.contains("`\(element.rawValue)`"), "themes/README.md lacks \(element.rawValue)")
        }
    }

    @Test func bundledThemesLoadAndSetEveryElement() throws {
        let loader = ThemeLoader(searchPaths: [Self.root.appendingPathComponent("themes").path])
        for name in ["default", "mono", "light", "high-contrast", "colorblind"] {
            let theme = try loader.load(name)
            let text = try read("themes/\(name).toml")
            for element in ThemeElement.allCases {
                #expect(text.contains("\n\(element.rawValue) = "), "\(name) does not set \(element.rawValue)")
            }
            #expect(theme.name == name)
        }
    }

    @Test func monoThemeUsesNoColour() throws {
        let theme = try ThemeLoader(searchPaths: [Self.root.appendingPathComponent("themes").path]).load("mono")
        let styles = Array(theme.elements.values) + theme.actors
        #expect(styles.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    }
}
