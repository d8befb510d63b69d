import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// Rotation as logrotate's `create` mode does it (issue 12): the file is renamed and a new one
/// created at once, while the writer goes on appending to the renamed file until it reopens the
/// name. Nothing written to either may be lost.
@Suite struct RotationWhileWritingTests {
    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: Int64 = 1_000
        var now: Int64 { lock.withLock { seconds } }
        func advance(_ by: Int64) { lock.withLock { seconds += by } }
    }

    static func put(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            done += n
        }
    }

    @Test("100,000 lines at speed, mv mid-way, the writer on the old file for 100 ms more: none lost, none twice")
    func writerThatReopensLateLosesNothing() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        let total = 100_000
        let renameAt = 50_000
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        // The tailer alone (no decoding), polled as the run loop does, so the reader keeps up
        // with the writer and sees the new file while the old one is still being written.
        let tailer = FileTailer(path: path)

        let finished = DispatchSemaphore(value: 0)
        let writer = Thread {
            defer { finished.signal() }
            var fd = open(path, O_WRONLY | O_APPEND)
            var next = 1
            var rotatedAt: Date?
            var reopened = false
            while next <= total {
                // Chunks of 100 lines, about 100,000 lines a second.
                var chunk = ""
                for n in next..<min(total + 1, next + 100) { chunk += "r\(n)\n" }
                Self.put(fd, chunk)
                next += 100
                if rotatedAt == nil, next > renameAt {
                    // logrotate: rename, then create the new file at once.
                    rename(path, path + ".1")
                    close(open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644))
                    rotatedAt = Date()
                }
                if let rotatedAt, !reopened, Date().timeIntervalSince(rotatedAt) >= 0.1 {
                    // The daemon reopens its log by name, 100 ms after the rename.
                    close(fd)
                    fd = open(path, O_WRONLY | O_APPEND)
                    reopened = true
                }
                usleep(1_000)
            }
            close(fd)
        }
        writer.start()

        var received: [String] = []
        func look() {
            var more = true
            while more {
                let batch = tailer.poll(budget: 1 << 20)
                for i in 0..<batch.lines.count {
                    if case .line(let bytes) = batch.lines.piece(i) { received.append(String(decoding: bytes, as: UTF8.self)) }
                }
                more = batch.more
            }
        }
        while finished.wait(timeout: .now() + .milliseconds(2)) == .timedOut { look() }
        look()
        // Every line exactly once (the old file's last lines may come after the new file's first
        // when the writer reopens during a look; the store orders by incident time anyway).
        #expect(received.count == total, "\(received.count) of \(total) lines arrived")
        #expect(Set(received) == Set((1...total).map { "r\($0)" }))
    }

    @Test func theRenamedFileIsReadUntilQuietThenLetGo() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Fixtures.line("a1"), to: path)
        let clock = Clock()
        let tailer = FileTailer(path: path, clock: { clock.now })
        let writer = open(path, O_WRONLY | O_APPEND)
        defer { close(writer) }
        var summaries: [String] = []
        func look() {
            let batch = tailer.poll(budget: 1 << 20)
            for i in 0..<batch.lines.count {
                if case .line(let bytes) = batch.lines.piece(i) {
                    summaries.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        look()
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        Fixtures.append(Fixtures.line("b1"), to: path)
        look()
        #expect(tailer.rotatedCount == 1)
        // The writer has not reopened yet: its lines still go to the renamed file.
        clock.advance(2)
        Self.put(writer, Fixtures.line("a2"))
        look()
        clock.advance(2)
        Self.put(writer, Fixtures.line("a3"))
        look()
        #expect(tailer.rotatedCount == 1, "let go while it was still written")
        clock.advance(RotatedFile.quietSeconds)
        look()
        #expect(tailer.rotatedCount == 0, "still held after \(RotatedFile.quietSeconds) s of quiet")
        let expected = ["a1", "b1", "a2", "a3"].map { Fixtures.line($0).dropLast() }.map(String.init)
        #expect(summaries == expected)
    }
}

extension RotationWhileWritingTests {
    @Test func aDeletedFileStillWrittenIsReadUntilQuiet() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Fixtures.line("d1"), to: path)
        let clock = Clock()
        let tailer = FileTailer(path: path, clock: { clock.now })
        let writer = open(path, O_WRONLY | O_APPEND)
        defer { close(writer) }
        var lines: [String] = []
        func look() {
            let batch = tailer.poll(budget: 1 << 20)
            for i in 0..<batch.lines.count {
                if case .line(let bytes) = batch.lines.piece(i) { lines.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        look()
        unlink(path)
        look()
        #expect(tailer.status == .waiting(.deleted))
        // The writer has not noticed: what it writes now exists only in the deleted file.
        Self.put(writer, Fixtures.line("d2"))
        clock.advance(1)
        look()
        #expect(tailer.rotatedCount == 1)
        clock.advance(RotatedFile.quietSeconds)
        look()
        #expect(tailer.rotatedCount == 0)
        #expect(lines == ["d1", "d2"].map { String(Fixtures.line($0).dropLast()) })
    }
}

extension RotationWhileWritingTests {
    @Test func aRotationUndoneIsFollowedOnNotReadTwice() throws {
        let dir = Fixtures.TempDir()
        let path = dir.file("log.jsonl")
        Fixtures.append(Fixtures.line("o1"), to: path)
        let tailer = FileTailer(path: path)
        var lines: [String] = []
        func look() {
            let batch = tailer.poll(budget: 1 << 20)
            for i in 0..<batch.lines.count {
                if case .line(let bytes) = batch.lines.piece(i) { lines.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        look()
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        Fixtures.append(Fixtures.line("n1"), to: path)
        look()
        #expect(tailer.rotatedCount == 1)
        // Renamed back over the new file.
        #expect(rename(path + ".1", path) == 0)
        look()
        Fixtures.append(Fixtures.line("o2"), to: path)
        look()
        #expect(lines == ["o1", "n1", "o2"].map { String(Fixtures.line($0).dropLast()) })
        #expect(tailer.lineNumber == 2)
    }
}
