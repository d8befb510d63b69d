/// One party to the conflict as the legend shows it.
public struct Actor: Sendable, Hashable {
    /// Short key used in event files and theme files ("FAMA").
    public let key: String
    /// What the legend and detail view call it.
    public let name: String
    /// Map and legend mark in a UTF-8 terminal.
    public let glyph: Character
    /// Mark used with `--ascii` or a non-UTF-8 locale.
    public let asciiGlyph: Character
    /// Other spellings that mean this actor (ACLED names, later names).
    public let aliases: [String]

    public init(key: String, name: String, glyph: Character, asciiGlyph: Character, aliases: [String]) {
        self.key = key
        self.name = name
        self.glyph = glyph
        self.asciiGlyph = asciiGlyph
        self.aliases = aliases
    }
}

/// Position of an actor in the registry; also its legend number minus one.
public typealias ActorID = UInt8
