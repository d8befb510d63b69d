import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorViews

@Suite struct LayoutTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))

    @Test(arguments: [(80, 24, Layout.Mode.full), (200, 60, .full), (79, 24, .compact), (80, 23, .compact),
                      (40, 12, .compact), (39, 12, .tooSmall), (40, 11, .tooSmall), (1, 1, .tooSmall)])
    func modeBySize(width: Int, height: Int, mode: Layout.Mode) {
        #expect(Layout(width: width, height: height).mode == mode)
    }

    @Test func panesTileTheScreenWithoutOverlap() {
        for (w, h) in [(40, 12), (60, 20), (80, 24), (120, 40), (140, 40), (200, 60)] {
            let l = Layout(width: w, height: h)
            var covered = Array(repeating: 0, count: w * h)
            for r in [l.map, l.legend, l.hotspots, l.legendStrip, l.feed, l.timeline, l.status] {
                for y in r.y..<r.maxY { for x in r.x..<r.maxX { covered[y * w + x] += 1 } }
            }
            #expect(covered.allSatisfy { $0 == 1 }, "\(w)x\(h) panes overlap or leave holes")
        }
    }

    @Test func compactLayoutFoldsTheLegendIntoAStrip() {
        let state = Fixtures.state(Fixtures.tenDays, width: 40, height: 12)
        let lines = Screen.render(state, ctx).trimmedLines
        #expect(lines[10] == "1■4 2◆2 3▲2 4✖4 5✚0 6●0 7○2 8◇0")
        #expect(lines[0].hasPrefix("┌ Map"))
        #expect(lines.contains { $0.hasPrefix("┏ Feed · 10 incidents") })
        #expect(lines[11].hasSuffix("? help"))
    }

    @Test func tooSmallSaysWhatIsNeeded() {
        let state = Fixtures.state(Fixtures.tenDays, width: 39, height: 11)
        let lines = Screen.render(state, ctx).trimmedLines
        let text = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text == "terminal too small: need at least 40x12")
    }
}
