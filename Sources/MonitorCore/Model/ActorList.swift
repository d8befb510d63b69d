/// Up to seven actor ids packed in 32 bits (4 bits each, count in the top nibble), first the main
/// one. Keeps a million stored incidents free of per-incident arrays. The readers are `@inlinable`:
/// the filter and scan passes in MonitorState call them once per incident.
public struct ActorList: Sendable, Hashable, Sequence {
    public private(set) var raw: UInt32 = 0
    public static let capacity = 7

    public init() {}

    public init(_ ids: some Sequence<ActorID>) {
        for id in ids { append(id) }
    }

    @inlinable public var count: Int { Int(raw >> 28) }
    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable public subscript(index: Int) -> ActorID { ActorID((raw >> (UInt32(index) * 4)) & 0xF) }

    @inlinable public var first: ActorID? { isEmpty ? nil : self[0] }

    /// Adds an id unless present or full (ids above 15 cannot be stored and are dropped).
    public mutating func append(_ id: ActorID) {
        guard id < 16, count < Self.capacity, !contains(id) else { return }
        let n = UInt32(count)
        raw = (raw & 0x0FFF_FFFF) | (UInt32(id) << (n * 4)) | ((n + 1) << 28)
    }

    @inlinable public func contains(_ id: ActorID) -> Bool {
        for i in 0..<count where self[i] == id { return true }
        return false
    }

    /// Reads the ids off the packed bits. A plain struct: an `AnyIterator` over a closure put its
    /// counter in a heap box, an allocation per loop (the store counts actors per arrival).
    public struct Iterator: IteratorProtocol, Sendable {
        @usableFromInline var rest: UInt32
        @usableFromInline var left: Int

        @inlinable init(_ list: ActorList) {
            rest = list.raw
            left = list.count
        }

        @inlinable public mutating func next() -> ActorID? {
            guard left > 0 else { return nil }
            left -= 1
            let id = ActorID(rest & 0xF)
            rest >>= 4
            return id
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(self) }

    public var array: [ActorID] { (0..<count).map { self[$0] } }
}
