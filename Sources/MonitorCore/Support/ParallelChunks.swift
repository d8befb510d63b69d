import Foundation

/// Work cut into contiguous parts that run on every core at once: a big batch of lines to
/// decode, a million incidents to scan.
package enum ParallelChunks {
    /// Splits `0..<count` into `parts` contiguous ranges of one size (the last may be shorter,
    /// even empty), runs `body` on all of them at once and returns the results in range order,
    /// ready to merge. A single part runs on the calling thread. `body` is called once per part,
    /// never per element, and each call must touch only what its own part owns.
    package static func map<Part>(_ count: Int, parts: Int, _ body: (_ part: Int, _ range: Range<Int>) -> Part) -> [Part] {
        let parts = max(1, parts)
        if parts == 1 { return [body(0, 0..<max(0, count))] }
        let size = (max(0, count) + parts - 1) / parts
        return withoutActuallyEscaping(body) { body in
            [Part](unsafeUninitializedCapacity: parts) { out, initialized in
                // Each iteration writes only its own slot of `out`; `body` promises the same of
                // whatever else it touches.
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let body = body
                DispatchQueue.concurrentPerform(iterations: parts) { c in
                    let lower = min(count, c * size)
                    out.initializeElement(at: c, to: body(c, lower..<min(count, lower + size)))
                }
                initialized = parts
            }
        }
    }
}
