import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// A snapshot holds styles as well as glyphs: a change of colour or attribute alone must fail it,
/// and say where.
@Suite struct SnapshotStyleTests {
    let red = Style(fg: .indexed(1))
    let boldRed = Style(fg: .indexed(1), attributes: .bold)

    func canvas() -> Canvas {
        var canvas = Canvas(width: 8, height: 3)
        _ = canvas.put("alert", x: 1, y: 0, style: red)
        _ = canvas.put("巴马", x: 0, y: 1, style: Style(bg: .indexed(17)))
        canvas.fill(Rect(x: 0, y: 2, width: 8, height: 1), style: Style(attributes: .reverse))
        return canvas
    }

    @Test func theLayerHasALegendInOrderOfFirstUseAndOneLetterPerCharacter() {
        #expect(SnapshotGrid(canvas()).styleLayer == """
            \(SnapshotStyles.header)
            a fg default bg default
            b fg 1 bg default
            c fg default bg 17
            d fg default bg default reverse
            ---
            abbbbb
            cc
            dddddddd

            """)
    }

    @Test func aStyleChangeAloneIsReportedWithItsRowAndColumn() {
        let before = SnapshotGrid(canvas())
        var changed = canvas()
        changed.setStyle(x: 3, y: 0, boldRed)
        let after = SnapshotGrid(changed)
        #expect(before.lines == after.lines)
        #expect(SnapshotStyles.firstDifference(expected: before.styleLayer, got: after.styleLayer)
                == "row 1, column 4: expected fg 1 bg default, got fg 1 bg default bold")
        #expect(SnapshotStyles.firstDifference(expected: before.styleLayer, got: before.styleLayer) == nil)
    }

    @Test func checkFailsOnAStyleChangeAgainstTheRecordedFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitmon-snapshot-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let grid = SnapshotGrid(canvas())
        try (grid.lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        try grid.styleLayer.write(to: folder.appendingPathComponent("s.styles.txt"), atomically: true, encoding: .utf8)
        Snapshot.check(grid, named: "s", in: folder, record: false)

        var changed = canvas()
        changed.setStyle(x: 2, y: 2, .plain)
        // The comparison `check` runs on the style layers names the changed cell.
        let difference = SnapshotStyles.firstDifference(expected: grid.styleLayer, got: SnapshotGrid(changed).styleLayer)
        #expect(difference?.contains("row 3, column 3") == true, "\(String(describing: difference))")
        #expect(SnapshotGrid(changed).lines == grid.lines, "only the style changed")
    }
}
