import Testing
@testable import MonitorCore
@testable import MonitorState
@testable import MonitorViews

/// The watch on screen (ARCHITECTURE.md §9): the alert list, the feed's marks, the status line's
/// count and banner, the detail's notes, the command line. Rendered into a canvas, compared as text
/// and, for the alert colour, as styles.
@Suite struct WatchViewTests {
    let ctx = RenderContext(theme: .fallback(actorCount: 8))
    let ana = WatchStamp(officer: "ana", at: 1_692_000_000)
    let ben = WatchStamp(officer: "ben", at: 1_692_000_600)

    func watched() -> AppState {
        var state = Fixtures.state(Fixtures.tenDays, width: 120, height: 36)
        let e10 = IncidentRef(source: "fixture", id: "e10"), e9 = IncidentRef(source: "fixture", id: "e9")
        let k10 = AlertKey(rule: "JNIM near Timbuktu", incident: e10), k9 = AlertKey(rule: "Mass casualty", incident: e9)
        _ = Reducer().reduce(&state, .watch(.entries([
            WatchEntry(uid: "a1", stamp: ana, kind: .alert(AlertRaised(key: k9, place: "Gao", summary: "event 9", incidentTime: 0))),
            WatchEntry(uid: "a2", stamp: ben, kind: .alert(AlertRaised(key: k10, place: "Ber", summary: "event 10", incidentTime: 0))),
            WatchEntry(uid: "k1", stamp: ben, kind: .acknowledge(k9, note: "called Gao")),
            WatchEntry(uid: "f1", stamp: ana, kind: .flag(e10, on: true)),
            WatchEntry(uid: "n1", stamp: ana, kind: .note(e10, text: "convoy confirmed by liaison")),
        ])))
        return state
    }

    @Test func theAlertListShowsNewestFirstWithWhoAcknowledged() {
        var state = watched()
        _ = Reducer().reduce(&state, .key(.char("A")))
        let lines = Screen.render(state, ctx).lines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Alerts · 2 · 1 unacknowledged"))
        let first = lines.firstIndex { $0.contains("⚠ 2023-08-14 08:10Z JNIM near Timbuktu — Ber — event 10") }
        let second = lines.firstIndex { $0.contains("✓ 2023-08-14 08:00Z Mass casualty — Gao — event 9") }
        #expect(first != nil && second != nil && (first ?? 0) < (second ?? 0), "newest first:\n\(text)")
        #expect(text.contains("acknowledged by ben 2023-08-14 08:10Z: called Gao"))
        #expect(text.contains("raised by ben's sitmon · not acknowledged"))
    }

    @Test func theFeedMarksAlertFlagAndNoteAndTheStatusLineCounts() {
        var state = watched()
        // The selection off the newest row, so its marks keep their own colours.
        _ = Reducer().reduce(&state, .key(.char("j")))
        let canvas = Screen.render(state, ctx)
        let lines = canvas.lines
        guard let row = lines.firstIndex(where: { $0.contains("event 10") && $0.contains("⚠⚑✉") }) else {
            Issue.record("the newest row carries the three marks:\n\(lines.joined(separator: "\n"))")
            return
        }
        let column = Array(lines[row]).firstIndex(of: "⚠") ?? 0
        #expect(canvas[column, row].style == ctx.theme.style(.statusAlert))
        #expect(lines.last?.contains("1 alert unacknowledged (A)") == true)
        // An acknowledged alert's incident keeps a dim mark; one with none has no mark.
        #expect(lines.contains { $0.contains("event 9") && $0.contains("⚠") })
        #expect(!lines.contains { $0.contains("event 8") && $0.contains("⚠") })
    }

    @Test func theDetailListsFlagAlertsAndNotesWithWhoAndWhen() {
        var state = watched()
        _ = Reducer().reduce(&state, .key(.enter))
        let text = Screen.render(state, ctx).lines.joined(separator: "\n")
        #expect(text.contains("Flagged      by ana 2023-08-14 08:00Z"))
        // Wrapped to the box: the alert's line, then its continuation.
        #expect(text.contains("Alert        JNIM near Timbuktu · raised 2023-08-14 08:10Z by ben's sitmon · not"))
        #expect(text.contains("acknowledged (a)"))
        #expect(text.contains("Note         convoy confirmed by liaison (ana, 2023-08-14 08:00Z)"))
    }

    @Test func theBannerOutranksEverythingInTheAlertColour() {
        var state = watched()
        state.watch.banner = AlertBanner(key: AlertKey(rule: "x", incident: IncidentRef(source: "s", id: "i")),
                                         text: "ALERT: JNIM near Timbuktu — Ber — event 10", until: .max)
        let canvas = Screen.render(state, ctx)
        let status = canvas.lines.last ?? ""
        #expect(status.hasPrefix(" ALERT: JNIM near Timbuktu — Ber — event 10 │"), "\(status)")
        #expect(canvas[2, canvas.height - 1].style == ctx.theme.style(.statusAlert))
    }

    @Test func theCommandLineShowsWhatIsTypedAndWhyItWasRefused() {
        var state = watched()
        for key: Key in [.char(":"), .char("b"), .char("o"), .enter] { _ = Reducer().reduce(&state, .key(key)) }
        let status = Screen.render(state, ctx).lines.last ?? ""
        #expect(status.hasPrefix(":bo"), "\(status)")
        #expect(status.contains("unknown command \"bo\" (Tab lists them; ? shows help)"))
    }
}
