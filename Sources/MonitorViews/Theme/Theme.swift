import MonitorCore

/// Colours and attributes for every screen element and every actor slot.
public struct Theme: Sendable {
    public var name: String
    public var elements: [ThemeElement: Style]
    /// One style per actor, in registry order.
    public var actors: [Style]

    public init(name: String, elements: [ThemeElement: Style], actors: [Style]) {
        self.name = name
        self.elements = elements
        self.actors = actors
    }

    public func style(_ element: ThemeElement) -> Style {
        elements[element] ?? .plain
    }

    public func actor(_ id: ActorID) -> Style {
        Int(id) < actors.count ? actors[Int(id)] : .plain
    }

    /// Used when no theme file can be found: plain terminal colours, actors told apart by attributes.
    public static func fallback(actorCount: Int) -> Theme {
        var elements: [ThemeElement: Style] = [:]
        for element in ThemeElement.allCases { elements[element] = .plain }
        elements[.selection] = Style(attributes: .reverse)
        elements[.status] = Style(attributes: .reverse)
        elements[.borderFocus] = Style(attributes: .bold)
        elements[.titleFocus] = Style(attributes: [.bold, .reverse])
        elements[.mapSelected] = Style(attributes: .reverse)
        elements[.dim] = Style(attributes: .dim)
        elements[.mapTown] = Style(attributes: .bold)
        elements[.helpKey] = Style(attributes: .bold)
        elements[.statusWarning] = Style(attributes: [.bold, .underline])
        elements[.feedUnseen] = Style(attributes: .bold)
        elements[.feedLate] = Style(attributes: [.bold, .underline])
        return Theme(name: "builtin", elements: elements, actors: Array(repeating: Style(attributes: .bold), count: actorCount))
    }
}
