import Foundation
import Testing
@testable import MonitorIngest

/// When sitmon starts itself again for huge pages (ARCHITECTURE.md §4): the decision alone, with
/// the kernel's setting and glibc's version given; the end-to-end suite checks the real start.
@Suite("Huge pages for a big load: when sitmon starts itself again")
struct HugePageRelaunchTests {
    let big = HugePageRelaunch.worthFrom
    let madvise = "always [madvise] never\n"
    let glibc = (major: 2, minor: 36)

    @Test("a big load on a kernel that gives huge pages on request: the tunable is added, after any the user set")
    func bigLoadAddsTheTunable() {
        #expect(HugePageRelaunch.tunables(reading: big, current: nil, kernelMode: madvise, glibc: glibc)
                == "glibc.malloc.hugetlb=1")
        #expect(HugePageRelaunch.tunables(reading: big, current: "", kernelMode: madvise, glibc: glibc)
                == "glibc.malloc.hugetlb=1")
        #expect(HugePageRelaunch.tunables(reading: big * 10, current: "glibc.malloc.arena_max=4", kernelMode: madvise,
                                          glibc: (3, 0))
                == "glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1")
    }

    @Test("no second start: small files, the tunable already named (the second start, or the user's choice), other kernels, old glibc")
    func otherwiseGoesOn() {
        #expect(HugePageRelaunch.tunables(reading: big - 1, current: nil, kernelMode: madvise, glibc: glibc) == nil)
        #expect(HugePageRelaunch.tunables(reading: big, current: "glibc.malloc.hugetlb=1", kernelMode: madvise, glibc: glibc) == nil)
        #expect(HugePageRelaunch.tunables(reading: big, current: "glibc.malloc.hugetlb=0", kernelMode: madvise, glibc: glibc) == nil)
        #expect(HugePageRelaunch.tunables(reading: big, current: "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2",
                                          kernelMode: madvise, glibc: glibc) == nil)
        // `always`: the heap has huge pages already; `never`: asking gives nothing.
        #expect(HugePageRelaunch.tunables(reading: big, current: nil, kernelMode: "[always] madvise never", glibc: glibc) == nil)
        #expect(HugePageRelaunch.tunables(reading: big, current: nil, kernelMode: "always madvise [never]", glibc: glibc) == nil)
        #expect(HugePageRelaunch.tunables(reading: big, current: nil, kernelMode: nil, glibc: glibc) == nil)
        // The tunable came with glibc 2.35; an older one would ignore it and start again for nothing.
        #expect(HugePageRelaunch.tunables(reading: big, current: nil, kernelMode: madvise, glibc: (2, 34)) == nil)
        #expect(HugePageRelaunch.tunables(reading: big, current: nil, kernelMode: madvise, glibc: nil) == nil)
    }

    @Test("the bytes of a load: regular files only; a folder, a missing file and a pipe count nothing")
    func bytesOfRegularFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitmon-huge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.jsonl").path, b = dir.appendingPathComponent("b.csv").path
        #expect(FileManager.default.createFile(atPath: a, contents: Data(repeating: 0x20, count: 1000)))
        #expect(FileManager.default.createFile(atPath: b, contents: Data(repeating: 0x20, count: 234)))
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(HugePageRelaunch.bytes(of: [a, b]) == 1234)
        #expect(HugePageRelaunch.bytes(of: [a, dir.path, dir.appendingPathComponent("none").path, fifo]) == 1000)
        #expect(HugePageRelaunch.bytes(of: []) == 0)
    }
}
