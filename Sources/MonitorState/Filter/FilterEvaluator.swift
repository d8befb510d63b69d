import MonitorCore
import Foundation

/// A `FeedFilter` compiled against the store for one pass over many incidents: actor and type
/// tests become bit masks and table look-ups, and text matches on places, sources and actor names
/// are worked out once per distinct value rather than once per incident.
///
/// The per-incident path touches no reference-counted value: a scan runs one evaluator per core,
/// and shared counts bumped by both cores for every incident cost more than the test itself.
public struct FilterEvaluator {
    package let store: IncidentStore
    package let hiddenMask: UInt16
    package let minFatalities: UInt32
    package let types: Set<String>?
    package let filtersTypes: Bool
    package let text: TextQuery?
    package let filtersText: Bool
    package let invertsText: Bool
    package let flaggedOnly: Bool
    /// The plain query's folded bytes, owned by this evaluator (nil base for a regex or no text).
    private let needle: UnsafeBufferPointer<UInt8>
    private let needleOwner: OwnedBytes?
    /// Bit n: actor n's key or name matches the text query.
    private let actorTextMask: UInt16
    /// The plain query's letter mask (`TextFolding.letterMask`), and whether it is one letter.
    private let needleLetters: UInt32
    private let oneLetter: Bool
    private var typeMemo = TextIndexMemo<Bool>()
    private var textMemo = TextIndexMemo<Bool>()

    public init(_ filter: FeedFilter, store: IncidentStore, registry: ActorRegistry) {
        self.store = store
        var mask: UInt16 = 0
        for id in filter.hiddenActors where id < 16 { mask |= 1 << UInt16(id) }
        hiddenMask = mask
        minFatalities = UInt32(max(0, filter.minFatalities))
        types = filter.types
        filtersTypes = filter.types != nil
        text = filter.text
        filtersText = filter.text != nil
        invertsText = filter.text?.inverted ?? false
        flaggedOnly = filter.flaggedOnly
        var actorText: UInt16 = 0
        if let text = filter.text {
            for (i, actor) in registry.actors.enumerated() where i < 16 && (text.matches(actor.key) || text.matches(actor.name)) {
                actorText |= 1 << UInt16(i)
            }
        }
        actorTextMask = actorText
        if case .plain(let bytes)? = filter.text?.pattern {
            let owner = OwnedBytes(bytes)
            needleOwner = owner
            needle = owner.buffer
            needleLetters = TextFolding.letterMask(folded: bytes)
            oneLetter = bytes.count == 1 && bytes[0] >= 0x61 && bytes[0] <= 0x7A
        } else {
            needleOwner = nil
            needle = UnsafeBufferPointer(start: nil, count: 0)
            needleLetters = 0
            oneLetter = false
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
        guard actorsShown(r.actors) else { return false }
        return passesBeyondActors(r)
    }

    /// As `passes`, for a caller that has already tested the actors.
    @inline(__always)
    package mutating func passesBeyondActors(_ r: borrowing StoredIncident) -> Bool {
        // An unreported count is stored as 0: below any minimum above 0, shown at minimum 0.
        guard r.isLive, r.fatalities >= minFatalities, passesType(r.type) else { return false }
        if flaggedOnly, !r.flags.contains(.flagged) { return false }
        return passesText(r)
    }

    /// The event-type filter alone, by the type's string index.
    @inline(__always)
    package mutating func passesType(_ type: UInt32) -> Bool {
        guard filtersTypes else { return true }
        if let known = typeMemo[type] { return known }
        let ok = types?.contains(store.text(type)) ?? true
        typeMemo[type] = ok
        return ok
    }

    /// Whether an incident matches the text query, decided from its letter mask alone (`ScanKey`),
    /// or nil when only its texts can tell. Before inversion.
    @inline(__always)
    package func textMatch(letters: UInt32) -> Bool? {
        guard needle.baseAddress != nil else { return nil }
        if needleLetters & ~letters != 0 { return false }
        return oneLetter ? true : nil
    }

    /// The text filter alone (true when there is none).
    @inline(__always)
    package mutating func passesText(_ r: borrowing StoredIncident) -> Bool {
        guard filtersText else { return true }
        return matchesText(r) != invertsText
    }

    package mutating func matchesText(_ r: borrowing StoredIncident) -> Bool {
        let place = r.place, source = r.source, unknown = r.actorNames
        if memoMatch(place) || memoMatch(source) || memoMatch(unknown) { return true }
        let actors = r.actors
        for k in 0..<actors.count where actorTextMask & (1 << UInt16(actors[k])) != 0 { return true }
        if needle.baseAddress != nil {
            // Straight on the stored bytes: no String per incident.
            return r.summaryText.bytes.withMemoryRebound(to: UInt8.self) { TextFolding.contains($0, folded: needle) }
        }
        return text?.matches(r.summary) ?? false
    }

    private mutating func memoMatch(_ index: UInt32) -> Bool {
        if index == 0 { return false }
        if let known = textMemo[index] { return known }
        let ok = text?.matches(store.searchText(index)) ?? false
        textMemo[index] = ok
        return ok
    }
}

/// Bytes with one owner, released with it.
package final class OwnedBytes: @unchecked Sendable {
    package let buffer: UnsafeBufferPointer<UInt8>

    package init(_ bytes: [UInt8]) {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = memory.initialize(from: bytes)
        buffer = UnsafeBufferPointer(start: memory.baseAddress, count: bytes.count)
    }

    deinit { buffer.deallocate() }
}

/// A small direct-mapped cache of answers by string-table index (places, sources, types): one
/// array look-up per incident instead of a dictionary's hashing, in a bounded amount of memory
/// however many distinct strings the store holds.
package struct TextIndexMemo<Value>: @unchecked Sendable {
    private var keys = [UInt32](repeating: .max, count: size)
    private var answers: [Value?] = Array(repeating: nil, count: size)
    package static var size: Int { 4096 }

    package subscript(index: UInt32) -> Value? {
        get {
            let at = Int(index & UInt32(Self.size - 1))
            return keys[at] == index ? answers[at] : nil
        }
        set {
            let at = Int(index & UInt32(Self.size - 1))
            keys[at] = newValue == nil ? .max : index
            answers[at] = newValue
        }
    }
}
