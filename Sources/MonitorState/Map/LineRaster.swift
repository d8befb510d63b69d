import Foundation

/// Rasterises base-map polylines into sub-cell dots: braille gives 2x4 dots per cell, so borders
/// and rivers read as lines rather than staircases. In ASCII mode each cell keeps a slope character.
public struct LineRaster: Sendable {
    /// Which base layer owns a cell; higher wins when layers cross.
    public enum Kind: UInt8, Sendable, Comparable {
        case none = 0, region, neighbour, border, river
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public let columns: Int
    public let rows: Int
    public private(set) var dots: [UInt8]
    public private(set) var kinds: [Kind]
    public private(set) var slopes: [Character]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        dots = Array(repeating: 0, count: self.columns * self.rows)
        kinds = Array(repeating: .none, count: self.columns * self.rows)
        slopes = Array(repeating: " ", count: self.columns * self.rows)
    }

    /// Braille dot bits for (column 0–1, row 0–3) inside a cell (Unicode's dot numbering).
    package static let bit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Draws a line between two points given in fractional cell coordinates.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), kind: Kind) {
        let ax = a.x * 2, ay = a.y * 4, bx = b.x * 2, by = b.y * 4
        let maxDotsX = Double(columns * 2), maxDotsY = Double(rows * 4)
        // Skip segments wholly off one side of the pane.
        if (ax < 0 && bx < 0) || (ay < 0 && by < 0) || (ax >= maxDotsX && bx >= maxDotsX) || (ay >= maxDotsY && by >= maxDotsY) {
            return
        }
        let dx = bx - ax, dy = by - ay
        let steps = max(1, Int(ceil(max(abs(dx), abs(dy)) * 1.5)))
        let slope = Self.slopeCharacter(dx: dx / 2, dy: dy / 4)
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            plot(x: ax + dx * t, y: ay + dy * t, kind: kind, slope: slope)
        }
    }

    private mutating func plot(x: Double, y: Double, kind: Kind, slope: Character) {
        let px = Int(floor(x)), py = Int(floor(y))
        guard px >= 0, py >= 0, px < columns * 2, py < rows * 4 else { return }
        let index = (py / 4) * columns + px / 2
        dots[index] |= Self.bit[px % 2][py % 4]
        if kind >= kinds[index] {
            kinds[index] = kind
            slopes[index] = kind == .river ? "~" : slope
        }
    }

    /// An ASCII stroke for a segment's direction in cell units (rows count double).
    package static func slopeCharacter(dx: Double, dy: Double) -> Character {
        let angle = atan2(-dy * 2, dx) * 180 / .pi
        let a = angle < 0 ? angle + 180 : angle
        switch a {
        case ..<22.5, 157.5...: return "-"
        case 22.5..<67.5: return "/"
        case 67.5..<112.5: return "|"
        default: return "\\"
        }
    }

    /// The character for a cell, or nil when no line passes through it.
    public func glyph(column: Int, row: Int, ascii: Bool) -> Character? {
        let index = row * columns + column
        guard kinds[index] != .none else { return nil }
        if ascii { return kinds[index] == .region ? ":" : slopes[index] }
        return Character(Unicode.Scalar(0x2800 + UInt32(dots[index])) ?? " ")
    }

    public func kind(column: Int, row: Int) -> Kind { kinds[row * columns + column] }
}
