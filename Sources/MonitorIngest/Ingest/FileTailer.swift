import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows a file by name, the way `tail -F` does: reads what is there, then whatever is
/// appended; survives the file being missing, replaced, truncated or unreadable.
/// A compressed file (gzip, known by its first bytes) is read whole instead, and not followed.
/// It opens read-only and never writes.
public final class FileTailer: ByteSource {
    public let filePath: String
    public var path: String? { filePath }
    public private(set) var status: SourceStatus = .waiting(.unknown)
    /// The number of the last line read from the current file.
    public var lineNumber: Int { loop.lineNumber }
    public private(set) var bytesRead: Int64 = 0

    private var fd: Int32 = -1
    private var identity: (dev: UInt64, ino: UInt64)?
    /// Whether a file was ever opened under the name: a name missing since the start is reported
    /// as "no such file" (likely mistyped), one that went away as deleted or renamed.
    private var everOpened = false
    /// The file was renamed away: the next file to take the name is a rotation, even after a gap.
    private var renamedAway = false
    private var offset: Int64 = 0
    /// A file at its end may still grow: a partial last line waits for its newline.
    private var loop: ReadLoop
    /// The first bytes of the file and the last bytes read, to notice a rewrite that left the file
    /// longer than before (a CSV header alone would look unchanged, so both ends are compared).
    private var head: [UInt8] = []
    private var lastBytes: [UInt8] = []
    private var lastModified: timespec = timespec()
    package static let headLength = 64
    private let clock: @Sendable () -> Int64
    /// How the file is cut into records, chosen from its first line; a new file under the name
    /// chooses again.
    private let framing: ([UInt8]) -> Framing

    /// `framing` picks how the file is cut into records from its first line (`ReadLoop`).
    public init(path: String, clock: @escaping @Sendable () -> Int64 = { Int64(time(nil)) },
                framing: @escaping ([UInt8]) -> Framing = { _ in .lines }) {
        self.filePath = path
        self.clock = clock
        self.framing = framing
        loop = ReadLoop(finishesAtEnd: false, framing: framing)
    }

    /// Files rotated away that a writer may still append to, read until they go quiet.
    private var rotated: [RotatedFile] = []

    deinit {
        if fd >= 0 { close(fd) }
        for file in rotated { file.release() }
    }

    /// The file's size when the current poll began.
    private var sizeAtPoll: Int64 = 0

    /// A block handed back after decoding, read into again: a big read needs no fresh memory.
    private var spare: LineBlock?

    /// Whether the last poll stopped at its budget: a big read is under way.
    private var reading = false

    /// The number of rotated files still read, for tests.
    package var rotatedCount: Int { rotated.count }
    /// The size of a read now (0 when idle), and the read buffer's, for tests.
    package var readSize: Int { loop.currentReadSize }
    package var bufferCapacity: Int { loop.bufferCapacity }
    package var holdsSpareBlock: Bool { spare != nil }

    public func recycle(_ lines: LineBlock) {
        // Kept only while a big read goes on; an idle file holds no block (memory by need). An
        // unusually big block (a huge budget) is not worth holding on to either.
        spare = reading && lines.byteCapacity <= 16 << 20 ? lines : nil
    }

    /// The file's size now less what was read of it (of a compressed file, its compressed bytes);
    /// nil while there is no file to read.
    public var unread: Int? {
        var info = stat()
        if fd >= 0 {
            guard fstat(fd, &info) == 0 else { return nil }
            return Int(max(0, Int64(info.st_size) - offset))
        }
        guard stat(filePath, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Reads what is new, up to `budget` bytes.
    public func poll(budget: Int = 8 << 20) -> ReadBatch {
        var batch = ReadBatch()
        if var lines = spare {
            spare = nil
            lines.removeAll()
            batch.lines = lines
        }
        defer { reading = batch.more }
        if status == .readWhole { return batch }
        let (drained, cut) = readRotated(budget: budget, into: &batch)
        if cut {
            batch.more = true
            return batch
        }
        if fd < 0, !openFile(&batch) { return batch }
        checkTruncation(&batch)
        batch.more = readAvailable(budget: budget - drained, into: &batch)
        batch.backlog = Int(max(0, sizeAtPoll - offset))
        batch.position = offset
        batch.head = loop.takeHead()
        batch.damage = loop.takeDamage()
        if loop.compressed, loop.finished {
            // Read whole: a compressed file is not followed (the sources view says so).
            status = .readWhole
            closeFile()
            return batch
        }
        if !batch.more { checkReplaced(&batch) }
        return batch
    }

    /// Reads what writers still append to rotated files (before the file that has the name now,
    /// as they wrote it earlier), and lets go of those quiet for `RotatedFile.quietSeconds`.
    private func readRotated(budget: Int, into batch: inout ReadBatch) -> (bytes: Int, cut: Bool) {
        guard !rotated.isEmpty else { return (0, false) }
        let now = clock()
        var total = 0
        for i in rotated.indices {
            let (bytes, cut) = rotated[i].read(budget: budget - total, into: &batch.lines, now: now)
            total += bytes
            bytesRead += Int64(bytes)
            if cut { return (total, true) }
        }
        rotated.removeAll { file in
            guard file.isDone(now: now) else { return false }
            file.release()
            return true
        }
        return (total, false)
    }

    private func openFile(_ batch: inout ReadBatch) -> Bool {
        let opened = open(filePath, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else {
            let code = errno
            status = code == ENOENT || code == ENOTDIR ? .waiting(absence) : .unreadable(Self.describe(code))
            return false
        }
        var st = stat()
        guard fstat(opened, &st) == 0 else {
            status = .unreadable(Self.describe(errno))
            close(opened)
            return false
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            status = .unreadable("is a directory")
            close(opened)
            return false
        }
        let found = (UInt64(st.st_dev), UInt64(st.st_ino))
        // A rotated file renamed back: followed on from where it was, not read again from the top.
        if let back = rotated.firstIndex(where: { $0.identity == found }) {
            close(opened)
            takeBack(rotated.remove(at: back))
            return true
        }
        fd = opened
        if renamedAway { batch.events.append(.rotated(at: clock())) }
        renamedAway = false
        everOpened = true
        batch.restartAt = batch.lines.count
        identity = (UInt64(st.st_dev), UInt64(st.st_ino))
        offset = 0
        head = []
        lastBytes = []
        loop.restart()
        status = .following
        return true
    }

    /// A file shorter than what we have read was truncated (copy-and-truncate rotation). A file
    /// truncated and quickly written past its old size is caught by its first bytes changing.
    private func checkTruncation(_ batch: inout ReadBatch) {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return }
        let modified = st.st_mtim
        defer { lastModified = modified }
        sizeAtPoll = Int64(st.st_size)
        var truncated = Int64(st.st_size) < offset
        if !truncated, offset > 0, !head.isEmpty,
           modified.tv_sec != lastModified.tv_sec || modified.tv_nsec != lastModified.tv_nsec {
            truncated = bytes(at: 0, count: head.count) != head
                || bytes(at: offset - Int64(lastBytes.count), count: lastBytes.count) != lastBytes
        }
        guard truncated else { return }
        lseek(fd, 0, SEEK_SET)
        offset = 0
        head = []
        lastBytes = []
        loop.restart()
        batch.restartAt = batch.lines.count
        batch.events.append(.truncated(at: clock()))
    }

    private func bytes(at position: Int64, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(position)) }
        return Array(out.prefix(max(0, n)))
    }

    /// Returns true when it stopped because the budget ran out.
    private func readAvailable(budget: Int, into batch: inout ReadBatch) -> Bool {
        let (stop, _) = loop.readLines(fd, budget: budget, into: &batch.lines) { chunk in
            if head.count < Self.headLength {
                head.append(contentsOf: chunk.prefix(Self.headLength - head.count))
            }
            lastBytes = Array((lastBytes + chunk.suffix(Self.headLength)).suffix(Self.headLength))
            offset += Int64(chunk.count)
            bytesRead += Int64(chunk.count)
        }
        if case .failed(let code) = stop { status = .unreadable(Self.describe(code)) }
        return stop == .budgetSpent
    }

    /// Why the name has no file, as the status line tells it.
    private var absence: SourceStatus.Absence {
        renamedAway ? .renamed : everOpened ? .deleted : .noSuchFile
    }

    /// Read to the end of the old file first, then switch to whatever now has the name.
    private func checkReplaced(_ batch: inout ReadBatch) {
        var st = stat()
        if stat(filePath, &st) != 0 {
            // Renamed away (the file still has a name elsewhere): keep reading it until a new file
            // takes the name, as a writer appends to it until it reopens (logrotate's `create`).
            // Deleted: a writer holding it open may still append until it reopens the name, so it
            // is read as a rotated file is, until quiet.
            var own = stat()
            if fstat(fd, &own) == 0, own.st_nlink > 0 {
                renamedAway = true
            } else {
                handOverToRotated()
            }
            status = .waiting(absence)
            return
        }
        guard let identity else { return }
        if identity != (UInt64(st.st_dev), UInt64(st.st_ino)) {
            // The old file stays open and read (with its own lines and numbers) until it goes
            // quiet: a writer may append to it for a while yet.
            handOverToRotated()
            renamedAway = true
            if openFile(&batch) {
                _ = readAvailable(budget: 8 << 20, into: &batch)
            }
        } else if renamedAway {
            // Renamed back: the same file, followed as before.
            renamedAway = false
            status = .following
        }
    }

    /// The current file, read on as a rotated one; the name is then looked up afresh.
    private func handOverToRotated() {
        if let identity {
            rotated.append(RotatedFile(fd: fd, identity: identity, loop: loop, at: clock()))
        } else {
            close(fd)
        }
        fd = -1
        identity = nil
        loop = ReadLoop(finishesAtEnd: false, framing: framing)
    }

    /// Lets go of the file for good (a compressed one, read whole).
    private func closeFile() {
        if fd >= 0 { close(fd) }
        fd = -1
        identity = nil
    }

    /// Makes a rotated file the current one again, at the offset its descriptor has reached.
    private func takeBack(_ file: RotatedFile) {
        fd = file.fd
        identity = file.identity
        loop = file.loop
        offset = Int64(lseek(fd, 0, SEEK_CUR))
        head = bytes(at: 0, count: Self.headLength)
        lastBytes = bytes(at: max(0, offset - Int64(Self.headLength)), count: Int(min(offset, Int64(Self.headLength))))
        renamedAway = false
        everOpened = true
        status = .following
    }

    package static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
