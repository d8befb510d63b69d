import MonitorCore
import MonitorState

/// What views need besides the state: colours, glyph set and the width table.
public struct RenderContext: Sendable {
    public var theme: Theme
    public var ascii: Bool
    public var measure: DisplayWidth
    public var basemap: Basemap
    public var gazetteer: Gazetteer

    public init(theme: Theme, ascii: Bool = false, measure: DisplayWidth = .builtin,
                basemap: Basemap = .standard, gazetteer: Gazetteer = .mali) {
        self.theme = theme
        self.ascii = ascii
        self.measure = measure
        self.basemap = basemap
        self.gazetteer = gazetteer
    }

    public func glyph(_ actor: Actor) -> Character { ascii ? actor.asciiGlyph : actor.glyph }
}
