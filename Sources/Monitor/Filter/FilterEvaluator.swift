/// A `FeedFilter` compiled against the store for one pass over many incidents: actor and type
/// tests become table look-ups, and text matches on places, sources and actor names are worked
/// out once per distinct value rather than once per incident.
public struct FilterEvaluator {
    let store: IncidentStore
    let hiddenMask: UInt16
    let minFatalities: UInt32
    let types: Set<String>?
    let text: TextQuery?
    let registry: ActorRegistry
    private var typeMemo = TextIndexMemo()
    private var textMemo = TextIndexMemo()
    private var actorMatches: [Bool] = []

    public init(_ filter: FeedFilter, store: IncidentStore, registry: ActorRegistry) {
        self.store = store
        self.registry = registry
        var mask: UInt16 = 0
        for id in filter.hiddenActors where id < 16 { mask |= 1 << UInt16(id) }
        hiddenMask = mask
        minFatalities = UInt32(max(0, filter.minFatalities))
        types = filter.types
        text = filter.text
        if let text {
            actorMatches = registry.actors.map { text.matches($0.key) || text.matches($0.name) }
        }
    }

    /// Whether any of the incident's actors is shown.
    @inline(__always)
    public func actorsShown(_ actors: ActorList) -> Bool {
        if hiddenMask == 0 { return true }
        for k in 0..<actors.count where hiddenMask & (1 << UInt16(actors[k])) == 0 { return true }
        return false
    }

    /// Every filter but the time window (which the caller applies as a range of the time order).
    @inline(__always)
    public mutating func passes(_ r: borrowing StoredIncident) -> Bool {
        guard r.isLive, actorsShown(r.actors), r.fatalities >= minFatalities else { return false }
        if let types {
            if let known = typeMemo[r.type] {
                if !known { return false }
            } else {
                let ok = types.contains(store.text(r.type))
                typeMemo[r.type] = ok
                if !ok { return false }
            }
        }
        if let text { return matchesText(r, text) != text.inverted }
        return true
    }

    private mutating func matchesText(_ r: borrowing StoredIncident, _ text: TextQuery) -> Bool {
        let place = r.place, source = r.source, unknown = r.unknownNames
        if memoMatch(place, text) || memoMatch(source, text) || memoMatch(unknown, text) { return true }
        let actors = r.actors
        for k in 0..<actors.count where Int(actors[k]) < actorMatches.count && actorMatches[Int(actors[k])] { return true }
        switch text.pattern {
        case .plain(let needle):
            // Straight on the stored bytes: no String per incident.
            return r.summaryText.bytes.withMemoryRebound(to: UInt8.self) { TextFolding.contains($0, folded: needle) }
        case .regex:
            return text.matches(r.summary)
        }
    }

    private mutating func memoMatch(_ index: UInt32, _ text: TextQuery) -> Bool {
        if index == 0 { return false }
        if let known = textMemo[index] { return known }
        let ok = text.matches(store.text(index))
        textMemo[index] = ok
        return ok
    }
}

/// A small direct-mapped cache of answers by string-table index (places, sources, types): one
/// array look-up per incident instead of a dictionary's hashing, in a bounded amount of memory
/// however many distinct strings the store holds.
struct TextIndexMemo {
    private var keys = [UInt32](repeating: .max, count: TextIndexMemo.size)
    private var answers = [Bool](repeating: false, count: TextIndexMemo.size)
    static let size = 4096

    subscript(index: UInt32) -> Bool? {
        get {
            let at = Int(index & UInt32(Self.size - 1))
            return keys[at] == index ? answers[at] : nil
        }
        set {
            let at = Int(index & UInt32(Self.size - 1))
            keys[at] = newValue == nil ? .max : index
            answers[at] = newValue ?? false
        }
    }
}
