/// Who an incident says holds its place from its time on (ARCHITECTURE.md §11): a registry
/// actor, or a name that matched none, kept as written (as unknown actors are).
public enum ControlHolder: Sendable, Hashable {
    case actor(ActorID)
    case named(String)

    /// The holder of a written name (already sanitised), resolved through the registry's aliases
    /// like an actor; nil for an empty name.
    public init?(name: String, registry: ActorRegistry) {
        guard !name.isEmpty else { return nil }
        self = registry.lookup(name).map(ControlHolder.actor) ?? .named(name)
    }

    /// The holder's name as the officer reads it.
    public func name(_ registry: ActorRegistry) -> String {
        switch self {
        case .actor(let id): registry[id].key
        case .named(let name): name
        }
    }

    /// ACLED's sub-event types that change who holds a place; the holder is the first actor.
    public static let acledSubEventTypes = [
        "Non-violent transfer of territory", "Government regains territory",
        "Non-state actor overtakes territory", "Headquarters or base established",
    ]

    /// True when an ACLED `sub_event_type` is one of the four: ASCII letters in any case, spaces
    /// and tabs around ignored (the CSV fast path reads the bytes the same way).
    public static func isControlSubEvent(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while let b = bytes.first, b == 0x20 || b == 0x09 { bytes.removeFirst() }
        while let b = bytes.last, b == 0x20 || b == 0x09 { bytes.removeLast() }
        return lowered.contains { $0.elementsEqual(bytes.lazy.map(asciiLower)) }
    }

    /// The four, lower-case, as bytes.
    package static let lowered: [[UInt8]] = acledSubEventTypes.map { $0.utf8.map(asciiLower) }

    /// Inlinable: the CSV fast path (another module) calls it for each byte it compares.
    @inlinable
    package static func asciiLower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b &+ 0x20 : b }
}
