import Foundation
import Testing

/// The harness itself: what a child started by the end-to-end tests can and cannot see.
@Suite("EndToEnd: harness") struct HarnessTests {
    /// A descriptor the test process holds open (without close-on-exec, as Foundation's file
    /// copy opens its target) must not reach the child: a tmux server that inherited it would
    /// hold it for its whole life, and an executable held open for writing cannot be run.
    @Test("a child started by E2EShell inherits no descriptor beyond 0, 1 and 2")
    func childInheritsOnlyTheStandardDescriptors() throws {
        let dir = try E2ETempDir()
        let path = try dir.write("held", lines: ["x"])
        let fd = open(path, O_WRONLY)
        try #require(fd > 2)
        defer { close(fd) }
        let run = E2EShell.run(["/bin/sh", "-c", "if [ -e /proc/$$/fd/\(fd) ]; then echo inherited; else echo closed; fi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "closed\n", "\(run.stdout)")
    }
}
