import Foundation
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Small, fixed data sets shared by the tests.
enum Fixtures {
    /// An incident at a town, at day `day` of August 2023, 12:00 UTC.
    static func incident(_ summary: String, actors: [ActorID], day: Int, town: String = "Ber", id: String? = nil) -> Incident {
        let point = Gazetteer.mali.lookup(town)?.point
        return Incident(id: id, time: Int64(TimeParser.daysFromCivil(year: 2023, month: 8, day: day)) * 86400 + 43200,
                        place: town, location: point, actors: actors, type: .battle, summary: summary,
                        source: "fixture", origin: Origin(file: "fixture.jsonl", line: day))
    }

    /// A state at a size with incidents already ingested.
    static func state(_ incidents: [Incident], width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(sources: [SourceInfo(name: "fixture.jsonl")])
        let reducer = Reducer()
        _ = reducer.reduce(&state, .resize(width: width, height: height))
        var batch = IngestBatch(source: 0, status: .following)
        batch.incidents = incidents
        batch.linesRead = incidents.count
        _ = reducer.reduce(&state, .ingest(batch))
        return state
    }

    /// Ten incidents over ten days, cycling through FAMA, JNIM and CMA; newest is day 10.
    static var tenDays: [Incident] {
        let actors: [[ActorID]] = [[0], [3], [2], [0, 1], [3, 6]]
        let towns = ["Ber", "Timbuktu", "Gao", "Kidal", "Bamba"]
        return (1...10).map { day in
            incident("event \(day)", actors: actors[day % actors.count], day: day, town: towns[day % towns.count], id: "e\(day)")
        }
    }

    /// A temporary folder removed when the test's value goes away.
    final class TempDir {
        let path: String
        init() {
            path = NSTemporaryDirectory() + "sitmon-test-" + UUID().uuidString
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    /// Reads a file to its end through a SourceReader: every incident and every skipped line.
    static func readAll(_ path: String, name: String) -> (incidents: [Incident], bad: [BadLine]) {
        let reader = SourceReader(index: 0, path: path, displayName: name)
        var incidents: [Incident] = []
        var bad: [BadLine] = []
        var more = true
        while more {
            let (batch, cut) = reader.poll()
            incidents += batch.incidents
            bad += batch.badLines
            more = cut
        }
        return (incidents, bad)
    }

    static func append(_ text: String, to path: String) {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
    }

    static func line(_ summary: String, actor: String = "FAMA", day: Int = 13, id: String? = nil) -> String {
        let idField = id.map { #""id":"\#($0)","# } ?? ""
        return #"{\#(idField)"time":"2023-08-\#(day < 10 ? "0" : "")\#(day)","place":"Ber","actors":["\#(actor)"],"summary":"\#(summary)"}"# + "\n"
    }
}
