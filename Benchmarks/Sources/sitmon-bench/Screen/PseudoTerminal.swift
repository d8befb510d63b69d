#if canImport(Glibc)
import Glibc
#endif

/// A program started in a pseudo-terminal this process opens itself (no tmux): the program's
/// standard input, output and error are the terminal's slave side, in a session of its own, so
/// the terminal is its controlling terminal exactly as in a terminal window.
final class PseudoTerminal {
    let pid: pid_t
    /// The master side: what the program draws is read here, keys are written here.
    let master: Int32
    private(set) var exitStatus: Int32?

    init(executable: String, arguments: [String], width: Int, height: Int, environment: [String: String]) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw UsageError("openpty failed: \(String(cString: strerror(errno)))")
        }
        // openpty sets the size already; TIOCSWINSZ again so the size holds whatever the libc does.
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = String(cString: ttyname(slave))
        defer { close(slave) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened by name after setsid (glibc runs setsid before the file actions): the first
        // terminal a session leader opens becomes its controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc ≥ 2.26); the Glibc module does not export the GNU constant.
        posix_spawnattr_setflags(&attributes, 0x80)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(master)
            throw UsageError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        self.master = master
    }

    /// Reads what the program wrote within `timeoutMs`; empty on timeout, nil once the terminal closed.
    func read(timeoutMs: Int32, into buffer: inout [UInt8]) -> Int? {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 1, timeoutMs)
        if ready == 0 || (ready < 0 && errno == EINTR) { return 0 }
        let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        return n > 0 ? n : nil  // EIO: the slave side is closed
    }

    func send(_ text: String) {
        _ = text.withCString { write(master, $0, strlen($0)) }
    }

    /// Waits for the program to end, reading (and dropping) its last output so it never blocks on a
    /// full terminal; after `graceMs` it is killed.
    func reap(graceMs: Int = 3000) -> Int32 {
        if let exitStatus { return exitStatus }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = monoNanos() + UInt64(graceMs) * 1_000_000
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if monoNanos() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            _ = read(timeoutMs: 20, into: &buffer)
        }
        close(master)
        exitStatus = status
        return status
    }
}
