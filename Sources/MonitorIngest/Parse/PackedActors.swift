import MonitorCore

/// A record's actors as the fast paths gather them, one name at a time, exactly as
/// `IncidentBuilder` does: distinct actors in order, names as written when any is unknown or not
/// its actor's key. Declines (returns false) whatever the packed form cannot hold.
package struct PackedActors {
    package var list = ActorList()
    package var written = WrittenNames()
    /// The first name added: an ACLED change of hands names it as the holder.
    package var first: PackedDecodeContext.ActorEntry?

    package init() {}

    /// Adds one name; false when the record must take the general path.
    @inline(__always)
    package mutating func add(_ entry: PackedDecodeContext.ActorEntry, otherID: ActorID) -> Bool {
        if first == nil { first = entry }
        let id: ActorID
        switch entry {
        case .empty: return true
        case .known(let known, let name, let isKey):
            id = known
            guard written.add(name) else { return false }
            if !isKey { written.differs = true }
        case .unknown(let name):
            id = otherID
            guard written.add(name) else { return false }
            written.differs = true
        case .parser: return false
        }
        if list.contains(id) { return true }
        // An id the list cannot hold, or one too many: the general path's Incident keeps them all.
        guard id < 16, list.count < ActorList.capacity else { return false }
        list.append(id)
        return true
    }

    /// The holder when the first name holds the place, as `ControlHolder(name:registry:)` reads
    /// it; nil when the general path must decide (a name blank once cleaned, or one it cannot carry).
    package func firstAsHolder(_ context: PackedDecodeContext) -> ControlHolder? {
        Self.holder(first, context)
    }

    /// `firstAsHolder` for a first name already known.
    package static func holder(_ first: PackedDecodeContext.ActorEntry?, _ context: PackedDecodeContext) -> ControlHolder? {
        switch first {
        case .known(let id, _, _): .actor(id)
        case .unknown(let number): .named(context.name(number))
        case .empty, .parser, nil: nil
        }
    }

    /// The actor list and the segment string of the names as written (0: none needed), or nil
    /// when there is no actor (the general path says why).
    package func finish(_ context: inout PackedDecodeContext, otherID: ActorID,
                        _ segment: inout PackedSegment) -> (ActorList, UInt32)? {
        guard !list.isEmpty else { return nil }
        // Names that are all keys (so none unknown) need no text, as in the builder.
        if !written.differs { return (list, 0) }
        return (list, context.joined(written, otherID: otherID, &segment))
    }
}
