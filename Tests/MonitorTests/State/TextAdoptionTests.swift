import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// The store keeps a packed segment's text block as it is instead of copying its texts
/// (`TextArena.adoptHoldingLock`, ARCHITECTURE.md §4): texts must read back as a store given the
/// same incidents one by one reads them, through revisions and compaction, whoever else holds
/// the segment, and the arena must hold no room the decoder reserved.
@Suite struct TextAdoptionTests {

    static func summary(_ n: Int, length: Int) -> String {
        let words = ["army", "convoy", "Ménaka", "ambush", "near", "Gao", "market", "clash", "drone", "village"]
        var text = "report \(n):"
        var i = n
        while text.utf8.count < length {
            text += " " + words[i % words.count]
            i = i / 3 + 7 * n + text.utf8.count
        }
        return text
    }

    /// One fast-path segment of incidents with these ids and summaries, as the decoder leaves it.
    static func segment(_ rows: [(id: String, summary: String)], file: String = "f.jsonl") -> PackedSegment {
        let lines = rows.enumerated().map { i, row in
            Array(#"{"id":"\#(row.id)","time":"2023-08-13T08:\#(10 + i % 50):00Z","actors":["FAMA"],"place":"Gao","summary":"\#(row.summary)","source":"RFI"}"#.utf8)
        }
        var context = PackedDecodeContext()
        let out = PackedLineDecoder(parser: JSONLineParser()).decode(PackedDecoderTests.block(lines), 0..<lines.count, file: file, context: &context)
        return out.segment
    }

    static func batch(_ segments: [PackedSegment]) -> IngestBatch {
        var batch = IngestBatch(source: 0, status: .following)
        for segment in segments { batch.packed.append(segment) }
        return batch
    }

    /// Every slot's incident, live or not, compared with a store given the same incidents one by one.
    static func expectSameIncidents(_ store: IncidentStore, _ plain: IncidentStore, _ what: String) {
        #expect(store.records.count == plain.records.count, "\(what)")
        for slot in plain.records.indices.map(IncidentStore.Slot.init) {
            let a = store[slot], b = plain[slot]
            guard a.isLive == b.isLive, !a.isLive || (store.incident(slot) == plain.incident(slot) && a.id == b.id) else {
                Issue.record("\(what), slot \(slot): \(store.incident(slot)) vs \(plain.incident(slot))")
                return
            }
        }
    }

    @Test func manySegmentsAdoptedReadBackAsIncidentsDo() {
        var store = IncidentStore(actorCount: 8)
        var plain = IncidentStore(actorCount: 8)
        var n = 0
        for round in 0..<40 {
            // A few ids come again: revisions, whose old texts in adopted blocks become dead.
            let rows = (0..<100).map { k -> (id: String, summary: String) in
                n += 1
                let id = k % 17 == 0 && round > 0 ? "e\(round - 1)-\(k)" : "e\(round)-\(k)"
                return (id, Self.summary(n, length: 40 + n % 90))
            }
            let segment = Self.segment(rows)
            #expect(segment.text.count >= TextArena.adoptFrom && !segment.records.contains { $0.flags.contains(.full) })
            let batch = Self.batch([segment])
            store.insert(contentsOf: batch) { _ in }
            for incident in batch.packed.materialize() { plain.insert(incident) }
        }
        #expect(store.revisions == plain.revisions && store.revisions > 0)
        Self.expectSameIncidents(store, plain, "adopted")
        // The same bytes are counted, and each block was kept with no room beyond its texts.
        #expect(store.textBytes == plain.textBytes)
        #expect(store.textBytesAllocated == store.textBytes)
    }

    @Test func theArenaKeepsNoReserve() {
        // Unfinished, with room to spare: its texts are copied, into a block of their exact size.
        let rows = (0..<3_000).map { (id: "r\($0)", summary: Self.summary($0, length: 100)) }
        var unfinished = Self.segment(rows)
        let texts = unfinished.text.count
        #expect(texts > TextArena.chunkSize / 4)
        unfinished.text.reserveCapacity(8 << 20)
        var store = IncidentStore(actorCount: 8)
        store.insert(contentsOf: Self.batch([unfinished])) { _ in }
        #expect(store.textBytes == texts && store.textBytesAllocated == texts)
        #expect(store.incident(2_999).summary == Self.summary(2_999, length: 100))
        // The CSV reader reserves a chunk's whole size; finished, nothing of it is kept.
        var finished = Self.segment(rows.map { ($0.id + "b", $0.summary) })
        finished.text.reserveCapacity(8 << 20)
        finished.finish()
        store.insert(contentsOf: Self.batch([finished])) { _ in }
        #expect(store.textBytesAllocated == store.textBytes)
        #expect(store.incident(5_999).id == "r2999b")
    }

    @Test func compactionKeepsTheLiveTextsOfAdoptedBlocks() {
        var store = IncidentStore(actorCount: 8)
        var plain = IncidentStore(actorCount: 8)
        var before: (store: IncidentStore, plain: IncidentStore)?
        var compacted = false
        let length = 1_500
        // The same 2,000 ids each round: 3 MB of new texts, the last round's now dead.
        for round in 0..<6 {
            let rows = (0..<2_000).map { (id: "same-\($0)", summary: Self.summary(round * 2_000 + $0, length: length)) }
            let segments = [Self.segment(Array(rows[..<700])), Self.segment(Array(rows[700...]))]
            let copy = (store, plain)
            let bytesBefore = store.textBytes
            let batch = Self.batch(segments)
            store.insert(contentsOf: batch) { _ in }
            for incident in batch.packed.materialize() { plain.insert(incident) }
            if store.textBytes < bytesBefore {
                compacted = true
                before = copy
                // Only the live texts are left.
                let live = store.timeOrder.reduce(0) { $0 + store[$1].summary.utf8.count + store[$1].id.utf8.count }
                #expect(store.textBytes == live)
            }
            Self.expectSameIncidents(store, plain, "round \(round)")
        }
        #expect(compacted)
        // A copy of the store from before the compaction still reads its texts, in the old arena.
        if let before { Self.expectSameIncidents(before.store, before.plain, "before the compaction") }
    }

    @Test func whoeverElseHoldsTheSegmentCannotChangeTheStoresTexts() {
        let rows = (0..<200).map { (id: "k\($0)", summary: Self.summary($0, length: 80)) }
        let segment = Self.segment(rows)
        var copy = segment
        var first = IncidentStore(actorCount: 8)
        var second: IncidentStore? = IncidentStore(actorCount: 8)
        first.insert(contentsOf: Self.batch([segment])) { _ in }
        second?.insert(contentsOf: Self.batch([segment])) { _ in }
        // The decoder's copy writes over the bytes it had: into a block of its own.
        copy.text.removeSubrange(0...)
        copy.text.append(contentsOf: Array(repeating: UInt8(ascii: "x"), count: segment.text.count))
        #expect(copy.summary(copy.records[0]).allSatisfy { $0 == "x" })
        second = nil
        for (i, row) in rows.enumerated() {
            let slot = IncidentStore.Slot(i)
            #expect(first[slot].summary == row.summary && first[slot].id == row.id)
        }
        #expect(segment.summary(segment.records[199]) == rows[199].summary)
    }
}
