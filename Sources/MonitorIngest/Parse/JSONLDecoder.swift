import MonitorCore

/// sitmon's native format: one JSON object per line. Lines are independent, so it keeps no state.
public struct JSONLDecoder: IndependentLineDecoder {
    public let parser: JSONLineParser

    public init(builder: IncidentBuilder = IncidentBuilder()) {
        parser = JSONLineParser(builder: builder)
    }

    public mutating func decode(line: [UInt8], number: Int, file: String) -> [ParsedRecord] {
        decodeIndependent(line: line, number: number, file: file)
    }

    public func decodeIndependent(line: [UInt8], number: Int, file: String) -> [ParsedRecord] {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return [] }  // blank lines are not errors
        return [parser.record(line: line, origin: Origin(file: file, line: number))]
    }

    public mutating func reset() {}

    package static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for b in line where b != 0x20 && b != 0x09 { return false }
        return true
    }
}
