import Foundation
import MonitorIngest

/// Append-only storage for summary and id bytes: chunks it fills, and the text blocks of packed
/// segments it keeps as they are (`adoptHoldingLock`). Neither moves, so `TextRef`s stay valid
/// for the arena's life. Copies of a store share it, hence the lock.
package final class TextArena: @unchecked Sendable {
    /// What `put` changes, behind a pointer: a class's stored properties cost a dynamic
    /// exclusivity check at each write, one per text copied in (two per arrival).
    private struct Fill {
        var chunks: [UnsafeMutableRawPointer] = []
        var cursor: UnsafeMutableRawPointer?
        var left = 0
        var bytes = 0
        /// Segments' text blocks, kept alive while the arena is.
        var adopted: [AnyObject] = []
        /// Bytes malloc'd or adopted, room not yet filled included.
        var allocated = 0
    }
    private let fill: UnsafeMutablePointer<Fill>
    private let lock = NSLock()
    package var bytes: Int { fill.pointee.bytes }
    /// What the arena holds in memory: `bytes` and the room its chunks leave unfilled.
    package var allocated: Int { fill.pointee.allocated }
    package static let chunkSize = 1 << 20
    /// A segment's text below this size is copied into a chunk rather than adopted, so a live
    /// arrival of a line or two costs no block of its own.
    package static let adoptFrom = 4 << 10

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

    /// Keeps a segment's text and says where it starts: the block as it is, so the store's
    /// thread copies nothing (ARCHITECTURE.md §4), or, when it is small or still has spare room
    /// (not `finish`ed), a copy of its bytes, put like any text. nil when it is empty. The caller
    /// holds the lock. A segment's text is its records' summaries and ids and nothing else, so
    /// every byte kept counts in `bytes` and becomes dead when its record goes.
    package func adoptHoldingLock(_ text: PackedText) -> UnsafeRawPointer? {
        guard text.count >= Self.adoptFrom, let (owner, block) = text.handOver() else {
            return text.withUnsafeBytes { put($0).base }
        }
        let f = fill
        f.pointee.adopted.append(owner)
        f.pointee.bytes += block.count
        f.pointee.allocated += block.count
        return block.baseAddress
    }

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
            f.pointee.allocated += n
            block.copyMemory(from: from, byteCount: n)
            return TextRef(base: UnsafeRawPointer(block), count: UInt32(n))
        }
        if n > f.pointee.left {
            let chunk = malloc(Self.chunkSize)!
            f.pointee.chunks.append(chunk)
            f.pointee.allocated += Self.chunkSize
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
