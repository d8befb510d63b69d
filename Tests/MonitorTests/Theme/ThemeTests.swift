import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorViews

@Suite struct ThemeTests {
    let loader = ThemeLoader(searchPaths: [])

    @Test func parsesStylesColoursAndAttributes() throws {
        let theme = try loader.parse("""
            name = "t"
            [ui]
            selection = "white on 24 bold"
            border = "#ff0000"
            [actors]
            JNIM = "bright-green underline"
            "IS Sahel" = "177"
            """, file: "t.toml")
        #expect(theme.style(.selection) == Style(fg: .indexed(7), bg: .indexed(24), attributes: .bold))
        #expect(theme.style(.border).fg == .indexed(196))
        #expect(theme.actor(3) == Style(fg: .indexed(10), attributes: .underline))
        #expect(theme.actor(4).fg == .indexed(177))
    }

    @Test func brokenTOMLNamesFileAndLine() {
        #expect {
            _ = try loader.parse("name = \"x\"\n[ui\nborder = 1\n", file: "bad.toml")
        } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.file == "bad.toml" && e.line == 2 && e.description.hasPrefix("theme bad.toml:2: ")
        }
    }

    @Test(arguments: [
        ("[ui]\nborderr = \"red\"\n", "unknown [ui] element \"borderr\"", 2),
        ("[ui]\nborder = \"reddish\"\n", "border: unknown colour or attribute \"reddish\"", 2),
        ("[actors]\nHamas = \"red\"\n", "unknown actor \"Hamas\"", 2),
        ("colour = \"x\"\n", "unknown key \"colour\"", 1),
        ("[ui]\nborder = 3\n", "[ui] border must be a string", 2),
    ])
    func semanticErrorsNameTheProblem(text: String, problem: String, line: Int) {
        do {
            _ = try loader.parse(text, file: "f.toml")
            Issue.record("accepted a broken theme")
        } catch {
            #expect(error.problem.hasPrefix(problem), "\(error.problem)")
            #expect(error.line == line)
        }
    }

    @Test func missingThemeNameIsAClearError() {
        do {
            _ = try ThemeLoader(searchPaths: ["/nonexistent"]).load("nosuch")
            Issue.record("found a theme that does not exist")
        } catch {
            #expect(error.description.contains("no theme of that name"))
        }
    }

    @Test func paletteReducesToSmallerTerminals() {
        #expect(Palette.reduce(196, toColors: 8) == 1)  // bright red → red
        #expect(Palette.reduce(21, toColors: 16) == 4)  // pure blue → blue
        #expect(Palette.reduce(196, toColors: 16) == 9)  // pure red → bright red
        #expect(Palette.reduce(5, toColors: 8) == 5)
        #expect(Palette.reduce(200, toColors: 256) == 200)
        #expect(Palette.nearest256(r: 0, g: 0, b: 0) == 16)
        #expect(Palette.nearest256(r: 255, g: 255, b: 255) == 231)
    }
}
