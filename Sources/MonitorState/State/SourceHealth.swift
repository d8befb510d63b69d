/// Whether each source is alive, as the officer must see it: a following file that has gone
/// quiet for longer than `staleAfter` looks dead, and recent retractions are mentioned.
extension AppState {
    /// Seconds a following source has been silent, when that is longer than `staleAfter`; nil
    /// while it is fresh, not following (waiting, unreadable and ended say so themselves) or
    /// when staleness is off.
    public func silence(of source: SourceInfo, at time: Int64? = nil) -> Int64? {
        guard let limit = staleAfter, source.status == .following else { return nil }
        let now = time ?? self.now
        // A file that has said nothing yet has been silent since sitmon started.
        guard let since = source.lastDataAt ?? startedAt else { return nil }
        let quiet = now - since
        return quiet > limit ? quiet : nil
    }

    /// Retractions of the last `retractionShownFor` seconds, and when the latest came.
    public func recentRetractions(at time: Int64? = nil) -> (count: Int, latest: Int64)? {
        let now = time ?? self.now
        guard let latest = retracted.last?.at, now - latest < Self.retractionShownFor else { return nil }
        let count = retracted.reversed().prefix { now - $0.at < Self.retractionShownFor }.count
        return (count, latest)
    }

    /// Whether the screen would change if the clock moved to `time`: the minute turned, a
    /// source fell silent (or spoke), or a retraction notice expired. The run loop asks this
    /// on its once-a-second wake and sends `.tick` only then, so an idle sitmon redraws at most
    /// once a minute.
    public func tickDue(at time: Int64) -> Bool {
        if startedAt == nil || time / 60 != now / 60 { return true }
        for source in sources where (silence(of: source) == nil) != (silence(of: source, at: time) == nil) { return true }
        if let banner = watch.banner, time >= banner.until { return true }
        return (recentRetractions() == nil) != (recentRetractions(at: time) == nil)
    }
}
