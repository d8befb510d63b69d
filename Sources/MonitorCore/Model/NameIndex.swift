/// Finds an entry by any of its names: exact spelling first (what files mostly use), then the
/// folded form (case, accents, spaces and punctuation ignored). Shared by actors and towns.
public struct NameIndex: Sendable {
    private var exact: [String: Int] = [:]
    private var folded: [String: Int] = [:]

    /// `names[i]` are the names of entry `i`.
    public init(_ names: [[String]]) {
        for (index, list) in names.enumerated() {
            for name in list {
                exact[name] = index
                folded[NameKey.fold(name)] = index
            }
        }
    }

    public func exactMatch(_ name: String) -> Int? { exact[name] }

    public func foldedMatch(_ name: String) -> Int? { folded[NameKey.fold(name)] }

    public func lookup(_ name: String) -> Int? { exact[name] ?? foldedMatch(name) }
}
