import MonitorCore

/// Terminal colours as SVG colours: a theme names xterm's 256 colours by number, a picture needs
/// RGB. The standard xterm values, so a briefing shows the colours the screen does.
package enum SVGColor {
    /// `#rrggbb` for a theme colour; `fallback` for the terminal's own default.
    package static func hex(_ color: ThemeColor, fallback: String) -> String {
        guard case .indexed(let n) = color else { return fallback }
        let (r, g, b) = rgb(n)
        return "#" + [r, g, b].map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    package static func rgb(_ n: UInt8) -> (UInt8, UInt8, UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if n < 16 { return basic[Int(n)] }
        if n >= 232 {
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        }
        let i = Int(n) - 16
        let steps: [UInt8] = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }

    /// Text made safe inside SVG or XML: the five characters XML reserves, escaped.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
