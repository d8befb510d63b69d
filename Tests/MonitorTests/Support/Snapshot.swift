import Foundation
import Testing

/// Compares canvas text with a reviewed file in Snapshots/. `SITMON_RECORD=1 swift test` rewrites the
/// files (review the diff before committing); a missing file is written and the test fails.
enum Snapshot {
    /// Tests/MonitorTests/Snapshots, from this file in Tests/MonitorTests/Support.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func check(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name + ".txt")
        let text = lines.joined(separator: "\n") + "\n"
        let record = ProcessInfo.processInfo.environment["SITMON_RECORD"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            if !record { Issue.record("snapshot \(name) was missing; written for review", sourceLocation: sourceLocation) }
            return
        }
        if expected != text {
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
            Issue.record("""
                snapshot \(name) differs at line \(firstDiff + 1):
                expected: \(firstDiff < want.count ? String(want[firstDiff]) : "<end>")
                got:      \(firstDiff < got.count ? String(got[firstDiff]) : "<end>")
                full output:
                \(text)
                """, sourceLocation: sourceLocation)
        }
    }
}
