/// Interns strings that repeat across incidents (places, sources, types): each is kept once and
/// incidents hold a 32-bit index. Index 0 is the empty string.
public struct StringTable: Sendable {
    private var strings: [String] = [""]
    private var index: [String: UInt32] = ["": 0]

    public init() {}

    /// Recently interned strings by a cheap hash: the same few places and sources repeat line
    /// after line, and comparing one string is cheaper than hashing it.
    private var recent = [UInt32](repeating: 0, count: 64)

    public mutating func intern(_ s: String) -> UInt32 {
        let u = s.utf8
        let slot = (u.count &* 31 &+ Int(u.first ?? 0) &* 7 &+ Int(u.last ?? 0)) & 63
        let guess = recent[slot]
        if strings[Int(guess)] == s { return guess }
        let i: UInt32
        if let found = index[s] {
            i = found
        } else {
            i = UInt32(strings.count)
            strings.append(s)
            index[s] = i
        }
        recent[slot] = i
        return i
    }

    /// The index of `s` if it was interned, without interning it.
    public func lookup(_ s: String) -> UInt32? { index[s] }

    public subscript(i: UInt32) -> String { Int(i) < strings.count ? strings[Int(i)] : "" }

    public var count: Int { strings.count }
}
