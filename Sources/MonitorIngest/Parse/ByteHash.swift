/// A fast 64-bit hash of bytes for sitmon's own tables (ids, memo keys), seeded per process so
/// that a hostile file cannot line up collisions in advance. Sixteen bytes per step through a
/// 64x64→128-bit multiply, folded; not cryptographic, but well mixed in every bit (the low bits
/// pick a table slot).
package enum ByteHash {
    /// Per-process seed, taken from Swift's own randomly seeded hasher.
    package static let seed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x5173_6D6F_6E21 as UInt64)
        return UInt64(bitPattern: Int64(hasher.finalize())) | 1
    }()

    private static let k1: UInt64 = 0xA076_1D64_78BD_642F
    private static let k2: UInt64 = 0xE703_7ED1_A0B4_28DB

    @inline(__always) private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always) private static func load8(_ p: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
    }

    @inline(__always) private static func load4(_ p: UnsafeRawPointer) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
    }

    /// A key of at most 16 bytes as two words: the first and last 8 (or 4) bytes, overlapping when
    /// shorter; three sampled bytes below 4. Together with the length they are the key exactly.
    @inline(__always)
    package static func words(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let n = bytes.count
        guard let p = bytes.baseAddress, n > 0 else { return (0, 0) }
        if n >= 8 { return (load8(p), load8(p + n - 8)) }
        if n >= 4 { return (load4(p), load4(p + n - 4)) }
        let a = UInt64(p.load(as: UInt8.self)) << 16 | UInt64(p.load(fromByteOffset: n / 2, as: UInt8.self)) << 8
            | UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
        return (a, 0)
    }

    /// The hash of a key of `count` bytes from its two (final) words.
    @inline(__always)
    package static func finish(_ a: UInt64, _ b: UInt64, count: Int, seed: UInt64) -> UInt64 {
        mix(mix(a ^ k1, b ^ seed) ^ UInt64(count), k2)
    }

    package static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 { hash(bytes, seed: seed) }

    /// Short keys (most places, types and names) in two multiplies and no loop. Hot loops pass
    /// `seed` from a copy they hold: reading the lazily made global costs a runtime call each time.
    package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let n = bytes.count
        if n <= 16 {
            let (a, b) = words(bytes)
            return finish(a, b, count: n, seed: seed)
        }
        guard let p = bytes.baseAddress else { return finish(0, 0, count: 0, seed: seed) }
        var h = seed
        var i = 0
        while i + 16 < n {
            h = mix(load8(p + i) ^ k1, load8(p + i + 8) ^ h)
            i += 16
        }
        return finish(load8(p + n - 16) ^ h, load8(p + n - 8) ^ (h >> 7), count: n, seed: seed)
    }

    package static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }
}

/// The hash the store files an id under. Ids that Swift holds equal (canonically equivalent,
/// "café" spelt with é or with e and a combining accent) must hash alike, so non-ASCII ids are
/// hashed in their NFC form, the form Swift's own String hashing uses.
package enum IDHash {
    package static func of(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { of(bytes: UnsafeRawBufferPointer($0)) }
    }

    package static func of(bytes: UnsafeRawBufferPointer, seed: UInt64 = ByteHash.seed) -> UInt64 {
        if isASCII(bytes) { return ByteHash.hash(bytes, seed: seed) }
        let nfc = String(decoding: bytes, as: UTF8.self)._nfcCodeUnits
        return nfc.withUnsafeBytes { ByteHash.hash($0, seed: seed) }
    }

    /// `@inlinable`: the store (MonitorState) asks it per incident.
    @inlinable package static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
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
