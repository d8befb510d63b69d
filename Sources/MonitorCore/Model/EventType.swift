/// ACLED's six event types, plus whatever else a file says.
public enum EventType: Sendable, Hashable {
    case battle, explosion, violenceAgainstCivilians, protest, riot, strategic
    case other(String)

    public init(parsing raw: String) {
        // The spellings files use most, matched before the slower folding.
        switch raw {
        case "battle", "Battles": self = .battle; return
        case "explosion", "Explosions/Remote violence", "explosions", "Explosions": self = .explosion; return
        case "violence-against-civilians", "Violence against civilians", "violence against civilians":
            self = .violenceAgainstCivilians; return
        case "protest", "Protests": self = .protest; return
        case "riot", "Riots": self = .riot; return
        case "strategic", "Strategic developments": self = .strategic; return
        case "": self = .other(""); return
        default: break
        }
        switch NameKey.fold(raw) {
        case "battle", "battles": self = .battle
        case "explosion", "explosions", "explosionsremoteviolence", "remoteviolence": self = .explosion
        case "violenceagainstcivilians", "vac": self = .violenceAgainstCivilians
        case "protest", "protests": self = .protest
        case "riot", "riots": self = .riot
        case "strategic", "strategicdevelopment", "strategicdevelopments": self = .strategic
        default: self = .other(raw)
        }
    }

    /// Label for the feed and detail view.
    public var label: String {
        switch self {
        case .battle: "battle"
        case .explosion: "explosion"
        case .violenceAgainstCivilians: "violence against civilians"
        case .protest: "protest"
        case .riot: "riot"
        case .strategic: "strategic"
        case .other(let raw): raw
        }
    }
}
