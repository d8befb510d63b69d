import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one line of an event file again, for the detail view: opened read-only, one `pread` at
/// the offset the line was read at, at most `limit` bytes. Never writes.
public enum SourceLineReader {
    public static let limit = SourceLineContent.readLimit
    package static let changed = "the file has changed since this line was read"

    /// `path` nil: the source is standard input, which cannot be read again. `id`: the incident's
    /// id, which the line must still hold (a check that it is the same line).
    public static func read(path: String?, offset: Int64, id: String?) -> SourceLineContent {
        guard let path else { return .unavailable("standard input: lines are not kept") }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .unavailable("the file is gone: \(TextSanitizer.clean(path))") }
            return .unavailable("cannot open \(TextSanitizer.clean(path)): \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            return .unavailable("\(TextSanitizer.clean(path)) is not a regular file: its lines cannot be read again")
        }
        // Offsets of a compressed file's lines count inflated bytes: they cannot be read again in place.
        if bytes(fd, at: 0, count: 2) == [0x1F, 0x8B] {
            return .unavailable("a compressed file's lines are not read again")
        }
        guard offset >= 0, offset < Int64(st.st_size) else { return .unavailable(changed) }
        var line = bytes(fd, at: offset, count: limit + 1)
        // The line must start a line: after a newline, or at the top (after a byte-order mark); or
        // be a GeoJSON feature cut out of a collection (`GeoJSONFramer`), which starts with `{`
        // wherever it is and ends with its closing brace.
        let feature = line.first == 0x7B ? objectEnd(line) : nil
        if offset > 0, feature == nil {
            let before = bytes(fd, at: offset - 1, count: 1)
            let bom = offset == 3 && bytes(fd, at: 0, count: 3) == [0xEF, 0xBB, 0xBF]
            guard before == [0x0A] || bom else { return .unavailable(changed) }
        }
        var cut = false
        if let feature, feature <= limit, !line[..<feature].contains(0x0A) {
            line.removeSubrange(feature...)
        } else if let newline = line.firstIndex(of: 0x0A) {
            line.removeSubrange(newline...)
        } else if line.count > limit {
            line.removeSubrange(limit...)
            cut = true
        }
        if line.last == 0x0D { line.removeLast() }
        let text = TextSanitizer.clean(String(decoding: line, as: UTF8.self))
        if let id, !id.isEmpty, !cut, !contains(line, Array(id.utf8)), !text.contains(id) {
            return .unavailable(changed)
        }
        return .line(text, cut: cut)
    }

    /// Where the JSON object that `bytes` starts with ends (after its closing brace), if it does.
    private static func objectEnd(_ bytes: [UInt8]) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for (k, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return k + 1 }
            default: break
            }
        }
        return nil
    }

    /// Up to `count` bytes at `position` (fewer at the end of the file or on an error).
    private static func bytes(_ fd: Int32, at position: Int64, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, count - got, off_t(position) + off_t(got)) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        return Array(out.prefix(got))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
