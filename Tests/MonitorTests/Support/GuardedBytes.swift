import Glibc

/// Room for bytes that end where an unreadable page begins, so that a scan reading even one byte
/// past them crashes the test instead of passing by luck (vector loads read many bytes at once).
final class GuardedBytes {
    private let region: UnsafeMutableRawPointer
    private let pageSize: Int
    /// How many bytes fit before the unreadable page.
    let capacity: Int

    init?(pages: Int = 2) {
        pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        capacity = pages * pageSize
        guard let mapped = mmap(nil, capacity + pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED else { return nil }
        region = mapped
        guard mprotect(region + capacity, pageSize, PROT_NONE) == 0 else {
            munmap(region, capacity + pageSize)
            return nil
        }
    }

    deinit { munmap(region, capacity + pageSize) }

    /// `body` with a copy of `bytes` that ends at the unreadable page.
    func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> R) -> R {
        precondition(bytes.count <= capacity)
        let start = region + (capacity - bytes.count)
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { start.copyMemory(from: from, byteCount: bytes.count) }
        }
        return body(UnsafeRawBufferPointer(start: start, count: bytes.count))
    }
}
