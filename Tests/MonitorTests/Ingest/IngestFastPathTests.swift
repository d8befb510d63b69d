import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// The parallel JSONL path and the arena-backed store must give what the line-by-line path gives.
@Suite struct IngestFastPathTests {
    static func lines(_ n: Int) -> [String] {
        (0..<n).map { i in
            switch i % 50 {
            case 7: return "   "
            case 11: return "{\"time\": 3}"
            case 13: return "{\"id\": \"e\(i - 10)\", \"retract\": true}"
            case 17: return "not json \u{1B}[31m"
            default:
                return "{\"id\":\"e\(i)\",\"time\":\"2023-0\(1 + i % 9)-1\(i % 10)T0\(i % 10):00:00Z\",\"place\":\"Ménaka\","
                    + "\"lat\":15.9,\"lon\":2.4,\"actors\":[\"FAMA\",\"Somebody \(i % 3)\"],\"type\":\"battle\","
                    + "\"fatalities\":\(i % 7),\"summary\":\"line \(i) with \\\"quotes\\\" and é\",\"source\":\"Src\(i % 4)\"}"
            }
        }
    }

    @Test func parallelDecodeMatchesSerial() throws {
        let text = Self.lines(5000)
        let path = NSTemporaryDirectory() + "sitmon-fastpath-\(getpid()).jsonl"
        try (text.joined(separator: "\r\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = SourceReader(index: 0, path: path, displayName: "f")
        let (batch, _) = reader.poll(budget: 8 << 20)
        var decoder = JSONLDecoder()
        var expected = IngestBatch(source: 0, status: .following)
        // Each line's offset in the file: lines end in CRLF.
        var offset: Int64 = 0
        for (i, line) in text.enumerated() {
            defer { offset += Int64(line.utf8.count + 2) }
            for record in decoder.decode(line: Array(line.utf8), number: i + 1, offset: offset, file: "f") {
                switch record {
                case .incident(let incident): expected.incidents.append(incident)
                case .retraction(let id, _): expected.retractions.append(id)
                case .bad(let bad): expected.badLines.append(bad)
                }
            }
        }
        #expect(batch.linesRead == 5000)
        #expect(batch.incidents == expected.incidents)
        #expect(batch.retractions == expected.retractions)
        #expect(batch.badLines.map(\.reason) == expected.badLines.map(\.reason))
        #expect(batch.badLines.map(\.origin) == expected.badLines.map(\.origin))

        var store = IncidentStore(actorCount: ActorRegistry.northernMali.count)
        for incident in batch.incidents { store.insert(incident) }
        for id in batch.retractions { store.retract(id: id) }
        let live = Set(store.timeOrder.map { store.incident($0).id ?? "" })
        for incident in batch.incidents where !batch.retractions.contains(incident.id ?? "") {
            #expect(live.contains(incident.id ?? ""))
            let slot = try #require(store.slot(forID: incident.id ?? ""))
            var back = store.incident(slot)
            back.seq = 0
            #expect(back.summary == incident.summary)
            #expect(store[slot].id == incident.id)
        }
        #expect(store.count == batch.incidents.count - batch.retractions.count)
    }

    /// Ids compare as Swift strings do: canonically equivalent spellings are one id.
    @Test func equivalentIDsReviseOneIncident() {
        var store = IncidentStore(actorCount: 9)
        store.insert(Incident(id: "caf\u{E9}-1", time: 10, actors: [0], summary: "first"))
        store.insert(Incident(id: "cafe\u{301}-1", time: 20, actors: [0], summary: "second"))
        #expect(store.count == 1)
        #expect(store.revisions == 1)
        #expect(store.slot(forID: "caf\u{E9}-1").map { store.incident($0).summary } == "second")
        let gone = store.retract(id: "cafe\u{301}-1")
        #expect(gone)
        #expect(store.count == 0)
    }
}
