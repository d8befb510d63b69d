import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorState
@testable import MonitorViews

/// map.svg rendered by a real SVG renderer (rsvg-convert, Debian's librsvg2-bin, installed by
/// scripts/ensure-deps): an incident's colour must appear where Timbuktu projects.
@Suite struct BriefMapRenderTests {
    static let renderer = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("an incident at Timbuktu is drawn in its actor's colour at Timbuktu's projected position",
          .enabled(if: renderer != nil, "rsvg-convert is missing: run scripts/ensure-deps (librsvg2-bin)"))
    func timbuktuInActorColour() throws {
        let renderer = try #require(Self.renderer)
        let theme = try BriefFixtures.theme()
        let jnim: ActorID = 3
        let state = Fixtures.state([Fixtures.incident("shelling", actors: [jnim], day: 5, town: "Timbuktu", id: "t1")],
                                   width: 200, height: 60)
        let brief = Briefing(state: state, writtenAt: BriefFixtures.writtenAt)
        let svg = BriefMapSVG.render(brief, theme: theme)
        let dir = Fixtures.TempDir()
        try svg.write(toFile: dir.file("map.svg"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["-f", "png", "-o", dir.file("map.png"), dir.file("map.svg")]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "rsvg-convert could not render map.svg")
        let png = try #require(PNGPixels(Array(try Data(contentsOf: URL(fileURLWithPath: dir.file("map.png"))))))
        #expect(png.width == BriefMapSVG.mapWidth + BriefMapSVG.legendWidth)

        let timbuktu = try #require(Gazetteer.mali.lookup("Timbuktu")).point
        let at = BriefMapSVG.pixel(timbuktu, BriefMapSVG.projection(brief))
        let want = try #require(Self.rgb(BriefMapSVG.actorColor(jnim, theme: theme)))
        let got = try #require(png.rgb(Int(at.x), Int(at.y)))
        #expect(Self.close(got, want), "at (\(Int(at.x)), \(Int(at.y))): \(got), want JNIM's \(want)")
        // And not by accident: the same spot of a map without incidents is another colour.
        let empty = BriefMapSVG.render(Briefing(state: Fixtures.state([], width: 200, height: 60), writtenAt: 0), theme: theme)
        #expect(!empty.contains("class=\"incident\""))
    }

    static func rgb(_ hex: String) -> (Int, Int, Int)? {
        guard hex.count == 7, let v = Int(hex.dropFirst(), radix: 16) else { return nil }
        return (v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF)
    }

    static func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Bool {
        abs(a.0 - b.0) <= 3 && abs(a.1 - b.1) <= 3 && abs(a.2 - b.2) <= 3
    }
}
