#if canImport(Glibc)
import Glibc
#endif

/// Just enough of an xterm to know what a full-screen program shows: the cursor motions, erases,
/// insertions and scrolls ncurses sends for TERM=xterm-256color, applied to a grid of characters.
/// Colours and attributes are dropped; only the text matters to the `screen` benchmark, which
/// cannot read the count off the raw stream because ncurses sends only the cells that changed.
struct TerminalScreen {
    let width: Int
    let height: Int
    private(set) var cells: [Unicode.Scalar]
    private var row = 0
    private var col = 0
    private var wrapPending = false
    private var saved = (0, 0)
    private var top = 0
    private var bottom: Int
    private var last: Unicode.Scalar = " "
    private var parser = EscapeParser()
    private var utf8 = UTF8Assembler()

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: " ", count: width * height)
        bottom = height - 1
    }

    mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes {
            switch parser.take(byte) {
            case .none: break
            case .control(let c): control(c)
            case .printable(let b): if let scalar = utf8.take(b) { put(scalar) }
            case .escape(let final): escape(final)
            case .csi(let params, let isPrivate, let final): csi(params, isPrivate, final)
            }
        }
    }

    /// Row `r` as text (wide characters' second cells are skipped).
    func line(_ r: Int) -> String {
        var text = String.UnicodeScalarView()
        for c in cells[(r * width)..<((r + 1) * width)] where c != "\u{0}" { text.append(c) }
        return String(text)
    }

    var text: String { (0..<height).map(line).joined(separator: "\n") }

    // MARK: applying

    private mutating func put(_ scalar: Unicode.Scalar) {
        let w = max(0, Int(glibcWcwidth(Int32(bitPattern: scalar.value))))
        guard w > 0 else { return }  // combining marks leave the cell as it is
        if wrapPending || col + w > width {
            col = 0
            lineFeed()
            wrapPending = false
        }
        cells[row * width + col] = scalar
        if w == 2, col + 1 < width { cells[row * width + col + 1] = "\u{0}" }
        last = scalar
        col += w
        if col >= width {
            col = width - 1
            wrapPending = true
        }
    }

    private mutating func control(_ c: UInt8) {
        switch c {
        case 0x0D: col = 0; wrapPending = false
        case 0x0A, 0x0B, 0x0C: lineFeed()
        case 0x08: col = max(0, col - 1); wrapPending = false
        case 0x09: col = min(width - 1, (col / 8 + 1) * 8)
        default: break
        }
    }

    private mutating func escape(_ final: UInt8) {
        switch final {
        case UInt8(ascii: "7"): saved = (row, col)
        case UInt8(ascii: "8"): (row, col) = saved; wrapPending = false
        case UInt8(ascii: "D"): lineFeed()
        case UInt8(ascii: "E"): col = 0; lineFeed()
        case UInt8(ascii: "M"): if row == top { scroll(down: 1) } else { row = max(0, row - 1) }
        case UInt8(ascii: "c"): self = TerminalScreen(width: width, height: height)
        default: break
        }
    }

    private mutating func csi(_ params: [Int], _ isPrivate: Bool, _ final: UInt8) {
        func p(_ i: Int, _ fallback: Int = 1) -> Int { i < params.count && params[i] > 0 ? params[i] : fallback }
        if isPrivate {
            // The alternate screen (1049, 47) starts blank.
            if final == UInt8(ascii: "h"), params.contains(1049) || params.contains(47) { erase(0, width * height) }
            return
        }
        wrapPending = false
        switch final {
        case UInt8(ascii: "H"), UInt8(ascii: "f"): moveTo(p(0) - 1, p(1) - 1)
        case UInt8(ascii: "A"): moveTo(row - p(0), col)
        case UInt8(ascii: "B"): moveTo(row + p(0), col)
        case UInt8(ascii: "C"): moveTo(row, col + p(0))
        case UInt8(ascii: "D"): moveTo(row, col - p(0))
        case UInt8(ascii: "E"): moveTo(row + p(0), 0)
        case UInt8(ascii: "F"): moveTo(row - p(0), 0)
        case UInt8(ascii: "G"), UInt8(ascii: "`"): moveTo(row, p(0) - 1)
        case UInt8(ascii: "d"): moveTo(p(0) - 1, col)
        case UInt8(ascii: "K"):
            let start = row * width
            switch p(0, 0) {
            case 0: erase(start + col, start + width)
            case 1: erase(start, start + col + 1)
            default: erase(start, start + width)
            }
        case UInt8(ascii: "J"):
            let here = row * width + col
            switch p(0, 0) {
            case 0: erase(here, width * height)
            case 1: erase(0, here + 1)
            default: erase(0, width * height)
            }
        case UInt8(ascii: "X"): erase(row * width + col, row * width + min(width, col + p(0)))
        case UInt8(ascii: "@"): shiftLine(by: p(0))
        case UInt8(ascii: "P"): shiftLine(by: -p(0))
        case UInt8(ascii: "L"): if row >= top && row <= bottom { scroll(down: p(0), from: row) }
        case UInt8(ascii: "M"): if row >= top && row <= bottom { scroll(up: p(0), from: row) }
        case UInt8(ascii: "S"): scroll(up: p(0), from: top)
        case UInt8(ascii: "T"): scroll(down: p(0), from: top)
        case UInt8(ascii: "b"): for _ in 0..<p(0) { put(last) }
        case UInt8(ascii: "r"):
            top = min(height - 1, p(0) - 1)
            bottom = max(top, min(height - 1, p(1, height) - 1))
            moveTo(0, 0)
        case UInt8(ascii: "s"): saved = (row, col)
        case UInt8(ascii: "u"): (row, col) = saved
        default: break  // SGR and modes change no text
        }
    }

    private mutating func moveTo(_ r: Int, _ c: Int) {
        row = min(max(0, r), height - 1)
        col = min(max(0, c), width - 1)
        wrapPending = false
    }

    private mutating func erase(_ from: Int, _ to: Int) {
        guard from < to else { return }
        for i in from..<to { cells[i] = " " }
    }

    private mutating func lineFeed() {
        if row == bottom { scroll(up: 1, from: top) } else { row = min(height - 1, row + 1) }
    }

    /// Moves the rest of the cursor's line right (inserting blanks) or left (deleting cells).
    private mutating func shiftLine(by n: Int) {
        let start = row * width
        var line = Array(cells[start..<(start + width)])
        if n > 0 {
            let k = min(n, width - col)
            line.replaceSubrange(col..<col, with: repeatElement(" ", count: k))
            line.removeLast(k)
        } else {
            let k = min(-n, width - col)
            line.removeSubrange(col..<(col + k))
            line.append(contentsOf: repeatElement(" ", count: k))
        }
        cells.replaceSubrange(start..<(start + width), with: line)
    }

    private mutating func scroll(up n: Int, from first: Int) {
        let k = min(n, bottom - first + 1)
        guard k > 0 else { return }
        for r in first...bottom {
            let source = r + k
            for c in 0..<width { cells[r * width + c] = source <= bottom ? cells[source * width + c] : " " }
        }
    }

    private mutating func scroll(down n: Int, from first: Int? = nil) {
        let first = first ?? top
        let k = min(n, bottom - first + 1)
        guard k > 0 else { return }
        for r in stride(from: bottom, through: first, by: -1) {
            let source = r - k
            for c in 0..<width { cells[r * width + c] = source >= first ? cells[source * width + c] : " " }
        }
    }
}

/// Splits a terminal's output into printable bytes, control characters and escape sequences.
struct EscapeParser {
    enum Token {
        case none
        case control(UInt8)
        case printable(UInt8)
        case escape(UInt8)
        case csi([Int], Bool, UInt8)
    }

    private enum Mode { case ground, escape, charset, csi, osc, oscEscape }
    private var mode = Mode.ground
    private var params: [Int] = []
    private var current: Int?
    private var isPrivate = false

    mutating func take(_ b: UInt8) -> Token {
        switch mode {
        case .ground:
            if b == 0x1B { mode = .escape; return .none }
            return b < 0x20 || b == 0x7F ? .control(b) : .printable(b)
        case .escape:
            switch b {
            case UInt8(ascii: "["): mode = .csi; params = []; current = nil; isPrivate = false; return .none
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"): mode = .osc; return .none
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "#"): mode = .charset; return .none
            default: mode = .ground; return .escape(b)
            }
        case .charset:
            mode = .ground
            return .none
        case .csi:
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): current = (current ?? 0) * 10 + Int(b - UInt8(ascii: "0")); return .none
            case UInt8(ascii: ";"), UInt8(ascii: ":"): params.append(current ?? 0); current = nil; return .none
            case 0x3C...0x3F: isPrivate = true; return .none  // < = > ?
            case 0x20...0x2F: return .none  // intermediates
            case 0x40...0x7E:
                if let current { params.append(current) }
                mode = .ground
                return .csi(params, isPrivate, b)
            default: mode = .ground; return .control(b)
            }
        case .osc:
            if b == 0x07 { mode = .ground } else if b == 0x1B { mode = .oscEscape }
            return .none
        case .oscEscape:
            mode = b == UInt8(ascii: "\\") ? .ground : .osc
            return .none
        }
    }
}

/// Gathers UTF-8 bytes into scalars; a malformed sequence becomes U+FFFD.
struct UTF8Assembler {
    private var value: UInt32 = 0
    private var needed = 0

    mutating func take(_ b: UInt8) -> Unicode.Scalar? {
        if needed > 0, b & 0xC0 == 0x80 {
            value = value << 6 | UInt32(b & 0x3F)
            needed -= 1
            return needed == 0 ? Unicode.Scalar(value) ?? "\u{FFFD}" : nil
        }
        needed = 0
        switch b {
        case 0..<0x80: return Unicode.Scalar(b)
        case 0xC0..<0xE0: value = UInt32(b & 0x1F); needed = 1
        case 0xE0..<0xF0: value = UInt32(b & 0x0F); needed = 2
        case 0xF0..<0xF8: value = UInt32(b & 0x07); needed = 3
        default: return "\u{FFFD}"
        }
        return nil
    }
}

/// The C library's wcwidth, which the Glibc module does not export: columns as the terminal counts them.
@_silgen_name("wcwidth")
func glibcWcwidth(_ c: Int32) -> Int32
