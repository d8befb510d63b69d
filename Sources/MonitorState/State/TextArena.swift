import Foundation

/// Append-only storage for summary and id bytes. Chunks never move, so `TextRef`s stay valid
/// for the arena's life. Copies of a store share it, hence the lock.
package final class TextArena: @unchecked Sendable {
    /// What `put` changes, behind a pointer: a class's stored properties cost a dynamic
    /// exclusivity check at each write, one per text copied in (two per arrival).
    private struct Fill {
        var chunks: [UnsafeMutableRawPointer] = []
        var cursor: UnsafeMutableRawPointer?
        var left = 0
        var bytes = 0
    }
    private let fill: UnsafeMutablePointer<Fill>
    private let lock = NSLock()
    package var bytes: Int { fill.pointee.bytes }
    package static let chunkSize = 1 << 20

    package init() {
        fill = .allocate(capacity: 1)
        fill.initialize(to: Fill())
    }

    deinit {
        for chunk in fill.pointee.chunks { free(chunk) }
        fill.deinitialize(count: 1)
        fill.deallocate()
    }

    package func append(_ a: String, _ b: String) -> (TextRef, TextRef) {
        var a = a, b = b
        return a.withUTF8 { a in
            b.withUTF8 { b in
                lock.lock()
                defer { lock.unlock() }
                return (put(UnsafeRawBufferPointer(a)), put(UnsafeRawBufferPointer(b)))
            }
        }
    }

    /// Runs `body` holding the lock, for a run of `putHoldingLock` calls.
    package func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Copies bytes in; the caller holds the lock (inside `withLock`).
    package func putHoldingLock(_ src: UnsafeRawBufferPointer) -> TextRef { put(src) }

    package func append(_ a: TextRef, _ b: TextRef) -> (TextRef, TextRef) {
        lock.lock()
        defer { lock.unlock() }
        return (put(a.bytes), put(b.bytes))
    }

    private func put(_ src: UnsafeRawBufferPointer) -> TextRef {
        let n = src.count
        guard n > 0, let from = src.baseAddress else { return .empty }
        let f = fill
        f.pointee.bytes += n
        if n > Self.chunkSize / 4 {
            // Long texts get a block of their own, so chunks are not wasted.
            let block = malloc(n)!
            f.pointee.chunks.append(block)
            block.copyMemory(from: from, byteCount: n)
            return TextRef(base: UnsafeRawPointer(block), count: UInt32(n))
        }
        if n > f.pointee.left {
            let chunk = malloc(Self.chunkSize)!
            f.pointee.chunks.append(chunk)
            f.pointee.cursor = chunk
            f.pointee.left = Self.chunkSize
        }
        let at = f.pointee.cursor!
        at.copyMemory(from: from, byteCount: n)
        f.pointee.cursor = at + n
        f.pointee.left -= n
        return TextRef(base: UnsafeRawPointer(at), count: UInt32(n))
    }
}
