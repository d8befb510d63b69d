/// A rectangle of terminal cells.
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    /// The rectangle less a border of `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}

/// One screen cell. A character `w` columns wide occupies its cell and `w - 1` continuation cells
/// (width 0) after it.
public struct Cell: Sendable, Hashable {
    public var glyph: Character
    public var width: UInt8
    public var style: Style
    public init(glyph: Character = " ", width: UInt8 = 1, style: Style = .plain) {
        self.glyph = glyph
        self.width = width
        self.style = style
    }
}

/// The whole screen as plain values: views draw into it, tests read it, the terminal backend copies it out.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// The cells, row by row. Stored as `storage` so the drawing calls below can be `@inlinable`:
    /// views in another module call them once per cell (ARCHITECTURE.md §4).
    @inlinable public var cells: [Cell] { storage }
    @usableFromInline var storage: [Cell]
    public let measure: DisplayWidth
    /// Draw only ASCII (the ellipsis becomes `~`).
    public let ascii: Bool

    public init(width: Int, height: Int, measure: DisplayWidth = .builtin, ascii: Bool = false, fill: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.measure = measure
        self.ascii = ascii
        storage = Array(repeating: Cell(style: fill), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    @inlinable public subscript(x: Int, y: Int) -> Cell {
        get { storage[y * width + x] }
        set { storage[y * width + x] = newValue }
    }

    /// Sets one single-width cell; a character that is not one column wide becomes `?`, controls are refused.
    @inlinable public mutating func set(x: Int, y: Int, _ glyph: Character, _ style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let w = measure.columns(glyph)
        clearWide(x: x, y: y)
        self[x, y] = Cell(glyph: w == 1 ? glyph : "?", width: 1, style: style)
    }

    @inlinable public mutating func setStyle(x: Int, y: Int, _ style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        self[x, y].style = style
    }

    /// Writes text from (x, y), at most `maxWidth` columns; longer text ends in an ellipsis.
    /// Returns the number of columns written.
    @discardableResult
    @inlinable public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - max(x, 0))
        guard limit > 0 else { return 0 }
        let text = ascii ? AsciiFallback.spell(text) : text
        let total = measure.columns(text)
        let ellipsis: Character = ascii ? "~" : "…"
        let room = total > limit ? limit - 1 : limit
        var col = x
        for ch in text {
            var w = measure.columns(ch)
            var glyph = ch
            // A control, a non-ASCII character on an ASCII canvas, or a grapheme wider than any
            // real one (a long chain of joined emoji) is drawn as `?`, so canvas and terminal agree.
            if w < 0 || w > Self.widestGrapheme || (ascii && !ch.isASCII) {
                glyph = "?"
                w = 1
            }
            if w == 0 { continue }  // stray combining marks and format characters take no cell of their own
            if col + w > x + room { break }
            if col >= 0 {
                for i in 0..<w { clearWide(x: col + i, y: y) }
                self[col, y] = Cell(glyph: glyph, width: UInt8(w), style: style)
                for i in 1..<w { self[col + i, y] = Cell(glyph: " ", width: 0, style: style) }
            }
            col += w
        }
        if total > limit {
            // Pad any hole a wide character left before the ellipsis.
            while col < x + limit - 1 {
                self[col, y] = Cell(glyph: " ", width: 1, style: style)
                col += 1
            }
            set(x: col, y: y, ellipsis, style)
            col += 1
        }
        return col - x
    }

    /// Fills a rectangle with blanks in a style.
    @inlinable public mutating func fill(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y] = Cell(glyph: " ", width: 1, style: style)
            }
        }
    }

    /// The widest grapheme drawn as itself (a family of four joined emoji is 8 columns).
    public static let widestGrapheme = 8

    /// Overwriting part of a wide character blanks the rest of it, so nothing is left dangling.
    @usableFromInline mutating func clearWide(x: Int, y: Int) {
        // The character covering x: the one starting there, or the one x continues.
        var lead = x
        while lead > 0, self[lead, y].width == 0 { lead -= 1 }
        let w = Int(self[lead, y].width)
        guard w > 1 || lead != x else { return }  // one column: nothing beyond it to clear
        for i in lead..<min(width, max(lead + w, x + 1)) {
            self[i, y] = Cell(glyph: " ", width: 1, style: self[i, y].style)
        }
    }

    /// The screen as text, one string per row (continuation cells skipped), trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { row in
            var s = ""
            for x in 0..<width where self[x, row].width != 0 { s.append(self[x, row].glyph) }
            return s
        }
    }

    /// The same with trailing spaces removed: what snapshot tests compare.
    public var trimmedLines: [String] {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l.removeLast() }
            return String(l)
        }
    }
}
