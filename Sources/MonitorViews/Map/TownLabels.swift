import MonitorCore
import MonitorState

/// Town markers and labels. Towns are placed in rank order; a label goes right of its town, else
/// left, above, below or at a corner, never over an incident mark, a town or another label, and is dropped
/// whole when none of those fit. A major town whose label is blocked only by lesser towns takes
/// the place, and those towns are left out.
package enum TownLabels {
    /// The finest rank shown at a scale: small scales show only the major towns, so the river and
    /// the marks stay readable.
    package static func maxRank(kmPerRow: Double) -> Int {
        kmPerRow > 70 ? 1 : kmPerRow > 35 ? 2 : kmPerRow > 15 ? 3 : 4
    }

    package struct Placed {
        package var town: Town
        package var x: Int
        package var y: Int
        package var name: String
        /// Where the label starts and what it says, or nil when it was dropped.
        package var label: Spot?
        /// Pushed aside by a major town's label: neither marker nor label is drawn.
        package var dropped = false
    }

    /// `dimmed`: towns drawn dim (the control layer's towns with no known holder).
    package static func draw(_ projection: Projection, _ ctx: RenderContext, _ inner: Rect, _ canvas: inout Canvas,
                             _ occupancy: inout MapOccupancy, dimmed: (Town) -> Bool = { _ in false }) {
        for town in place(projection, ctx, &occupancy) where !town.dropped {
            let dim = dimmed(town.town)
            if !occupancy[town.x, town.y].contains(.mark) {
                canvas.set(x: inner.x + town.x, y: inner.y + town.y, ctx.ascii ? "o" : "•", ctx.theme.style(dim ? .dim : .mapTown))
            }
            if let at = town.label {
                canvas.put(at.text, x: inner.x + at.x, y: inner.y + at.y, style: ctx.theme.style(dim ? .dim : .mapLabel))
            }
        }
    }

    /// Decides every marker and label, recording them in `occupancy`.
    package static func place(_ projection: Projection, _ ctx: RenderContext, _ occupancy: inout MapOccupancy) -> [Placed] {
        let rankLimit = maxRank(kmPerRow: projection.kmPerRow)
        let ordered = ctx.gazetteer.towns.enumerated()
            .filter { $0.element.rank <= rankLimit }
            .sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
        var towns: [Placed] = []
        // Every marker first, so no label is put where a town will be. Two towns in one cell:
        // the more important keeps it.
        for (_, town) in ordered {
            guard let cell = projection.cell(town.point), !occupancy[cell.x, cell.y].contains(.town) else { continue }
            let name = ctx.ascii ? AsciiFallback.spell(town.name) : town.name
            towns.append(Placed(town: town, x: cell.x, y: cell.y, name: name))
            occupancy.insert(town.rank == 1 ? [.town, .majorTown] : .town, x: cell.x, y: cell.y)
        }
        for i in towns.indices where !towns[i].dropped {
            let all = candidates(for: towns[i], ctx)
            // Beside, above or below first, lesser towns making way for a major one; the corners
            // only when none of those can be had.
            var chosen: Spot?
            for spots in [Array(all.prefix(4)), Array(all.dropFirst(4))] where chosen == nil {
                chosen = spots.first { fits($0, own: towns[i], occupancy, yielding: false) }
                guard chosen == nil, towns[i].town.rank == 1 else { continue }
                chosen = spots.first { fits($0, own: towns[i], occupancy, yielding: true) }
                if let spot = chosen {
                    // Lesser towns under the label or touching its ends make way.
                    for j in towns.indices where j != i && towns[j].y == spot.y
                        && towns[j].x >= spot.x - 1 && towns[j].x <= spot.x + spot.width && towns[j].town.rank > 1 {
                        towns[j].dropped = true
                        var flags = occupancy[towns[j].x, towns[j].y]
                        flags.remove(.town)
                        occupancy[towns[j].x, towns[j].y] = flags
                    }
                }
            }
            guard let spot = chosen else { continue }
            towns[i].label = spot
            for x in spot.x..<(spot.x + spot.width) { occupancy.insert(.label, x: x, y: spot.y) }
        }
        return towns
    }

    /// A place for a label: first column, row, the text and its width in columns.
    package struct Spot {
        package var x: Int
        package var y: Int
        package var text: String
        package var width: Int
    }

    /// Right, left, then above and below, centred over the town, then the four corners. In ASCII the marks are letters,
    /// so a label beside its town starts with a blank cell (`J Timbuktu`, not `JTimbuktu`).
    package static func candidates(for town: Placed, _ ctx: RenderContext) -> [Spot] {
        let pad = ctx.ascii ? " " : ""
        let width = ctx.measure.columns(town.name), padded = width + pad.count
        let centred = town.x - (width - 1) / 2
        return [
            Spot(x: town.x + 1, y: town.y, text: pad + town.name, width: padded),
            Spot(x: town.x - padded, y: town.y, text: town.name + pad, width: padded),
            Spot(x: centred, y: town.y - 1, text: town.name, width: width),
            Spot(x: centred, y: town.y + 1, text: town.name, width: width),
            // Where incidents crowd round a town, the corners (as map makers place labels) are
            // the last resort before the name is dropped.
            Spot(x: town.x + 1, y: town.y - 1, text: town.name, width: width),
            Spot(x: town.x - width, y: town.y - 1, text: town.name, width: width),
            Spot(x: town.x + 1, y: town.y + 1, text: town.name, width: width),
            Spot(x: town.x - width, y: town.y + 1, text: town.name, width: width),
        ]
    }

    /// Whether a label fits: its cells hold no mark, town, label or the cursor, and the cells at
    /// its ends hold no other label or town (two names would run together). While `yielding`,
    /// lesser towns do not count: only major towns, marks, labels and the cursor block.
    package static func fits(_ spot: Spot, own: Placed, _ occupancy: MapOccupancy, yielding: Bool) -> Bool {
        let towns: MapOccupancy.Flags = yielding ? .majorTown : .town
        guard occupancy.isFree(row: spot.y, from: spot.x, width: spot.width, of: towns.union([.mark, .label, .cursor])) else {
            return false
        }
        for x in [spot.x - 1, spot.x + spot.width] where occupancy.contains(x: x, y: spot.y) {
            if x == own.x && spot.y == own.y { continue }
            if !occupancy[x, spot.y].isDisjoint(with: towns.union(.label)) { return false }
        }
        return true
    }
}
