import Foundation
#if os(Linux)
import CMalloc
#endif

/// How the C heap keeps memory freed while big files load (ARCHITECTURE.md §4).
///
/// A load allocates and frees the same large buffers batch after batch (blocks of lines, decoded
/// segments, the store's growing arrays). By default glibc hands big freed blocks straight back
/// to the system and trims its heaps as soon as their free tops pass 128 KiB, so the next batch
/// faults the same memory in again, zeroed page by page: 20,000 page faults and a sixth of the
/// CPU of loading a 200,000-row ACLED file. Keeping freed memory for reuse during the load, and
/// giving it back once the load is done (`giveBack`), keeps what sitmon holds bounded by what it
/// keeps while sparing that work.
public enum HeapTuning {
    /// Blocks below this come from the heap (reused when freed), not from their own mapping.
    public static let mappedFrom = 32 << 20
    /// Free memory at a heap's top is handed back beyond this only.
    public static let trimmedFrom = 256 << 20

    /// Heaps the threads share: one a core. glibc's default (eight a core) gave the reading,
    /// decoding and storing threads a heap each, and memory freed on one was not reused by
    /// another: 20 MiB more at the peak of a 1,000,000-line load, for no gain in speed.
    public static var heaps: Int { max(2, ProcessInfo.processInfo.activeProcessorCount) }

    /// Called once at start, before any file is read.
    public static func keepFreedMemoryWhileLoading() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, Int32(mappedFrom))
        _ = mallopt(M_TRIM_THRESHOLD, Int32(trimmedFrom))
        _ = mallopt(M_ARENA_MAX, Int32(heaps))
        #endif
    }

    /// Hands the heap's free memory back to the system: when a load is done, and now and then.
    public static func giveBack() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
