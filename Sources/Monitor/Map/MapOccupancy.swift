/// What already lies in each map cell, so later layers know where they may write: labels must
/// not cover incident marks, towns or other labels; names go only where nothing else is.
struct MapOccupancy {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let line = Flags(rawValue: 1)
        static let mark = Flags(rawValue: 2)
        static let town = Flags(rawValue: 4)
        static let label = Flags(rawValue: 8)
        static let name = Flags(rawValue: 16)
        /// The map cursor's cell, kept clear of text so the officer always sees what is under it.
        static let cursor = Flags(rawValue: 32)
        /// A rank-1 town: the only kind a major town's label may not push aside.
        static let majorTown = Flags(rawValue: 64)
    }

    let columns: Int
    let rows: Int
    private var cells: [Flags]

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: [], count: self.columns * self.rows)
    }

    func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < columns && y < rows }

    subscript(x: Int, y: Int) -> Flags {
        get { contains(x: x, y: y) ? cells[y * columns + x] : [] }
        set { if contains(x: x, y: y) { cells[y * columns + x] = newValue } }
    }

    mutating func insert(_ flags: Flags, x: Int, y: Int) { self[x, y] = self[x, y].union(flags) }

    /// Whether every cell of a row span is inside the map and holds none of `flags`.
    func isFree(row y: Int, from x: Int, width: Int, of flags: Flags) -> Bool {
        guard y >= 0, y < rows, x >= 0, x + width <= columns else { return false }
        for column in x..<(x + width) where !self[column, y].isDisjoint(with: flags) { return false }
        return true
    }
}
