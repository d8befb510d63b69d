import MonitorCore

/// Parses the colours a theme file may write: a name, a 0–255 index or `#rrggbb`.
public enum ColorName {
    package static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "gray": 8, "grey": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
        "orange": 208, "purple": 93, "brown": 130, "pink": 205, "teal": 30, "olive": 100, "navy": 18,
        "dark-gray": 238, "dark-grey": 238, "light-gray": 250, "light-grey": 250,
    ]

    public static func parse(_ word: String) -> ThemeColor? {
        let w = word.lowercased()
        if w == "default" || w == "none" { return .terminalDefault }
        if let index = names[w] { return .indexed(index) }
        if let n = Int(w), (0...255).contains(n) { return .indexed(UInt8(n)) }
        if w.hasPrefix("#"), w.count == 7, let rgb = Int(w.dropFirst(), radix: 16) {
            return .indexed(Palette.nearest256(r: (rgb >> 16) & 0xFF, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF))
        }
        return nil
    }
}
