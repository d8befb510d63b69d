/// What already lies in each map cell, so later layers know where they may write: labels must
/// not cover incident marks, towns or other labels; names go only where nothing else is.
package struct MapOccupancy {
    package struct Flags: OptionSet {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        package static let line = Flags(rawValue: 1)
        package static let mark = Flags(rawValue: 2)
        package static let town = Flags(rawValue: 4)
        package static let label = Flags(rawValue: 8)
        package static let name = Flags(rawValue: 16)
        /// The map cursor's cell, kept clear of text so the officer always sees what is under it.
        package static let cursor = Flags(rawValue: 32)
        /// A rank-1 town: the only kind a major town's label may not push aside.
        package static let majorTown = Flags(rawValue: 64)
    }

    package let columns: Int
    package let rows: Int
    private var cells: [Flags]

    package init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: [], count: self.columns * self.rows)
    }

    package func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < columns && y < rows }

    package subscript(x: Int, y: Int) -> Flags {
        get { contains(x: x, y: y) ? cells[y * columns + x] : [] }
        set { if contains(x: x, y: y) { cells[y * columns + x] = newValue } }
    }

    package mutating func insert(_ flags: Flags, x: Int, y: Int) { self[x, y] = self[x, y].union(flags) }

    /// Whether every cell of a row span is inside the map and holds none of `flags`.
    package func isFree(row y: Int, from x: Int, width: Int, of flags: Flags) -> Bool {
        guard y >= 0, y < rows, x >= 0, x + width <= columns else { return false }
        for column in x..<(x + width) where !self[column, y].isDisjoint(with: flags) { return false }
        return true
    }
}
