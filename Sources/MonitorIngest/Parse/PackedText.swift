import Foundation

/// A segment's summary and id bytes in one malloc'd block, so the store can keep the block as it
/// is instead of copying the texts into its arena (ARCHITECTURE.md §4). An Array's storage cannot
/// be handed over: a pointer out of its `withUnsafeBytes` is not valid after the call.
///
/// A value, copied on write: copies share the block until one of them writes, and a block handed
/// over (`handOver`) is never written again, because its new holder's reference keeps it shared.
package struct PackedText: @unchecked Sendable {
    /// Owns the allocation; `base` changes only while this is the block's one reference.
    private final class Block {
        var base: UnsafeMutableRawPointer
        init(_ base: UnsafeMutableRawPointer) { self.base = base }
        deinit { free(base) }
    }

    /// nil until the first byte.
    private var block: Block?
    /// The block's address and size, kept here so an append reads no class field.
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    package private(set) var count = 0

    package init() {}

    package init(_ bytes: some Sequence<UInt8>) {
        append(contentsOf: bytes)
    }

    package var isEmpty: Bool { count == 0 }

    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(block) { try body(UnsafeRawBufferPointer(start: base, count: count)) }
    }

    package mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        makeRoom(count + n)
        // makeRoom leaves a block of at least count + n bytes.
        guard let base else { return }
        (base + count).copyMemory(from: from, byteCount: n)
        count += n
    }

    package mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { append(contentsOf: UnsafeRawBufferPointer($0)) }
        if done == nil { for byte in bytes { append(byte) } }
    }

    package mutating func append(_ byte: UInt8) {
        makeRoom(count + 1)
        guard let base else { return }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Takes back the bytes from `range.lowerBound` on (a record the fast path gave up). Writes
    /// nothing, so a copy sharing the block is not disturbed.
    package mutating func removeSubrange(_ range: PartialRangeFrom<Int>) {
        precondition(range.lowerBound >= 0 && range.lowerBound <= count, "PackedText.removeSubrange out of range")
        count = range.lowerBound
    }

    package mutating func reserveCapacity(_ wanted: Int) {
        if wanted > capacity || !isKnownUniquelyReferenced(&block) { reallocate(max(wanted, count)) }
    }

    /// Gives back the room beyond `count` (the reserve a decoder made), once the segment is
    /// complete: on the decoder's core, so the store's thread adopts a block with no spare room.
    package mutating func finish() {
        if capacity > count { reallocate(count) }
    }

    /// The block's bytes, kept alive by `owner` and never written again while the caller holds
    /// `owner`; nil when there is nothing to hand over or the block still has spare room (not
    /// `finish`ed), for the caller to copy the bytes instead.
    package func handOver() -> (owner: AnyObject, bytes: UnsafeRawBufferPointer)? {
        guard count > 0, capacity == count, let block, let base else { return nil }
        return (block, UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Ensures a block of its own with room for `needed` bytes, growing by half at least.
    @inline(__always)
    private mutating func makeRoom(_ needed: Int) {
        if needed <= capacity, isKnownUniquelyReferenced(&block) { return }
        reallocate(needed <= capacity ? capacity : max(needed, capacity + capacity / 2, 64))
    }

    /// A block of exactly `size` bytes holding the first `count`: resized in place when this
    /// value holds it alone, else a fresh block (the old one stays as the other holders see it).
    private mutating func reallocate(_ size: Int) {
        if size == 0 {
            block = nil
            base = nil
            capacity = 0
            return
        }
        // The check comes first: a binding of `block` would itself be a second reference.
        if isKnownUniquelyReferenced(&block), let held = block, let resized = realloc(held.base, size) {
            held.base = resized
            base = resized
        } else {
            guard let fresh = malloc(size) else { fatalError("PackedText: out of memory") }
            if let base, count > 0 { fresh.copyMemory(from: base, byteCount: count) }
            block = Block(fresh)
            base = fresh
        }
        capacity = size
    }
}

extension PackedText: Equatable {
    package static func == (a: PackedText, b: PackedText) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } }
    }
}
