import MonitorCore

/// The watch log as the run loop uses it (ARCHITECTURE.md §9): never throws, never loses what an
/// officer added. What cannot be written now is kept in memory, in order, and written by a later
/// `flush()` once the log is back; `status` says why it is not ("watch log unavailable: …").
/// Owned and called by the run loop's thread only, so it is not `Sendable`.
public final class WatchLogClient {
    public typealias Opener = () throws -> any WatchLog

    private let opener: Opener
    private var log: (any WatchLog)?
    /// Entries not yet in the log, oldest first.
    public private(set) var pending: [WatchEntry] = []
    /// The officer's session when saving it failed; the newest replaces an older one.
    private var pendingSession: WatchSession?
    private var cursor = WatchCursor.start
    public private(set) var problem: WatchLogProblem?

    /// Tries to open the log at once; a failure is only a status until a later call succeeds.
    public init(open: @escaping Opener) {
        opener = open
        _ = connected()
    }

    public convenience init(location: WatchLogLocation) {
        self.init { try SQLiteWatchLog(location: location) }
    }

    /// nil while the log works; else a line for the status bar, with what is held in memory.
    public var status: String? {
        guard let problem else { return nil }
        let held = pending.count + (pendingSession == nil ? 0 : 1)
        return held == 0 ? problem.description : "\(problem.description) (\(held) unsaved)"
    }

    /// Keeps the entries after any already waiting, and tries to write them all now.
    public func record(_ entries: [WatchEntry]) {
        pending.append(contentsOf: entries)
        flush()
    }

    public func saveSession(_ session: WatchSession) {
        pendingSession = session
        flush()
    }

    /// Writes what is waiting, reopening the log first if it had failed. Call it on the run loop's
    /// regular wake: that is the retry. Returns whether nothing is left waiting.
    @discardableResult
    public func flush() -> Bool {
        guard let log = connected() else { return false }
        do {
            if !pending.isEmpty {
                try log.record(pending)  // one transaction: all or none, so the order holds
                pending.removeAll()
            }
            if let session = pendingSession {
                try log.saveSession(session)
                pendingSession = nil
            }
            problem = nil
            return true
        } catch {
            failed(error)
            return false
        }
    }

    /// What the log holds that this client has not returned yet, by anyone (this sitmon's own
    /// entries included: recognise them by `uid`), oldest first. The first call returns the whole
    /// log; later ones read only when another connection committed. Empty when unavailable.
    public func newEntries() -> [WatchEntry] {
        guard let log = connected() else { return [] }
        do {
            let changed = try cursor == .start || log.hasChanged()
            readWorked()
            guard changed else { return [] }
            let (entries, next) = try log.entries(after: cursor)
            cursor = next
            return entries
        } catch {
            failed(error)
            return []
        }
    }

    public func lastSession(officer: String) -> WatchSession? {
        if let session = pendingSession, session.officer == officer { return session }
        guard let log = connected() else { return nil }
        do {
            let session = try log.lastSession(officer: officer)
            readWorked()
            return session
        } catch {
            failed(error)
            return nil
        }
    }

    public func latestHandover(after time: Int64?) -> WatchEntry? {
        guard let log = connected() else { return nil }
        do {
            let handover = try log.latestHandover(after: time)
            readWorked()
            return handover
        } catch {
            failed(error)
            return nil
        }
    }

    /// Closes the log and opens it again (the officer fixed its permissions, or moved it back).
    public func reopen() {
        log = nil
        flush()
    }

    /// The open log, opening it if needed; nil (and `problem` set) when it cannot be opened.
    private func connected() -> (any WatchLog)? {
        if let log { return log }
        do {
            let opened = try opener()
            log = opened
            readWorked()
            return opened
        } catch {
            failed(error)
            return nil
        }
    }

    /// A read or an open worked: the problem is over unless writes are still waiting (then the
    /// next `flush()` says whether they went through).
    private func readWorked() {
        if pending.isEmpty, pendingSession == nil { problem = nil }
    }

    private func failed(_ error: any Error) {
        let problem = error as? WatchLogProblem ?? WatchLogProblem(.other, "\(error)")
        self.problem = problem
        // A busy log is only busy: keep the connection. Anything else may be a changed file
        // (replaced, permissions, damage): the next call opens it afresh.
        if problem.kind != .busy { log = nil }
    }
}
