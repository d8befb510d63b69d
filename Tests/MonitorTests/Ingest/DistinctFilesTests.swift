import Foundation
import Testing
@testable import MonitorIngest

/// One source per file (issue 12): `sitmon f f` reads f once and says so.
@Suite struct DistinctFilesTests {
    @Test func aFileNamedTwiceOrByAnotherNameIsKeptOnceWithANotice() throws {
        let folder = NSTemporaryDirectory() + "sitmon-distinct-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let f = folder + "/f.jsonl", g = folder + "/g.jsonl", link = folder + "/link.jsonl"
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: f))
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: g))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: f)
        let dotted = folder + "/./f.jsonl"

        let (kept, notices) = DistinctFiles.filter([f, g, f, dotted, link, g])
        #expect(kept == [f, g])
        #expect(notices == ["f.jsonl given 4 times; read once", "g.jsonl given twice; read once"])
    }

    @Test func namesWithNoFileYetAreComparedByTheirPath() throws {
        let folder = NSTemporaryDirectory() + "sitmon-distinct-missing-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = folder + "/later.jsonl"
        let (kept, notices) = DistinctFiles.filter([missing, folder + "/../" + URL(fileURLWithPath: folder).lastPathComponent + "/later.jsonl", folder + "/other.jsonl"])
        #expect(kept == [missing, folder + "/other.jsonl"])
        #expect(notices.count == 1)
    }

    @Test func distinctFilesAreAllKept() {
        let (kept, notices) = DistinctFiles.filter(["a", "b", "c"]) { .path($0) }
        #expect(kept == ["a", "b", "c"])
        #expect(notices.isEmpty)
    }
}
