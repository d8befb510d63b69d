#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One source per file: the same file named twice (`sitmon f f`, `sitmon f ./f`, a link) would
/// be read twice, every incident then "revised" or doubled. Files are the same when their device
/// and inode are; a name with no file yet is compared by its absolute path.
public enum DistinctFiles {
    /// What makes two names the same file.
    package enum Identity: Hashable {
        case inode(device: UInt64, inode: UInt64)
        case path(String)
    }

    package static func identity(of path: String) -> Identity {
        var st = stat()
        if stat(path, &st) == 0 { return .inode(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)) }
        return .path(absolute(path))
    }

    /// `paths` with each file kept at its first naming, and a notice for each one dropped.
    public static func filter(_ paths: [String]) -> (kept: [String], notices: [String]) {
        filter(paths, identity: identity(of:))
    }

    package static func filter(_ paths: [String], identity: (String) -> Identity) -> (kept: [String], notices: [String]) {
        var index: [Identity: Int] = [:]
        var kept: [String] = []
        var times: [Int] = []
        for path in paths {
            let id = identity(path)
            if let i = index[id] {
                times[i] += 1
                continue
            }
            index[id] = kept.count
            kept.append(path)
            times.append(1)
        }
        // The file's own name keeps the notice short enough for the status line.
        let notices = zip(kept, times).filter { $0.1 > 1 }.map { path, n in
            "\(path.split(separator: "/").last.map(String.init) ?? path) given \(n == 2 ? "twice" : "\(n) times"); read once"
        }
        return (kept, notices)
    }

    /// The path from the root, `.` and `..` worked out in the folder's real path where it exists.
    private static func absolute(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let real = realpath(folder.isEmpty ? "/" : folder, nil) else { return path }
        defer { free(real) }
        let base = String(cString: real)
        return (base == "/" ? "" : base) + "/" + name
    }
}
