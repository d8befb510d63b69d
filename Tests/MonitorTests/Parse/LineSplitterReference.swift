@testable import MonitorIngest

/// What `LineSplitter` promises, worked out from the whole stream at once, a byte at a time and
/// nothing clever: the reference the splitter is checked against however its input is cut.
enum LineSplitterReference {
    /// One line as a test compares it: the bytes kept, its length if overlong, its file offset.
    struct Cut: Equatable, CustomStringConvertible {
        var bytes: [UInt8]
        var overlongLength: Int?
        var offset: Int64

        var description: String {
            "@\(offset) \(overlongLength.map { "overlong \($0) " } ?? "")\(bytes.count) bytes \(bytes.prefix(12))"
        }
    }

    /// The lines of `stream`, and how many bytes of an unfinished last line are held back (none
    /// when the stream `finished`: that line counts).
    static func lines(_ stream: [UInt8], maxLine: Int = LineSplitter.maxLineBytes,
                      finished: Bool) -> (lines: [Cut], pending: Int) {
        var out: [Cut] = []
        // A byte-order mark at the very start belongs to no line.
        var start = stream.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line: [UInt8] = []
        func emit() {
            var kept = line
            if kept.last == 0x0D { kept.removeLast() }
            if kept.count > maxLine {
                out.append(Cut(bytes: Array(kept.prefix(200)), overlongLength: kept.count, offset: Int64(start)))
            } else {
                out.append(Cut(bytes: kept, overlongLength: nil, offset: Int64(start)))
            }
        }
        var k = start
        while k < stream.count {
            if stream[k] == 0x0A {
                emit()
                line = []
                start = k + 1
            } else {
                line.append(stream[k])
            }
            k += 1
        }
        if finished, !line.isEmpty {
            emit()
            return (out, 0)
        }
        return (out, line.count)
    }

    /// The lines of `block` from `first` on, as the reference gives them.
    static func cuts(_ block: LineBlock, from first: Int = 0) -> [Cut] {
        (first..<block.count).map { i in
            Cut(bytes: block.array(i), overlongLength: block.lines[i].overlongLength, offset: block.lines[i].offset)
        }
    }
}
