import MonitorIngest

/// How far the first read of a big file has got, while it is underway: for the status line's
/// "reading acled_sahel.csv 42% · 310k rows · 2 s left". Measured in the file's own bytes (of a
/// compressed file, its compressed bytes), so the percentage is of the file as `ls` sizes it.
public struct LoadProgress: Sendable, Hashable {
    /// The first batch of the read: when it came and how far the file had been read then.
    public var startedAtMillis: Int64
    public var startBytes: Int64
    /// The latest batch.
    public var atMillis: Int64
    public var bytesRead: Int64
    public var bytesWaiting: Int64
    /// Incidents read from the file so far.
    public var rows: Int

    /// A rate measured over less than this says little (the first batch or two): no time left yet.
    public static let minimumSpanMillis: Int64 = 500

    public init(startedAtMillis: Int64, startBytes: Int64, atMillis: Int64, bytesRead: Int64, bytesWaiting: Int64, rows: Int) {
        self.startedAtMillis = startedAtMillis
        self.startBytes = startBytes
        self.atMillis = atMillis
        self.bytesRead = bytesRead
        self.bytesWaiting = bytesWaiting
        self.rows = rows
    }

    /// 0…1 of the file read.
    public var fraction: Double {
        let total = bytesRead + bytesWaiting
        return total > 0 ? Double(bytesRead) / Double(total) : 0
    }

    /// Seconds left at the rate so far; nil until that rate is measured over `minimumSpanMillis`.
    public var secondsLeft: Double? {
        let span = atMillis - startedAtMillis
        let done = bytesRead - startBytes
        guard span >= Self.minimumSpanMillis, done > 0 else { return nil }
        return Double(bytesWaiting) / (Double(done) / (Double(span) / 1000))
    }

    /// The progress after `batch`, a batch of a first read that did not reach the file's end;
    /// nil when the batch says nothing of the file's size (a stream).
    package static func after(_ batch: IngestBatch, _ before: LoadProgress?, rows: Int) -> LoadProgress? {
        guard batch.bytesWaiting > 0 else { return before }
        var progress = before ?? LoadProgress(startedAtMillis: batch.arrivedAtMillis, startBytes: batch.bytesRead,
                                              atMillis: batch.arrivedAtMillis, bytesRead: batch.bytesRead,
                                              bytesWaiting: batch.bytesWaiting, rows: rows)
        progress.atMillis = max(progress.atMillis, batch.arrivedAtMillis)
        progress.bytesRead = batch.bytesRead
        progress.bytesWaiting = batch.bytesWaiting
        progress.rows = rows
        return progress
    }
}
