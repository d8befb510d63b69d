/// The xterm 256-colour palette, and the nearest match in smaller palettes.
public enum Palette {
    /// RGB of an xterm-256 index.
    public static func rgb(_ index: UInt8) -> (r: Int, g: Int, b: Int) {
        let i = Int(index)
        if i < 16 {
            let base: [(Int, Int, Int)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return base[i]
        }
        if i < 232 {
            let steps = [0, 95, 135, 175, 215, 255]
            let c = i - 16
            return (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
        }
        let level = 8 + (i - 232) * 10
        return (level, level, level)
    }

    /// Nearest xterm-256 colour to an RGB value (searching the cube and the grey ramp).
    public static func nearest256(r: Int, g: Int, b: Int) -> UInt8 {
        nearest(r: r, g: g, b: b, among: 16...255)
    }

    /// Nearest colour among the first `count` (8 or 16) to an xterm-256 index.
    public static func reduce(_ index: UInt8, toColors count: Int) -> UInt8 {
        if count >= 256 || Int(index) < min(count, 16) { return index }
        let c = rgb(index)
        return nearest(r: c.r, g: c.g, b: c.b, among: 0...(count >= 16 ? 15 : 7))
    }

    package static func nearest(r: Int, g: Int, b: Int, among range: ClosedRange<Int>) -> UInt8 {
        var best = range.lowerBound
        var bestDistance = Int.max
        for i in range {
            let c = rgb(UInt8(i))
            // Weighted distance: the eye is most sensitive to green, least to blue.
            let d = 3 * (c.r - r) * (c.r - r) + 4 * (c.g - g) * (c.g - g) + 2 * (c.b - b) * (c.b - b)
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return UInt8(best)
    }
}
