/// A fast 64-bit hash of bytes for sitmon's own tables (ids, memo keys), seeded per process so
/// that a hostile file cannot line up collisions in advance. Sixteen bytes per step through a
/// 64x64→128-bit multiply, folded; not cryptographic, but well mixed in every bit.
enum ByteHash {
    /// Per-process seed, taken from Swift's own randomly seeded hasher.
    static let seed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x5173_6D6F_6E21 as UInt64)
        return UInt64(bitPattern: Int64(hasher.finalize())) | 1
    }()

    private static let k1: UInt64 = 0xA076_1D64_78BD_642F
    private static let k2: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let k3: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    @inline(__always) private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always) private static func load(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        // Up to 8 bytes, little-endian, zero-filled.
        if count >= 8 { return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for k in 0..<count { word |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << (8 * UInt64(k)) }
        return word
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed ^ mix(UInt64(bytes.count) ^ k1, k2)
        guard let base = bytes.baseAddress else { return mix(h ^ k3, k1) }
        var i = 0
        let n = bytes.count
        while i + 16 <= n {
            let a = UInt64(littleEndian: (base + i).loadUnaligned(as: UInt64.self))
            let b = UInt64(littleEndian: (base + i + 8).loadUnaligned(as: UInt64.self))
            h = mix(a ^ k1, b ^ h)
            i += 16
        }
        if i < n {
            let left = n - i
            let a = load(base + i, min(8, left))
            let b = left > 8 ? load(base + i + 8, left - 8) : 0
            h = mix(a ^ k2, b ^ h ^ k3)
        }
        return mix(h ^ k3, k1 ^ h)
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }
}

/// The hash the store files an id under. Ids that Swift holds equal (canonically equivalent,
/// "café" spelt with é or with e and a combining accent) must hash alike, so non-ASCII ids are
/// hashed in their NFC form, the form Swift's own String hashing uses.
enum IDHash {
    static func of(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { of(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func of(bytes: UnsafeRawBufferPointer) -> UInt64 {
        if isASCII(bytes) { return ByteHash.hash(bytes) }
        let nfc = String(decoding: bytes, as: UTF8.self)._nfcCodeUnits
        return ByteHash.hash(nfc)
    }

    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var any: UInt64 = 0
        while i + 8 <= bytes.count {
            any |= (base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            any |= UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        return any & 0x8080_8080_8080_8080 == 0
    }
}
