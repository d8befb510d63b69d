/// Something that made the rest of a source unreadable (a damaged or truncated compressed file),
/// reported like a bad line: where reading stopped and why.
public struct ReadDamage: Sendable, Equatable {
    /// The line reading had reached (the first one not read whole).
    public var line: Int
    public var reason: String
}
