import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Summary letter masks are worked out by the decoders on their own cores; whatever the format
/// and path (packed, general, listed), the store holds for each slot the mask of its summary,
/// and a one-letter text filter, which the mask alone decides, finds exactly the incidents with
/// that letter.
@Suite struct SummaryLettersTests {
    func store(_ text: String, name: String, format: EventFormat) -> IncidentStore {
        let dir = Fixtures.TempDir()
        let path = dir.file(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let reader = SourceReader(index: 0, path: path, displayName: name, decoder: FormatDetector.decoder(for: format))
        var store = IncidentStore(actorCount: 8)
        var more = true
        while more {
            let (batch, cut) = reader.poll()
            store.insert(contentsOf: batch) { _ in }
            more = cut
        }
        return store
    }

    func expectMasksOfSummaries(_ store: IncidentStore, count: Int) {
        #expect(store.count == count)
        #expect(store.summaryLetters.count == store.records.count)
        for slot in store.timeOrder {
            #expect(store.summaryLetters[Int(slot)] == TextFolding.letterMask(store[slot].summary), "\(store[slot].summary)")
        }
    }

    @Test func jsonLines() {
        // Plain, accented, escaped and non-ASCII summaries; the escaped one takes the general path.
        let summaries = ["Convoy ambushed near Ber", "Frappe à Ménaka", #"Shelling \"near\" Gao"#, "Кидаль: 3 killed", "ZZZ"]
        let text = summaries.enumerated().map { i, s in
            #"{"id":"s\#(i)","time":"2023-08-1\#(i)","place":"Ber","actors":["FAMA"],"summary":"\#(s)"}"#
        }.joined(separator: "\n") + "\n"
        expectMasksOfSummaries(store(text, name: "a.jsonl", format: .jsonl), count: summaries.count)
    }

    @Test func acled() {
        let text = ([ACLEDDecoderTests.header] + [
            ACLEDDecoderTests.row(["event_id_cnty": "M1", "notes": "\"Quoted, with commas: Tombouctou\""]),
            ACLEDDecoderTests.row(["event_id_cnty": "M2", "notes": "Léré camp seized"]),
        ]).joined(separator: "\n") + "\n"
        expectMasksOfSummaries(store(text, name: "a.csv", format: .acled), count: 2)
    }

    @Test func geoJSON() {
        let text = GeoJSONDecoderTests.sequence.prefix(2).joined(separator: "\n") + "\n"
        expectMasksOfSummaries(store(text, name: "a.geojson", format: .geojson), count: 2)
    }

    @Test func aOneLetterQueryFindsExactlyTheSummariesWithThatLetter() {
        let summaries = ["qat seized", "convoy", "Quiet day", "no such letter"]
        let text = summaries.enumerated().map { i, s in
            #"{"id":"q\#(i)","time":"2023-08-1\#(i)","place":"Ber","actors":["FAMA"],"summary":"\#(s)"}"#
        }.joined(separator: "\n") + "\n"
        let loaded = store(text, name: "q.jsonl", format: .jsonl)
        var keys = ScanKeys()
        keys.update(loaded, registry: ActorRegistry.northernMali, projection: nil)
        let q = TextFolding.letterMask(folded: TextFolding.fold("q"))
        let withQ = loaded.timeOrder.filter { keys.keys[Int($0)].letters & q != 0 }.map { loaded[$0].summary }
        #expect(withQ.sorted() == ["Quiet day", "qat seized"])
    }
}
