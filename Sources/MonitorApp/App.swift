import CNcurses
import Glibc
import Monitor

/// The run loop: one poll() over the keyboard and the file watcher, then sources → actions →
/// reducer → render → terminal. Nothing runs between events, so an idle sitmon sleeps.
final class App {
    private let readers: [SourceReader]
    private var state: AppState
    private let reducer = Reducer()
    private var context: RenderContext

    /// How long poll() may sleep with nothing happening: the fallback for files inotify cannot see.
    static let idleWakeMilliseconds: Int32 = 1000
    /// Bytes read from one source per turn of the loop: small enough that keys are looked at
    /// between turns while a flood is read, large enough to decode on both cores.
    static let readBudget = 1 << 20

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Keys come from standard input, or from the terminal itself when standard input carries events.
    private let keyboardFD: Int32
    private let readsStandardInput: Bool

    private let catalog: ThemeCatalog
    private let mouse: Bool
    private let watch: WatchLink
    /// `--fresh`: start with the default view, not the one the officer left.
    private let fresh: Bool
    /// The theme was chosen on the command line or by NO_COLOR: a restored view keeps it.
    private let themeFixed: Bool
    /// `briefing_dir` from config.toml: where `:write` puts briefings; nil: the current directory.
    private let briefingDir: String?

    init(sources: [SourceSpec], theme: Theme, catalog: ThemeCatalog, ascii: Bool, capacity: Int,
         choose: @escaping SourceReader.DecoderChoice, notice: String?, mouse: Bool,
         staleAfter: Int64? = AppState.defaultStaleAfter, watch: WatchLink, watchConfig: WatchSetup,
         fresh: Bool = false, themeFixed: Bool = false, briefingDir: String? = nil) {
        self.fresh = fresh
        self.themeFixed = themeFixed
        self.catalog = catalog
        self.briefingDir = briefingDir
        self.mouse = mouse
        self.watch = watch
        readers = sources.enumerated().map { index, spec in
            switch spec {
            case .file(let path, let name): SourceReader(index: index, path: path, displayName: name, choose: choose)
            case .standardInput: SourceReader(index: index, stream: STDIN_FILENO, displayName: "stdin", choose: choose)
            }
        }
        readsStandardInput = sources.contains(.standardInput)
        keyboardFD = readsStandardInput ? open("/dev/tty", O_RDWR | O_CLOEXEC) : STDIN_FILENO
        // The starting state; from here on only the reducer changes it.
        state = AppState(sources: sources.map { SourceInfo(name: $0.name) }, capacity: capacity, themeName: theme.name,
                         notice: notice, staleAfter: staleAfter)
        state.setWatchConfig(zones: watchConfig.zones, rules: watchConfig.rules, bell: watchConfig.bell)
        // Known before the log's entries are applied: named views are the officer's own.
        state.watch.officer = watch.officer
        context = RenderContext(theme: theme, ascii: ascii, measure: TerminalBackend.width)
    }

    /// The log's entries, then who this officer is and where their last session left each file,
    /// before any file is read: what was alerted is not alerted again, what arrived meanwhile is news.
    private func startWatch(_ backend: TerminalBackend) {
        _ = reducer.reduce(&state, .watch(.entries(watch.poll())))
        var session = watch.lastSession()
        // `--fresh`: the files are still read as the session left them, only the view is not restored.
        if fresh { session?.view = nil }
        // A theme named on the command line (or NO_COLOR) wins over the one the session had.
        if themeFixed, let text = session?.view, var view = SavedView.decode(text) {
            view.theme = nil
            session?.view = view.json
        }
        let paths = readers.map(\.tailer.path)
        _ = perform(reducer.reduce(&state, .watch(.started(officer: watch.officer, session: session,
                                                            resumeFrom: WatchLink.resumeOffsets(session, paths: paths)))), backend)
        _ = reducer.reduce(&state, .watch(.problem(watch.problem)))
    }

    /// On the loop's regular wake: what others recorded, the log's health, and now and then the session.
    private func followWatch(_ dirty: inout Bool) {
        let entries = watch.poll()
        if !entries.isEmpty {
            _ = reducer.reduce(&state, .watch(.entries(entries)))
            dirty = true
        }
        if watch.problem != state.watch.logProblem {
            _ = reducer.reduce(&state, .watch(.problem(watch.problem)))
            dirty = true
        }
        let now = Self.now()
        if now - lastSessionSave >= Self.sessionSaveNanoseconds {
            lastSessionSave = now
            watch.saveSession(state, paths: readers.map(\.tailer.path), at: Self.wallClock())
            // What evictions and compactions freed since goes back to the system.
            HeapTuning.giveBack()
        }
    }

    private var lastSessionSave: UInt64 = 0
    private var lastWatchLook: UInt64 = 0
    static let sessionSaveNanoseconds: UInt64 = 60_000_000_000
    /// What other officers record shows within this (the issue asks for 2 s).
    static let watchLookNanoseconds: UInt64 = 1_000_000_000

    /// Runs until quit or a signal; returns the exit code.
    func run() -> Int32 {
        guard isatty(STDOUT_FILENO) == 1 else {
            printError("standard output is not a terminal; run sitmon in a terminal (it draws a full-screen display)")
            return 2
        }
        guard keyboardFD >= 0, isatty(keyboardFD) == 1 else {
            printError(readsStandardInput
                ? "cannot open the terminal (/dev/tty) for keys while events come on standard input"
                : "standard input is not a terminal; keys are read from it (use - to read events from standard input)")
            return 2
        }
        sitmon_install_signal_handlers()
        let backend: TerminalBackend
        do {
            backend = try TerminalBackend(inputFD: keyboardFD)
        } catch {
            printError(error.description)
            return 2
        }
        defer { backend.end() }
        if mouse { sitmon_enable_mouse() }
        let watcher = FileWatcher(paths: readers.compactMap(\.tailer.path))
        // Decoding runs on each reader's own thread; a finished decode wakes the loop.
        let wake = DecodeWake()
        if let wake {
            for reader in readers { reader.decoded = { wake.signal() } }
        }
        let size = backend.size
        _ = reducer.reduce(&state, .resize(width: size.width, height: size.height))
        startWatch(backend)
        lastSessionSave = Self.now()
        // The officer's place is kept however sitmon ends (q, a signal, the terminal gone).
        defer { watch.saveSession(state, paths: readers.map(\.tailer.path), at: Self.wallClock()) }
        _ = reducer.reduce(&state, .tick(Self.wallClock()))
        var dirty = true
        var finished = false
        var moreToRead = readSources(backend, &dirty, &finished)
        var keyPressed = true
        var pacing = FramePacing()

        while true {
            if sitmon_take_signal() != 0 { return 0 }
            // Keys and the end of a file's first read redraw at once; other arrivals at the pace's
            // rate, so a flood of lines cannot starve the keyboard or repaint the screen hundreds
            // of times a second.
            var wait = moreToRead ? 0 : Self.idleWakeMilliseconds
            let loading = moreToRead || readers.contains { !state.sources[$0.index].caughtUp }
            switch pacing.decide(now: Self.now(), dirty: dirty, urgent: keyPressed || finished, loading: loading) {
            case .idle: break
            case .draw:
                backend.draw(Screen.render(state, context))
                pacing.drew(at: Self.now())
                dirty = false
                keyPressed = false
                finished = false
            case .wait(let nanoseconds):
                wait = min(wait, Int32(nanoseconds / 1_000_000) + 1)
            }
            var fds = [pollfd(fd: keyboardFD, events: Int16(POLLIN), revents: 0)]
            if let watcher { fds.append(pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0)) }
            if let wake { fds.append(pollfd(fd: wake.fd, events: Int16(POLLIN), revents: 0)) }
            // Standard input carrying events wakes the loop while it is open (its status as last
            // stored: the reader's own may be changing on its decoding thread).
            if readsStandardInput, readers.contains(where: { $0.tailer.path == nil && state.sources[$0.index].status == .following }) {
                fds.append(pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0))
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if sitmon_take_signal() != 0 { return 0 }
            if ready < 0 && errno != EINTR { return 1 }
            // The terminal went away (SSH drop, closed window): stop rather than spin on errors.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return 0 }
            // Read keys after every wake, not only when input is ready: a resize arrives as SIGWINCH,
            // which interrupts poll(), and curses reports it as a key on the next read.
            if sitmon_take_continued() != 0 {
                backend.invalidate()
                dirty = true
                keyPressed = true
            }
            var keyDirty = false
            if handleKeys(backend, &keyDirty) { return 0 }
            if keyDirty {
                dirty = true
                keyPressed = true
            }
            if let watcher, fds.contains(where: { $0.fd == watcher.fd && $0.revents & Int16(POLLIN) != 0 }) { watcher.drain() }
            if let wake, fds.contains(where: { $0.fd == wake.fd && $0.revents & Int16(POLLIN) != 0 }) { wake.drain() }
            moreToRead = readSources(backend, &dirty, &finished)
            // Other officers' entries: looked for at most once a second, on the wake that is there anyway.
            if Self.now() - lastWatchLook >= Self.watchLookNanoseconds {
                lastWatchLook = Self.now()
                followWatch(&dirty)
            }
            // The clock and "no data for" follow the wall clock; the state says when that shows.
            let wall = Self.wallClock()
            if state.tickDue(at: wall) {
                _ = reducer.reduce(&state, .tick(wall))
                dirty = true
            }
        }
    }

    /// Returns true when a key asked to quit.
    private func handleKeys(_ backend: TerminalBackend, _ dirty: inout Bool) -> Bool {
        while let event = backend.readKey() {
            switch event {
            case .resize:
                let size = backend.size
                _ = reducer.reduce(&state, .resize(width: size.width, height: size.height))
                backend.invalidate()
                dirty = true
            case .key(let key):
                if perform(reducer.reduce(&state, .key(key)), backend) { return true }
                dirty = true
            case .mouse(let action):
                _ = reducer.reduce(&state, action)
                dirty = true
            case .ignored:
                break
            }
        }
        return false
    }

    /// Carries out what the reducer asked for; returns true when it asked to quit.
    private func perform(_ effects: [Effect], _ backend: TerminalBackend) -> Bool {
        for effect in effects {
            switch effect {
            case .quit: return true
            case .cycleTheme: switchTheme(backend)
            case .readSourceLine(let slot, let file, let offset, let id):
                _ = reducer.reduce(&state, .sourceLine(slot: slot, readSourceLine(file: file, offset: offset, id: id)))
            case .record(let kind):
                let entries = watch.record(kind, at: Self.wallClock())
                _ = reducer.reduce(&state, .watch(.entries(entries)))
                if watch.problem != state.watch.logProblem { _ = reducer.reduce(&state, .watch(.problem(watch.problem))) }
            case .bell:
                backend.bell()
            case .setTheme(let name):
                let (theme, notice) = catalog.resolve(name)
                context.theme = theme
                _ = reducer.reduce(&state, .themeChanged(name: theme.name, notice: notice))
                backend.invalidate()
            case .writeBriefing(let folder):
                writeBriefing(into: folder)
            }
        }
        return false
    }

    /// Builds the briefing of the view as it stands and writes it (ARCHITECTURE.md §10); the
    /// reducer is told where it went, or why it did not.
    private func writeBriefing(into folder: String?) {
        let brief = Briefing(state: state, writtenAt: Self.wallClock())
        let outcome = BriefWriter.write(BriefFiles.build(brief, theme: context.theme),
                                        into: folder ?? briefingDir ?? ".", folderName: brief.folderName)
        _ = reducer.reduce(&state, .briefing(outcome))
    }

    /// One line of a source read again for the detail view (read-only; standard input cannot be).
    private func readSourceLine(file: String, offset: Int64, id: String?) -> SourceLineContent {
        // The store names files by display name; the reader knows the path (nil: standard input).
        guard let reader = readers.first(where: { $0.displayName == file }) else {
            return .unavailable("no source is named \(file)")
        }
        return SourceLineReader.read(path: reader.tailer.path, offset: offset, id: id)
    }

    /// Loads the next theme of the catalog and repaints everything in it; the reducer records
    /// which theme it is, so the status line can name it.
    private func switchTheme(_ backend: TerminalBackend) {
        let (theme, notice) = catalog.next(after: state.themeName)
        context.theme = theme
        _ = reducer.reduce(&state, .themeChanged(name: theme.name, notice: notice))
        backend.invalidate()
    }

    /// Seconds since 1970 (UTC), for the status line's clock and the sources' silence.
    static func wallClock() -> Int64 { Int64(time(nil)) }

    /// Polls every source once; returns true when one stopped at its byte budget with more to read
    /// now. A source still decoding is passed over (its thread wakes the loop when done): no
    /// read, however slow to decode, holds up keys and signals. `finished` is set when a source
    /// has just been read to its end for the first time.
    private func readSources(_ backend: TerminalBackend, _ dirty: inout Bool, _ finished: inout Bool) -> Bool {
        var more = false
        for reader in readers {
            guard let (batch, cut) = reader.pollWithoutWaiting(budget: Self.readBudget) else { continue }
            more = more || cut
            let info = state.sources[batch.source]
            // A source not yet caught up must report even an empty look: what it sends later is news.
            if !batch.isEmpty || info.status != batch.status || !info.caughtUp {
                // An ingest asks for nothing but alerts to record and the bell.
                _ = perform(reducer.reduce(&state, .ingest(batch)), backend)
                dirty = true
                if !info.caughtUp, state.sources[batch.source].caughtUp {
                    finished = true
                    // The load's buffers, kept for reuse while it ran, go back to the system.
                    HeapTuning.giveBack()
                }
            }
        }
        return more
    }
}

/// Writes `sitmon: message` to standard error.
func printError(_ message: String) {
    let line = "sitmon: \(message)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
