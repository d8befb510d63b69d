import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The README's key table and the theme reference must say what the code does.
@Suite struct DocsTests {
    /// The package root, three folders above this file's (Tests/MonitorTests/Docs).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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

    @Test func readmeDescribesTheWideScreenAsItIsDrawn() throws {
        let readme = try read("README.md")
        // What the README says of 140 columns and up...
        for claim in ["**Feed** (bottom, full width)", "**Hotspots** (wide terminals, under the legend)",
                      "the hotspots pane fills the space under the legend; the feed stays full width below them"] {
            #expect(readme.contains(claim), "README lacks: \(claim)")
        }
        for stale in ["right on wide terminals", "left half", "gets a tall column"] {
            #expect(!readme.contains(stale), "README still says: \(stale)")
        }
        // ...is what is drawn there.
        let state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        let lines = Screen.render(state, RenderContext(theme: .fallback(actorCount: 8))).lines
        let column = { (line: String, title: String) -> Int? in
            line.range(of: title).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        let feedRow = try #require(lines.firstIndex { $0.hasPrefix("┏ Feed") }, "a feed frame from the left edge")
        #expect(lines[feedRow].hasSuffix("┓"), "the feed frame reaches the right edge")
        #expect(lines[..<feedRow].allSatisfy { !$0.contains("Feed ·") }, "nothing of the feed beside the map")
        let legendRow = try #require(lines.firstIndex { $0.contains("┌ Actors") })
        let hotspotsRow = try #require(lines.firstIndex { $0.contains("┌ Hotspots") })
        #expect(hotspotsRow > legendRow && hotspotsRow < feedRow)
        #expect(column(lines[legendRow], "┌ Actors") == column(lines[hotspotsRow], "┌ Hotspots"))
        #expect(try #require(column(lines[legendRow], "┌ Actors")) > 200 / 2, "the map takes more than half")
    }

    /// Code cites the repository's ARCHITECTURE.md, by sections that exist, and never a file
    /// outside the repository.
    @Test func codeCitesArchitectureSectionsThatExist() throws {
        let architecture = try read("ARCHITECTURE.md")
        var cited = 0
        for folder in ["Sources", "Tests"] {
            let base = Self.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".swift") || file.hasSuffix(".h") || file.hasSuffix(".c") {
                let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains("DESIGN" + ".md"), "\(folder)/\(file) cites a file outside the repository")
                var rest = text[...]
                while let hit = rest.range(of: "ARCHITECTURE.md" + " §") {
                    let number = rest[hit.upperBound...].prefix { $0.isNumber }
                    #expect(architecture.contains("\n## \(number). "), "\(folder)/\(file) cites a missing section §\(number)")
                    cited += 1
                    rest = rest[hit.upperBound...]
                }
            }
        }
        #expect(cited >= 4)
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
