import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState
@testable import MonitorViews

@Suite struct MapRenderTests {
    let ctx = MapFixtures.ctx

    // MARK: - Snapshots of the bundled scenario

    @Test func mapAt80x24() throws {
        let state = try MapFixtures.scenario(width: 80, height: 24)
        Snapshot.check(MapFixtures.mapGrid(state), named: "map-80x24")
    }

    @Test func mapAt200x60() throws {
        let state = try MapFixtures.scenario(width: 200, height: 60)
        Snapshot.check(MapFixtures.mapGrid(state), named: "map-200x60")
    }

    @Test func asciiMapAt80x24ReadsAsAMap() throws {
        let state = try MapFixtures.scenario(width: 80, height: 24)
        let ascii = RenderContext(theme: .fallback(actorCount: 8), ascii: true)
        let grid = MapFixtures.mapGrid(state, ascii)
        let lines = grid.lines
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) })
        let text = lines.joined()
        for stroke in ["|", "/", "\\", "~"] { #expect(text.contains(stroke), "no \(stroke) in the ASCII map") }
        Snapshot.check(grid, named: "map-80x24-ascii")
    }

    @Test func mapFocusedOnTimbuktuAtTheDeepestZoom() throws {
        var state = try MapFixtures.scenario(width: 200, height: 60)
        state.focus = .map
        state.map.center = Gazetteer.mali.lookup("Timbuktu")?.point
        state.map.zoom = 99
        Snapshot.check(MapFixtures.mapGrid(state), named: "map-200x60-timbuktu-5km")
    }

    // MARK: - Labels

    static let majorTowns = ["Timbuktu", "Gao", "Kidal", "Ménaka", "Mopti", "Tessalit", "Taoudeni", "Ber"]

    @Test(arguments: [(80, 24), (200, 60), (100, 30), (140, 40)])
    func majorTownsKeepTheirLabelsAtTheDefaultZoom(width: Int, height: Int) throws {
        let state = try MapFixtures.scenario(width: width, height: height)
        let text = MapFixtures.mapLines(state).joined(separator: "\n")
        for name in Self.majorTowns {
            #expect(text.contains(name), "\(name) lost its label at \(width)x\(height):\n\(text)")
        }
    }

    /// Every state worth checking: each zoom level at the default centre and centred on the towns
    /// where incidents crowd, in feed and map focus.
    func views(width: Int, height: Int) throws -> [AppState] {
        let base = try MapFixtures.scenario(width: width, height: height)
        let area = MapViewport.area(width: width, height: height)
        var states: [AppState] = []
        for zoom in 0..<ZoomLadder(columns: area.width, rows: area.height).count {
            for center in [nil, "Timbuktu", "Kidal", "Gao", "Mopti"].map({ $0.flatMap { Gazetteer.mali.lookup($0)?.point } }) {
                for focus in [Pane.feed, .map] {
                    var state = base
                    state.map.zoom = zoom
                    state.map.center = center
                    state.focus = focus
                    states.append(state)
                }
            }
        }
        return states
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func labelsNeverCoverIncidentMarks(width: Int, height: Int) throws {
        for state in try views(width: width, height: height) {
            let p = MapViewport.projection(state)
            let incidents = IncidentCells(state, p)
            let cells = MapFixtures.mapCells(state, ctx)
            let panel = state.focus == .map ? panelRows(state, cells) : 0
            let marks: Set<Character> = Set(state.registry.actors.map(\.glyph)).union(["✱"])
            for index in incidents.filled {
                let x = index % p.columns, y = index / p.columns
                guard y >= panel else { continue }  // under the cursor's list, which is drawn on top
                #expect(marks.contains(cells[x, y].glyph), "mark at (\(x), \(y)) covered by \(cells[x, y].glyph), zoom \(state.map.zoom)")
            }
        }
    }

    /// Rows the cursor's list box takes at the top of the map (0 when it is not shown).
    func panelRows(_ state: AppState, _ cells: MapFixtures.MapCells) -> Int {
        guard cells[0, 0].glyph == "┌" else { return 0 }
        var rows = 1
        while rows < cells.inner.height, cells[0, rows].glyph != "└" { rows += 1 }
        return rows + 1
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func labelsNeverCollideAndAreNeverCut(width: Int, height: Int) throws {
        for state in try views(width: width, height: height) where state.focus == .feed {
            let p = MapViewport.projection(state)
            var occupancy = MapOccupancy(columns: p.columns, rows: p.rows)
            let incidents = IncidentCells(state, p)
            for index in incidents.filled { occupancy.insert(.mark, x: index % p.columns, y: index / p.columns) }
            let placed = TownLabels.place(p, ctx, &occupancy).filter { !$0.dropped }
            let cells = MapFixtures.mapCells(state, ctx)
            var spans: [(y: Int, from: Int, to: Int, name: String)] = []
            for town in placed {
                guard let at = town.label else { continue }
                let width = at.width
                // Drawn whole, exactly where placed.
                let drawn = String((0..<width).map { cells[at.x + $0, at.y].glyph })
                #expect(drawn == at.text, "label \(at.text) reads \(drawn)")
                // Never over a town marker of another town.
                for other in placed where other.town != town.town {
                    #expect(!(other.y == at.y && other.x >= at.x && other.x < at.x + width), "\(town.name) covers \(other.name)")
                }
                spans.append((at.y, at.x, at.x + width, town.name))
            }
            for (i, a) in spans.enumerated() {
                for b in spans[(i + 1)...] where a.y == b.y {
                    // At least one blank cell between two labels on a row.
                    #expect(a.to < b.from || b.to < a.from, "\(a.name) and \(b.name) run together at zoom \(state.map.zoom)")
                }
            }
        }
    }

    @Test func aLesserTownGivesWayToAMajorTownsLabel() {
        // Two towns one cell apart, the lesser to the right, the major town hemmed in on the left.
        let towns = Gazetteer(towns: [
            Town("Major", 16.0, 0.0, rank: 1),
            Town("Minor", 16.0, 0.21, rank: 3),
        ])
        let ctx = RenderContext(theme: .fallback(actorCount: 8), gazetteer: towns)
        let p = Projection(center: GeoPoint(lat: 16.0, lon: 0.0), degreesPerRow: 0.3, columns: 12, rows: 3)
        var occupancy = MapOccupancy(columns: 12, rows: 3)
        let major = p.cell(GeoPoint(lat: 16.0, lon: 0.0))!
        for x in 0..<major.x { occupancy.insert(.mark, x: x, y: major.y) }  // left side full of marks
        occupancy.insert(.mark, x: major.x, y: major.y - 1)
        occupancy.insert(.mark, x: major.x, y: major.y + 1)
        let placed = TownLabels.place(p, ctx, &occupancy)
        let majorTown = placed.first { $0.town.name == "Major" }
        #expect(majorTown?.label?.x == major.x + 1)
        #expect(placed.first { $0.town.name == "Minor" }?.dropped == true)
    }

    // MARK: - Marks

    static func cell(of town: String, _ p: Projection) throws -> (x: Int, y: Int) {
        let point = try #require(Gazetteer.mali.lookup(town)).point
        return try #require(p.cell(point))
    }

    /// An incident at a town, `hoursAgo` before a fixed newest time.
    func incident(_ town: String, _ actors: [ActorID], hoursAgo: Int, id: String) -> Incident {
        var i = Fixtures.incident(id, actors: actors, day: 30, town: town, id: id)
        i.time -= Int64(hoursAgo) * 3600
        return i
    }

    @Test func marksShowActorContestedDensityAndRecency() throws {
        var incidents = [incident("Gao", [0], hoursAgo: 24 * 30, id: "gao")]  // one old FAMA
        incidents += (0..<12).map { incident("Kidal", [3], hoursAgo: 24 * 40 + $0, id: "k\($0)") }  // twelve old JNIM
        incidents += [incident("Ber", [0], hoursAgo: 24 * 50, id: "b1"), incident("Ber", [2], hoursAgo: 24 * 50, id: "b2")]
        incidents += (0..<4).map { incident("Ménaka", [4], hoursAgo: 24 * 60 + $0, id: "m\($0)") }  // four old IS Sahel
        incidents += [incident("Tessalit", [5], hoursAgo: 2, id: "t")]  // recent MINUSMA
        incidents += [incident("Taoudeni", [7], hoursAgo: 0, id: "newest")]  // the newest, selected
        let state = Fixtures.state(incidents, width: 200, height: 60)
        let p = MapViewport.projection(state)
        let cells = MapFixtures.mapCells(state, ctx)
        func at(_ town: String) throws -> Cell {
            let c = try Self.cell(of: town, p)
            return cells[c.x, c.y]
        }
        let gao = try at("Gao"), kidal = try at("Kidal"), ber = try at("Ber"), menaka = try at("Ménaka"), tessalit = try at("Tessalit")
        // One actor: its glyph; one or two incidents: plain weight; old: no underline.
        #expect(gao.glyph == "■" && gao.style.attributes.isDisjoint(with: [.bold, .underline, .reverse]))
        // Three or more: bold; ten or more: a solid block.
        #expect(menaka.glyph == "✚" && menaka.style.attributes.contains(.bold) && !menaka.style.attributes.contains(.reverse))
        #expect(kidal.glyph == "✖" && kidal.style.attributes.isSuperset(of: [.bold, .reverse]))
        // Several actors: the contested mark.
        #expect(ber.glyph == "✱")
        // Within 24 hours of the newest incident: bold and underlined.
        #expect(tessalit.glyph == "●" && tessalit.style.attributes.isSuperset(of: [.bold, .underline]))
        #expect(!kidal.style.attributes.contains(.underline) && !menaka.style.attributes.contains(.underline))
    }

    @Test(arguments: [Pane.feed, .legend, .map])
    func theSelectedIncidentIsHighlightedInEveryFocus(focus: Pane) throws {
        var state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        state.focus = focus
        state.selected = 1  // event 9, at Bamba
        let p = MapViewport.projection(state)
        let bamba = try Self.cell(of: "Bamba", p)
        let cells = MapFixtures.mapCells(state, ctx)
        #expect(cells[bamba.x, bamba.y].style == ctx.theme.style(.mapSelected))
    }

    // MARK: - Cursor

    @Test func cursorCellIsHighlightedAndItsIncidentsListed() throws {
        var state = try MapFixtures.scenario(width: 200, height: 60)
        _ = Reducer().reduce(&state, .key(.tab))
        _ = Reducer().reduce(&state, .key(.tab))
        #expect(state.focus == .map)
        state.map.center = Gazetteer.mali.lookup("Kidal")?.point
        let p = MapViewport.projection(state)
        let cells = MapFixtures.mapCells(state, ctx)
        let cursor = p.centerCell
        #expect(cells[cursor.x, cursor.y].style == ctx.theme.style(.selection))
        let text = MapFixtures.mapLines(state).joined(separator: "\n")
        let count = MapCursor.count(state, p)
        #expect(count >= 3)
        #expect(text.contains("\(count) incidents here"))
        #expect(text.contains("Army and Wagner seize the town of Kidal"))
        let status = Screen.render(state, ctx).trimmedLines[59]
        #expect(status.hasPrefix(" 18.44N 1.41E · at Kidal · \(count) incidents │"), "\(status)")
    }

    @Test func statusSaysWhereTheCursorIsRelativeToTheNearestTown() {
        #expect(GeoText.coordinates(GeoPoint(lat: 16.7735, lon: -3.0074)) == "16.77N 3.01W")
        #expect(GeoText.relative(GeoPoint(lat: 16.80, lon: -3.0), .mali) == "near Timbuktu (3 km)")
        #expect(GeoText.relative(GeoPoint(lat: 19.0, lon: 1.9), .mali) == "81 km NE of Kidal")
        #expect(GeoText.compass(from: GeoPoint(lat: 0, lon: 0), to: GeoPoint(lat: -1, lon: 0)) == "S")
        #expect(GeoText.compass(from: GeoPoint(lat: 0, lon: 0), to: GeoPoint(lat: 0, lon: -1)) == "W")
    }

    @Test func restrictionIsShownInTheTitleAndStatusLine() {
        var state = Fixtures.state(Fixtures.tenDays, width: 200, height: 60)
        state.focus = .map
        _ = Reducer().reduce(&state, .key(.char("c")))
        _ = Reducer().reduce(&state, .key(.enter))
        let lines = Screen.render(state, ctx).trimmedLines
        #expect(lines[0].contains("Map · northern Mali · feed: 1 cell"))
        #expect(lines[59].contains("feed: map cell 16.8N 2.5W (Esc: all)"), "\(lines[59])")
    }

    @Test func aMillionIncidentsDrawInReasonableTime() {
        // The map walks the visible incidents once per frame, with no allocation per incident.
        var state = AppState(sources: [SourceInfo(name: "bulk")])
        _ = Reducer().reduce(&state, .resize(width: 200, height: 60))
        var batch = IngestBatch(source: 0, status: .following)
        let towns = Gazetteer.mali.towns
        batch.incidents = (0..<200_000).map { i in
            let town = towns[i % towns.count]
            return Incident(id: nil, time: Int64(1_690_000_000 + i * 60), place: town.name,
                            location: GeoPoint(lat: town.point.lat + Double(i % 7) * 0.01, lon: town.point.lon),
                            actors: [ActorID(i % 8)], type: .battle, summary: "", source: "", origin: Origin(file: "b", line: i))
        }
        _ = Reducer().reduce(&state, .ingest(batch))
        state.focus = .map
        let start = Date()
        _ = Screen.render(state, ctx)
        #expect(Date().timeIntervalSince(start) < 2, "one frame took \(Date().timeIntervalSince(start)) s")
    }
}

@Suite struct MapRobustnessTests {
    @Test func everySizeZoomAndFocusDrawsWithoutTrouble() {
        let ctx = RenderContext(theme: .fallback(actorCount: 8))
        let ascii = RenderContext(theme: .fallback(actorCount: 8), ascii: true)
        for (w, h) in [(1, 1), (10, 3), (40, 12), (41, 13), (60, 20), (80, 24), (81, 25), (139, 40), (140, 40), (300, 100)] {
            var state = Fixtures.state(Fixtures.tenDays, width: w, height: h)
            state.focus = .map
            for key in [Key.char("c"), .enter, .char("+"), .char("+"), .char("+"), .char("+"), .char("+"), .char("H"),
                        .char("-"), .char("-"), .char("-"), .char("-"), .char("-"), .char("-"), .escape] {
                _ = Reducer().reduce(&state, .key(key))
                for context in [ctx, ascii] {
                    let canvas = Screen.render(state, context)
                    #expect(canvas.width == w && canvas.height == h)
                }
            }
        }
    }
}
