import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

/// The control layer on screen: `C` on the map, the holding in the cursor panel and the detail
/// view, `O`'s list and Enter on it.
@Suite struct ControlLayerTests {
    let ctx = MapFixtures.ctx

    /// The map cell of a town in a rendered state, in canvas coordinates.
    func cell(_ town: String, _ state: AppState) throws -> (x: Int, y: Int) {
        let map = Layout(width: state.width, height: state.height).map
        let inner = map.inset(1)
        let projection = MapViewport.projection(state.map, columns: inner.width, rows: inner.height)
        let point = try #require(Gazetteer.mali.lookup(town)?.point)
        let c = try #require(projection.cell(point))
        return (inner.x + c.x, inner.y + c.y)
    }

    /// The style of a town's label, found on its row or the rows beside it.
    func labelStyle(_ name: String, near town: (x: Int, y: Int), _ canvas: Canvas) throws -> Style {
        for y in (town.y - 1)...(town.y + 1) {
            let row = (0..<canvas.width).map { String(canvas[$0, y].glyph) }.joined()
            guard let range = row.range(of: name) else { continue }
            let x = row.distance(from: row.startIndex, to: range.lowerBound)
            if abs(x - town.x) <= name.count + 1 { return canvas[x, y].style }
        }
        Issue.record("no label \(name) near its town")
        return .plain
    }

    @Test func cTogglesTheLayerAndNothingElse() throws {
        var state = try MapFixtures.scenario(width: 120, height: 40)
        assertReduce(&state, .key(.char("C"))) {
            $0.map.controlShown = true
            $0.flash = "control layer shown"
        }
        assertReduce(&state, .key(.char("C"))) {
            $0.map.controlShown = false
            $0.flash = "control layer hidden"
        }
    }

    @Test func theLayerDrawsHoldersAndFollowsTheReplayMoment() throws {
        var state = try MapFixtures.scenario(width: 160, height: 50)
        state.map.controlShown = true
        let fama = state.registry.lookup("FAMA")!, minusma = state.registry.lookup("MINUSMA")!, cma = state.registry.lookup("CMA")!
        let ber = try cell("Ber", state), kidal = try cell("Kidal", state), timbuktu = try cell("Timbuktu", state)
        var canvas = Screen.render(state, ctx)
        #expect(canvas[ber.x, ber.y].glyph == ctx.glyph(state.registry[fama]))
        #expect(canvas[ber.x, ber.y].style.fg == ctx.theme.actor(fama).fg)
        #expect(canvas[ber.x, ber.y].style.attributes.contains(.reverse))
        #expect(canvas[kidal.x, kidal.y].glyph == ctx.glyph(state.registry[fama]))
        // Nobody is known to hold Timbuktu: its name is dimmed; Ber's is not.
        #expect(try labelStyle("Timbuktu", near: timbuktu, canvas) == ctx.theme.style(.dim))
        #expect(try labelStyle("Ber", near: ber, canvas) == ctx.theme.style(.mapLabel))
        // A week after the Ber handover and before Kidal fell.
        state.replayAt = ControlHistoryTests.day(11, 1)
        canvas = Screen.render(state, ctx)
        #expect(canvas[kidal.x, kidal.y].glyph == ctx.glyph(state.registry[cma]))
        state.replayAt = ControlHistoryTests.day(8, 1)
        canvas = Screen.render(state, ctx)
        #expect(canvas[ber.x, ber.y].glyph == ctx.glyph(state.registry[minusma]))
        #expect(!canvas[kidal.x, kidal.y].style.attributes.contains(.reverse))
    }

    @Test func controlLayerSnapshotOn20August() throws {
        var state = try MapFixtures.scenario(width: 120, height: 40)
        state.map.controlShown = true
        state.replayAt = ControlHistoryTests.day(8, 20)
        Snapshot.check(MapFixtures.mapGrid(state), named: "map-control-120x40")
    }

    @Test func theDetailViewSaysWhoHoldsThePlaceAndWhoReportedIt() throws {
        var state = try MapFixtures.scenario(width: 140, height: 50)
        let slot = try #require(state.store.slot(forID: "ber-2023-08-17"))
        state.overlay = .detail(seq: Int(slot), scroll: 0)
        let text = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(text.contains("Ber: held by FAMA since 13 Aug 2023 (before: MINUSMA, since 30 Jun 2023)"))
        #expect(text.contains("ber-2023-08-13"))
    }

    @Test func theListIsNewestFirstAndEnterOpensTheIncident() throws {
        var state = try MapFixtures.scenario(width: 140, height: 50)
        assertReduce(&state, .key(.char("O"))) { $0.overlay = .controlChanges(cursor: 0) }
        let lines = Screen.render(state, ctx).lines
        let kidal = try #require(lines.firstIndex { $0.contains("2023-11-14  Kidal: CMA → FAMA") })
        let ber = try #require(lines.firstIndex { $0.contains("2023-08-13  Ber: MINUSMA → FAMA") })
        #expect(kidal < ber)
        #expect(lines.contains { $0.contains("Control changes · 10") })
        let changes = state.store.control.changesNewestFirst()
        let row = try #require(changes.firstIndex { $0.change.id == "kidal-2023-11-14" })
        _ = Reducer().reduce(&state, .key(.char("j")))
        for _ in 1..<row { _ = Reducer().reduce(&state, .key(.char("j"))) }
        _ = Reducer().reduce(&state, .key(.enter))
        #expect(state.overlay == .detail(seq: Int(try #require(state.store.slot(forID: "kidal-2023-11-14"))), scroll: 0))
    }

    @Test func theCursorPanelNamesTheHolderWithTheLayerOn() throws {
        var state = try MapFixtures.scenario(width: 160, height: 50)
        state.map.controlShown = true
        state.focus = .map
        state.map.zoom = ZoomLadder.defaultLevel
        state.map.center = try #require(Gazetteer.mali.lookup("Kidal")?.point)
        let text = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(text.contains("Kidal: held by FAMA since 14 Nov 2023 (before: CMA, since 31 Oct 2023)"))
    }
}
