import Testing
@testable import MonitorIngest
@testable import MonitorState

/// Sends `action` and compares the whole input state afterwards, as the Composable Architecture's
/// TestStore does: `expect` turns a copy of the inputs from before the action into what they must
/// be after it, so a change the test did not name fails it as surely as a missing one.
func assertReduce(_ state: inout AppState, _ action: Action, reducer: Reducer = Reducer(), effects: [Effect] = [],
                  sourceLocation: SourceLocation = #_sourceLocation, _ expect: (inout AppInputs) -> Void = { _ in }) {
    var expected = state.inputs
    expect(&expected)
    let got = reducer.reduce(&state, action)
    #expect(got == effects, "effects of \(action)", sourceLocation: sourceLocation)
    let after = state.inputs
    guard after != expected else { return }
    // Name the fields that differ, so the failure reads as a diff rather than two walls of text.
    var differing: [String] = []
    for (a, b) in zip(Mirror(reflecting: after).children, Mirror(reflecting: expected).children)
    where String(describing: a.value) != String(describing: b.value) {
        differing.append("\(a.label ?? "?"): got \(a.value), expected \(b.value)")
    }
    let text = "after \(action):\n" + differing.joined(separator: "\n")
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
}
