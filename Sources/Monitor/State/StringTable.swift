/// Interns strings that repeat across incidents (places, sources, types): each is kept once and
/// incidents hold a 32-bit index. Index 0 is the empty string.
public struct StringTable: Sendable {
    private var strings: [String] = [""]
    private var index: [String: UInt32] = ["": 0]

    public init() {}

    public mutating func intern(_ s: String) -> UInt32 {
        if let i = index[s] { return i }
        let i = UInt32(strings.count)
        strings.append(s)
        index[s] = i
        return i
    }

    public subscript(i: UInt32) -> String { Int(i) < strings.count ? strings[Int(i)] : "" }

    public var count: Int { strings.count }
}
