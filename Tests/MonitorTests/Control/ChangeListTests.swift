import Testing
@testable import MonitorCore
@testable import MonitorState

/// A place's changes in chunks (`ChangeList`) against the plain sorted array it replaced: the same
/// order, the same answers, through inserts out of order, removals, ties and chunk splits and merges.
@Suite struct ChangeListTests {
    typealias Change = ControlHistory.Change

    static func change(time: Int64, order: Int) -> Change {
        Change(place: "Ber", time: time, holder: .named("h\(order % 7)"), location: nil, source: "s", id: "i\(order)",
               slot: IncidentStore.Slot(order), order: order)
    }

    /// The reference: one array, kept sorted by (time, arrival) the simple way.
    struct Reference {
        var changes: [Change] = []
        mutating func insert(_ change: Change) {
            let at = changes.firstIndex { ($0.time, $0.order) > (change.time, change.order) } ?? changes.count
            changes.insert(change, at: at)
        }
        func latest(atOrBefore time: Int64?) -> (now: Change, before: Change?)? {
            let upTo = time.map { t in (changes.lastIndex { $0.time <= t } ?? -1) + 1 } ?? changes.count
            guard upTo > 0 else { return nil }
            return (changes[upTo - 1], upTo > 1 ? changes[upTo - 2] : nil)
        }
    }

    @Test(arguments: [1, 2, 3])
    func agreesWithASortedArrayThroughRandomEdits(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        var list = ChangeList()
        var reference = Reference()
        var order = 0
        // Times from a narrow range (ties), sometimes far back (late reports and corrections).
        var newest: Int64 = 0
        for step in 0..<6_000 {
            let roll = random.below(100)
            if roll < 60 || reference.changes.isEmpty {
                order += 1
                let time = random.below(4) == 0 ? Int64(random.below(Int(newest) + 1)) : newest + Int64(random.below(3))
                newest = max(newest, time)
                let change = Self.change(time: time, order: order)
                list.insertInOrder(change)
                reference.insert(change)
            } else if roll < 90 {
                let victim = reference.changes[random.below(reference.changes.count)]
                let removed = list.remove(time: victim.time, order: victim.order)
                reference.changes.removeAll { $0.order == victim.order }
                // Gone: a second removal finds nothing.
                let again = list.remove(time: victim.time, order: victim.order)
                #expect(removed && !again)
            } else if roll < 95 {
                let target = reference.changes[random.below(reference.changes.count)]
                list.modify(time: target.time, order: target.order) { $0.slot = nil }
                if let i = reference.changes.firstIndex(where: { $0.order == target.order }) { reference.changes[i].slot = nil }
                #expect(list.change(time: target.time, order: target.order)?.slot == nil)
            } else {
                let moment: Int64? = random.below(5) == 0 ? nil : Int64(random.below(Int(newest) + 2)) - 1
                let got = list.latest(atOrBefore: moment ?? .max)
                let want = reference.latest(atOrBefore: moment)
                #expect(got?.now == want?.now && got?.before == want?.before, "step \(step), moment \(String(describing: moment))")
            }
            if step % 500 == 0 { #expect(list.all == reference.changes, "step \(step)") }
        }
        #expect(list.all == reference.changes)
        #expect(list.count == reference.changes.count)
        // Big enough to have split into several chunks along the way.
        #expect(order > 3 * ChangeList.chunkCapacity)
        for change in reference.changes {
            #expect(list.change(time: change.time, order: change.order) == change)
        }
        list.keepLatestForgotten()
        let latestForgotten = reference.changes.lastIndex { $0.slot == nil }
        let kept = reference.changes.enumerated().filter { $0.element.slot != nil || $0.offset == latestForgotten }.map(\.element)
        #expect(list.all == kept && list.count == kept.count)
    }

    @Test func emptyAndSingle() {
        var list = ChangeList()
        #expect(list.latest(atOrBefore: .max) == nil && list.latest(atOrBefore: 100) == nil && list.isEmpty)
        let nothing = list.remove(time: 1, order: 1)
        #expect(!nothing)
        list.insertInOrder(Self.change(time: 10, order: 1))
        #expect(list.latest(atOrBefore: 9) == nil)
        #expect(list.latest(atOrBefore: 10)?.now.order == 1 && list.latest(atOrBefore: 10)?.before == nil)
        let removed = list.remove(time: 10, order: 1)
        #expect(removed && list.isEmpty && list.all.isEmpty)
    }

    /// Through the history: a place with thousands of changes, corrected one by one out of order,
    /// still answers each slot and each moment as its plain list says.
    @Test func aLongHistoryCorrectedOutOfOrder() {
        var history = ControlHistory()
        var random = SplitMix64(seed: 7)
        let total = 2_000
        var times: [Int64] = []
        for slot in 0..<total {
            let time = Int64(slot / 3)  // three changes a moment: ties
            times.append(time)
            history.record(.named("h\(slot % 5)"), place: "Ber", time: time, location: nil, source: "s", id: "i\(slot)", slot: IncidentStore.Slot(slot))
        }
        for _ in 0..<1_500 {
            let slot = random.below(total)
            history.remove(IncidentStore.Slot(slot))
            let time = Int64(random.below(total / 3))
            times[slot] = time
            history.record(.named("c\(slot % 5)"), place: "Ber", time: time, location: nil, source: "s", id: "i\(slot)", slot: IncidentStore.Slot(slot))
        }
        #expect(history.count == total)
        let list = history.places["ber"] ?? []
        #expect(list.count == total)
        #expect(zip(list, list.dropFirst()).allSatisfy { ($0.time, $0.order) < ($1.time, $1.order) })
        for slot in stride(from: 0, to: total, by: 37) {
            #expect(history.change(of: IncidentStore.Slot(slot))?.time == times[slot])
        }
        for moment in stride(from: Int64(-1), to: Int64(total / 3 + 2), by: 29) {
            let upTo = (list.lastIndex { $0.time <= moment } ?? -1) + 1
            let got = history.holding("Ber", at: moment)
            #expect(got?.now == (upTo > 0 ? list[upTo - 1] : nil))
            #expect(got?.before == (upTo > 1 ? list[upTo - 2] : nil))
        }
    }
}
