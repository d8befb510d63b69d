import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// sitmon's CSV reading (`CSVScanner` under `CSVTableReader`) agrees record by record with an
/// independent one: Python's `csv` module in strict mode, driven by `scripts/csv-reference.py`
/// with the same rule for where reading resumes after a bad record. The committed fixture needs no
/// Python; the random files need python3 (CI has it) and are skipped, saying why, without it.
@Suite struct CSVReferenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CSVReference")
    static let script = repository.appendingPathComponent("scripts/csv-reference.py").path
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A format that reports each record's fields (as JSON, in a bad line's reason) and nothing else,
    /// so the reader's records can be compared with the reference's.
    struct EchoFormat: CSVTableFormat {
        let fieldCount: Int
        let header: [String]
        var headerProblem: String? { nil }
        init(header: [String]) {
            fieldCount = header.count
            self.header = header
        }
        func fields(_ row: [String]) -> Result<IncidentBuilder.Fields, LineError> {
            let json = (try? JSONSerialization.data(withJSONObject: row)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
            return .failure(LineError("ROW " + json))
        }
        func pack(_ record: CSVRecord, into segment: inout PackedSegment, _ packer: inout CSVPacker) -> Bool { false }
    }

    /// What a reading gave, record by record, in the reference's terms.
    enum Seen: Equatable, CustomStringConvertible {
        case header([String])
        case fields(line: Int, [String])
        case bad(line: Int)
        case waiting(line: Int)

        var description: String {
            switch self {
            case .header(let f): "header \(f)"
            case .fields(let line, let f): "\(line): \(f)"
            case .bad(let line): "\(line): bad"
            case .waiting(let line): "waiting from \(line)"
            }
        }
    }

    /// Reads `data` through `CSVTableReader` in blocks of the given sizes (lines), as polls would.
    static func read(_ data: [UInt8], blockSizes: [Int]) -> [Seen] {
        var splitter = LineSplitter()
        var all = LineBlock()
        splitter.feed(data, into: &all)
        splitter.finish(into: &all)
        for i in 0..<all.count { all.lines[i].number = i + 1 }
        var reader = CSVTableReader<EchoFormat>(builder: IncidentBuilder(), maxRecordBytes: 1 << 20)
        var seen: [Seen] = []
        var at = 0
        var size = 0
        while at < all.count {
            let n = min(all.count - at, max(1, blockSizes[size % blockSizes.count]))
            size += 1
            var block = LineBlock()
            for i in at..<(at + n) { block.append(copyOf: all, line: i) }
            let out = reader.decode(block, 0..<block.count, file: "f.csv")
            if seen.isEmpty, let header = reader.format?.header { seen.append(.header(header)) }
            for bad in out.badLines {
                if bad.reason.hasPrefix("ROW "),
                   let row = try? JSONSerialization.jsonObject(with: Data(bad.reason.dropFirst(4).utf8)) as? [String] {
                    seen.append(.fields(line: bad.origin.line, row))
                } else {
                    seen.append(.bad(line: bad.origin.line))
                }
            }
            at += n
        }
        if reader.pendingLines > 0 { seen.append(.waiting(line: all.count - reader.pendingLines + 1)) }
        return seen
    }

    /// The reference's reading of a file (`csv-reference.py expect` output).
    static func expected(_ jsonLines: String) -> [Seen] {
        jsonLines.split(separator: "\n").compactMap { line -> Seen? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            if let waiting = object["waiting"] as? Int { return .waiting(line: waiting) }
            let number = object["line"] as? Int ?? -1
            if let header = object["header"] as? [String] { return .header(header) }
            if let fields = object["fields"] as? [String] { return .fields(line: number, fields) }
            return .bad(line: number)
        }
    }

    static func compare(_ data: [UInt8], _ expected: [Seen], _ label: String) {
        // Whole, line by line, in uneven blocks, and in blocks big enough to be cut into parallel chunks.
        for sizes in [[Int.max], [1], [3, 1, 7, 2], [5000]] {
            let seen = read(data, blockSizes: sizes)
            #expect(seen.count == expected.count, "\(label), blocks \(sizes): \(seen.count) records, reference \(expected.count)")
            if let k = (0..<min(seen.count, expected.count)).first(where: { seen[$0] != expected[$0] }) {
                Issue.record("\(label), blocks \(sizes): record \(k) is \(seen[k]), reference \(expected[k])")
            }
        }
    }

    @Test func committedFixtureAgreesWithPythonsReading() throws {
        let data = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("mixed.csv")))
        let reference = try String(contentsOf: Self.fixtures.appendingPathComponent("mixed.expected.jsonl"), encoding: .utf8)
        let expected = Self.expected(reference)
        #expect(expected.count > 300)
        #expect(expected.contains { if case .bad = $0 { true } else { false } })
        Self.compare(data, expected, "mixed.csv")
    }

    @Test(.enabled(if: python != nil, "python3 is not installed: the random files need it to read them"))
    func randomAndMutatedFilesAgreeWithPythonsReading() throws {
        let python = try #require(Self.python)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitmon-csv-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var dice = SplitMix64(seed: 4180)
        for seed in 1...12 {
            var data = try Self.run(python, ["generate", String(seed), String(seed == 1 ? 3000 : 150)])
            // Hostile damage on top: quotes, commas and line breaks inserted or removed at random,
            // between characters (a broken UTF-8 sequence is read as Latin-1 by sitmon, escaped by Python).
            if seed > 6 {
                for _ in 0..<dice.inRange(1...20) where !data.isEmpty {
                    let at = dice.below(data.count)
                    guard data[at] < 0x80, at == 0 || data[at - 1] < 0x80 else { continue }
                    if dice.chance(percent: 50) {
                        data.insert(dice.pick([0x22, 0x2C, 0x0A, 0x22, 0x20]), at: at)
                    } else if data[at] != 0x0D {
                        data.remove(at: at)
                    }
                }
                data += Array("end,end,end,end,end,end\n".utf8)
            }
            let file = folder.appendingPathComponent("random-\(seed).csv")
            try Data(data).write(to: file)
            let reference = String(decoding: try Self.run(python, ["expect", file.path]), as: UTF8.self)
            Self.compare(data, Self.expected(reference), "seed \(seed)")
        }
    }

    static func run(_ python: String, _ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
