import Testing
@testable import MonitorState

/// What the watch remembers to avoid doing twice stays bounded, newest kept.
@Suite struct RecentSetTests {
    @Test func keepsTheNewestUpToItsLimit() {
        var set = RecentSet<Int>(limit: 100)
        for n in 0..<1000 {
            let added = set.insert(n)
            #expect(added)
        }
        #expect(set.count == 100)
        #expect(!set.contains(899))
        #expect((900..<1000).allSatisfy { set.contains($0) })
        // A member already there is not added twice and does not push anything out.
        let again = set.insert(999)
        #expect(!again)
        #expect(set.contains(900))
    }
}
