import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorViews

/// The colorblind theme's actor colours must stay apart for people with protanopia and deuteranopia.
/// Colour vision deficiency is simulated with the Viénot–Brettel–Mollon (1999) matrices in linear
/// RGB on the xterm colours the theme actually resolves to; distance is CIE76 ΔE in L*a*b*.
@Suite struct ColorblindThemeTests {
    typealias RGB = (r: Double, g: Double, b: Double)

    static let protanopia: [[Double]] = [[0.11238, 0.88762, 0], [0.11238, 0.88762, 0], [0.00401, -0.00401, 1]]
    static let deuteranopia: [[Double]] = [[0.29275, 0.70725, 0], [0.29275, 0.70725, 0], [-0.02234, 0.02234, 1]]

    static func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    static func gamma(_ c: Double) -> Double {
        let x = min(1, max(0, c))
        return x <= 0.0031308 ? 12.92 * x : 1.055 * pow(x, 1 / 2.4) - 0.055
    }

    static func simulate(_ c: RGB, _ m: [[Double]]?) -> RGB {
        guard let m else { return c }
        let l = [linear(c.r), linear(c.g), linear(c.b)]
        let out = (0..<3).map { i in gamma(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]) }
        return (out[0], out[1], out[2])
    }

    static func lab(_ c: RGB) -> (Double, Double, Double) {
        let r = linear(c.r), g = linear(c.g), b = linear(c.b)
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116.0 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    static func deltaE(_ a: RGB, _ b: RGB) -> Double {
        let p = lab(a), q = lab(b)
        return ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1) + (p.2 - q.2) * (p.2 - q.2)).squareRoot()
    }

    /// The smallest ΔE between any two actors of a theme under a vision model.
    static func worstPair(_ theme: Theme, _ vision: [[Double]]?) -> Double {
        let colours: [RGB] = theme.actors.map { style in
            guard case .indexed(let i) = style.fg else { return (0.5, 0.5, 0.5) }
            let c = Palette.rgb(i)
            return simulate((Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255), vision)
        }
        var worst = Double.infinity
        for i in colours.indices { for j in colours.indices where j > i { worst = min(worst, deltaE(colours[i], colours[j])) } }
        return worst
    }

    static func theme(_ name: String) throws -> Theme {
        try ThemeLoader(searchPaths: [DocsTests.root.appendingPathComponent("themes").path]).load(name)
    }

    @Test func actorsStayApartWithProtanopiaAndDeuteranopia() throws {
        let colorblind = try Self.theme("colorblind")
        for (name, vision) in [("normal vision", nil), ("protanopia", Self.protanopia), ("deuteranopia", Self.deuteranopia)] {
            let worst = Self.worstPair(colorblind, vision)
            #expect(worst >= 12, "closest two actors under \(name): ΔE \(worst)")
        }
    }

    @Test func colorblindBeatsTheDefaultThemeWhereItMatters() throws {
        let colorblind = try Self.theme("colorblind"), standard = try Self.theme("default")
        let cb = min(Self.worstPair(colorblind, Self.protanopia), Self.worstPair(colorblind, Self.deuteranopia))
        let df = min(Self.worstPair(standard, Self.protanopia), Self.worstPair(standard, Self.deuteranopia))
        #expect(cb > df, "colorblind \(cb) vs default \(df)")
    }
}
