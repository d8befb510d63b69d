import Glibc

/// Wakes the run loop when a source has finished decoding on its own thread (a pipe the loop
/// polls), so a slow decode never keeps the loop waiting and a finished one is stored at once.
final class DecodeWake: Sendable {
    /// The end the loop polls.
    let fd: Int32
    private let writeEnd: Int32

    /// nil when no pipe can be made; the loop then finds finished decodes within a second.
    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        fd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(fd)
        close(writeEnd)
    }

    /// From any thread: one byte, never blocking (a full pipe already wakes the loop).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake.
    func drain() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while bytes.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
