import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorViews

@Suite struct UserConfigTests {
    @Test func readsEveryKey() throws {
        let config = try UserConfig.parse("theme = \"light\"\nascii = true\nmax_incidents = 5000\n", file: "c.toml")
        #expect(config == UserConfig(theme: "light", ascii: true, maxIncidents: 5000))
    }

    @Test func missingFileIsAnEmptyConfig() throws {
        #expect(try UserConfig.load(path: "/nonexistent/sitmon/config.toml") == UserConfig())
    }

    @Test(arguments: [
        ("thme = \"light\"\n", "unknown key \"thme\"", 1),
        ("theme = 3\n", "theme must be a string", 1),
        ("\nascii = \"yes\"\n", "ascii must be true or false", 2),
        ("max_incidents = 0\n", "max_incidents must be a whole number above 0", 1),
    ])
    func errorsNameFileLineAndProblem(text: String, problem: String, line: Int) {
        do {
            _ = try UserConfig.parse(text, file: "c.toml")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.problem.hasPrefix(problem))
            #expect(error.line == line)
            #expect(error.description.hasPrefix("config c.toml:\(line): "))
        }
    }

    @Test func folderFollowsXDG() {
        #expect(UserConfig.folder(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/sitmon")
        #expect(UserConfig.folder(environment: ["HOME": "/h"]) == "/h/.config/sitmon")
    }
}

@Suite struct ThemeCatalogTests {
    static let bundled = DocsTests.root.appendingPathComponent("themes").path

    @Test func bundledThemesInAFixedOrderThenUserThemes() throws {
        let dir = Fixtures.TempDir()
        try "name = \"night\"\n[ui]\nborder = \"red\"\n".write(toFile: dir.file("night.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(searchPaths: [dir.path, Self.bundled])
        #expect(catalog.names == ["default", "light", "high-contrast", "colorblind", "mono", "night"])
        #expect(catalog.resolve("night").theme.style(.border).fg == .indexed(1))
    }

    @Test func cyclingWrapsAround() {
        let catalog = ThemeCatalog(searchPaths: [Self.bundled])
        var name = "default"
        var seen: [String] = []
        for _ in 0..<5 {
            name = catalog.next(after: name).theme.name
            seen.append(name)
        }
        #expect(seen == ["light", "high-contrast", "colorblind", "mono", "default"])
    }

    @Test func brokenThemeStartsWithDefaultAndSaysWhy() throws {
        let dir = Fixtures.TempDir()
        try "[ui]\nborder = \"reddish\"\n".write(toFile: dir.file("broken.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(searchPaths: [dir.path, Self.bundled])
        let (theme, notice) = catalog.resolve("broken")
        #expect(theme.name == "default")
        #expect(notice == "theme \(dir.file("broken.toml")):2: border: unknown colour or attribute \"reddish\"; using default")
        // Cycling past it skips it and says why.
        let after = catalog.next(after: "mono")
        #expect(after.theme.name == "default")
        #expect(after.notice?.contains("unknown colour or attribute \"reddish\"") == true)
    }
}
