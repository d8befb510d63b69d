import MonitorCore

/// The one owner of derived state (ARCHITECTURE.md §2). Reducers change only inputs: filters,
/// replay moment, map view, order, selection and the store. At the end of every `reduce`,
/// `bringUpToDate(from:)` compares what the derived state was built from with the inputs now and
/// does the least work that makes it current: absorb arrivals, narrow for a longer text query, or
/// one full pass. A new filter or view that feeds `DerivationBasis` is kept current without a
/// call of its own.
public struct DerivationBasis: Equatable, Sendable {
    package var filter: FeedFilter
    package var replayAt: Int64?
    package var restriction: MapRestriction?
    package var order: FeedOrder
    package var projection: Projection?
    package var timelineWidth: Int
}

/// What an ingest left for the owner to absorb.
package struct PendingArrivals: Sendable {
    /// Added after every other incident.
    package var newest: [IncidentStore.Slot] = []
    /// Late reports, added among older incidents.
    package var late: [IncidentStore.Slot] = []
    /// Corrections: each new version and the one it replaced (`AppState.absorbCorrections`).
    package var corrected: [(old: IncidentStore.Slot, new: IncidentStore.Slot)] = []
    /// Something moved or went (a retraction, an eviction): only a full pass is right.
    package var reordered = false
    /// The store reclaimed slots (`IncidentStore.reclaimSlots`): every slot held follows first
    /// (these lists too); no full pass is needed for it.
    package var reclaimed: SlotRemap?

    package var isEmpty: Bool { newest.isEmpty && late.isEmpty && corrected.isEmpty && !reordered && reclaimed == nil }
}

extension AppState {
    /// The inputs the derived state depends on, as they are now.
    public var derivationBasis: DerivationBasis {
        DerivationBasis(filter: filter, replayAt: replayAt, restriction: map.restriction, order: order,
                        projection: mapProjection, timelineWidth: Layout(width: width, height: height).timeline.width)
    }

    /// Brings the feed, counts, timeline, hotspots and map cells up to date after a reduce that
    /// started from `basis`, then keeps the selection and scroll inside the feed.
    package mutating func bringUpToDate(from basis: DerivationBasis) {
        let now = derivationBasis
        var pending = arrivals
        arrivals = PendingArrivals()
        if let remap = pending.reclaimed {
            follow(remap)
            pending.newest = pending.newest.compactMap { remap[$0] }
            pending.late = pending.late.compactMap { remap[$0] }
        }
        let pin = selectionPin
        selectionPin = nil
        if !pending.isEmpty { refreshScanKeys() }
        var others = now
        others.filter.text = basis.filter.text
        let onlyTextChanged = others == basis && now.filter.text != basis.filter.text
        // Corrections across a slot reclaim are rare: their old slots are gone from the map.
        let correctedAcrossReclaim = !pending.corrected.isEmpty && pending.reclaimed != nil
        if pending.reordered || pending.late.count > Self.lateMergeLimit || pin != nil || correctedAcrossReclaim {
            rebuildFeed(keeping: pin)
        } else if onlyTextChanged, pending.isEmpty, let old = basis.filter.text, let new = now.filter.text, old.isNarrowed(by: new) {
            narrowFeed()
        } else if now != basis {
            rebuildFeed()
        } else if !pending.isEmpty {
            // Arrivals first: a correction's new version is placed among them by (time, slot).
            let rebuilt = placeArrivals(late: pending.late, newest: pending.newest)
            if !rebuilt, !absorbCorrections(pending.corrected) { rebuildFeed() }
        }
        // Cells of a projection the pass above did not see (arrivals on a moved map) follow too.
        keepMapCellsCurrent()
        clampSelection()
    }

    /// Above this many late reports in one batch a full pass is cheaper than merging them in.
    package static let lateMergeLimit = 4096

    /// Selects a feed row (counted from the newest), kept inside the feed: an input change, so
    /// what the selection marks (seen) can follow at once.
    package mutating func select(row: Int) {
        selected = max(0, min(row, feed.count - 1))
    }
}
