import Foundation
import Testing
@testable import MonitorWatch

/// Two sitmons writing one log at once (two connections, two threads): WAL and the busy timeout
/// serialise the writers, and nothing is lost.
@Suite struct WatchLogConcurrencyTests {
    @Test func twoWritersAtOnceLoseNothing() throws {
        let folder = try WatchFolder("concurrent")
        defer { folder.remove() }
        let location = folder.location()
        let perWriter = 500
        let officers = ["amadou", "bintou"]
        let logs = try officers.map { _ in try SQLiteWatchLog(location: location) }
        let failures = Failures()
        let done = DispatchGroup()
        for (log, officer) in zip(logs, officers) {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do {
                    // One transaction per entry, as an officer's keys would make them.
                    for n in 1...perWriter { try log.record([WatchFixtures.note(n, officer: officer)]) }
                } catch {
                    failures.add("\(officer): \(error)")
                }
            }
            thread.start()
        }
        done.wait()
        #expect(failures.all.isEmpty)
        let entries = try SQLiteWatchLog(location: location).entries(after: .start).entries
        #expect(entries.count == perWriter * officers.count)
        for officer in officers {
            // Each writer's entries in the order it wrote them.
            #expect(entries.filter { $0.stamp.officer == officer } == (1...perWriter).map { WatchFixtures.note($0, officer: officer) })
        }
    }
}

/// Errors gathered from the writer threads.
private final class Failures: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var list: [String] = []

    func add(_ failure: String) {
        lock.withLock { list.append(failure) }
    }

    var all: [String] { lock.withLock { list } }
}
