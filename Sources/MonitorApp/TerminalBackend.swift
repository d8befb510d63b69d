import CNcurses
import Monitor

/// The only place ncurses is called: starts and ends the terminal, copies canvases out, reads keys.
final class TerminalBackend {
    private var pairs: [Style: Int32] = [:]
    private var nextPair: Int32 = 1
    private var previous: Canvas?
    private let colors: Int
    private let maxPairs: Int

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    init(inputFD: Int32) throws(StartError) {
        guard sitmon_start(inputFD) == 0 else {
            throw StartError(description: "cannot set up the terminal (is TERM set to a known terminal type?)")
        }
        colors = sitmon_has_colors() == 1 ? Int(sitmon_colors()) : 0
        maxPairs = Int(sitmon_color_pairs())
    }

    /// What standard error says after a crash or SIGQUIT gave the terminal back.
    static func setCrashNote(_ note: String) {
        sitmon_set_crash_note(note)
    }

    func end() {
        sitmon_end()
    }

    var size: (width: Int, height: Int) {
        (Int(sitmon_cols()), Int(sitmon_lines()))
    }

    /// The C library's width table, so canvas columns match what the terminal draws.
    static let width = DisplayWidth { scalar in
        let w = Int(sitmon_wcwidth(scalar.value))
        return w < 0 ? DisplayWidth.builtinWidth(scalar) : w
    }

    /// Forget what is on screen: the next draw repaints everything.
    func invalidate() {
        previous = nil
        sitmon_clear_all()
    }

    /// The terminal bell (a new alert): curses' `beep`, which falls back to a visible flash.
    func bell() {
        _ = beep()
    }

    /// Copies the rows that changed since the last frame, then one doupdate.
    func draw(_ canvas: Canvas) {
        let full = previous.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        for y in 0..<canvas.height {
            if !full, let previous, rowEqual(previous, canvas, y) { continue }
            drawRow(canvas, y)
        }
        previous = canvas
        sitmon_flush()
    }

    private func rowEqual(_ a: Canvas, _ b: Canvas, _ y: Int) -> Bool {
        let start = y * a.width
        return a.cells[start..<(start + a.width)] == b.cells[start..<(start + b.width)]
    }

    /// Writes a row as runs of equal style; wide characters' continuation cells are skipped.
    private func drawRow(_ canvas: Canvas, _ y: Int) {
        var x = 0
        while x < canvas.width {
            let style = canvas[x, y].style
            var text = ""
            let start = x
            while x < canvas.width, canvas[x, y].style == style {
                let cell = canvas[x, y]
                if cell.width != 0 { text.append(cell.glyph) }
                x += 1
            }
            // The bottom-right cell cannot be written without scrolling on some terminals; curses
            // reports an error for it but still draws, which is what we want.
            let (attributes, pair) = resolve(style)
            text.withCString { sitmon_draw(Int32(y), Int32(start), $0, attributes, pair) }
        }
    }

    private func resolve(_ style: Style) -> (attr_t, Int32) {
        let a = style.attributes
        var attributes = sitmon_attributes(a.contains(.bold) ? 1 : 0, a.contains(.dim) ? 1 : 0,
                                           a.contains(.reverse) ? 1 : 0, a.contains(.underline) ? 1 : 0)
        guard colors >= 8, style.fg != .terminalDefault || style.bg != .terminalDefault else {
            return (attributes, 0)
        }
        if let pair = pairs[style] { return (attributes, pair) }
        guard Int(nextPair) < maxPairs else {
            attributes |= sitmon_attributes(1, 0, 0, 0)
            return (attributes, 0)
        }
        let pair = nextPair
        nextPair += 1
        _ = sitmon_init_pair(pair, terminalColor(style.fg), terminalColor(style.bg))
        pairs[style] = pair
        return (attributes, pair)
    }

    private func terminalColor(_ color: ThemeColor) -> Int32 {
        switch color {
        case .terminalDefault: -1
        case .indexed(let index): Int32(Palette.reduce(index, toColors: colors))
        }
    }

    /// Next key, or nil when none is waiting.
    func readKey() -> KeyEvent? {
        var code: UInt32 = 0
        let result = sitmon_read_key(&code)
        if result == ERR { return nil }
        return KeyDecoder.decode(code, isKeyCode: result == KEY_CODE_YES)
    }
}
