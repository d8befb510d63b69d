import Glibc

/// Wakes the run loop when a followed file's folder changes (inotify). Without it the loop
/// still looks once a second, so this only makes arrivals immediate.
final class FileWatcher {
    let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Watches the folders holding `paths`; nil when inotify is unavailable.
    init?(paths: [String]) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_CLOSE_WRITE)
        var folders = Set<String>()
        for path in paths {
            let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
            folders.insert(folder.isEmpty ? "/" : folder)
        }
        for folder in folders { _ = inotify_add_watch(fd, folder, mask) }
    }

    deinit { close(fd) }

    /// Empties the event queue; which file changed does not matter, every source is polled.
    func drain() {
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
