import MonitorCore

/// Field readers the CSV fast path shares between formats. Each gives exactly what the general
/// path makes of the same field (`trimmingCharacters(in: .whitespaces)`, then `IncidentBuilder`'s
/// cleaning), or nil when it cannot be sure, and the record then takes the general path.
package enum CSVPacking {
    /// The field without surrounding spaces and tabs; nil when a character at either end of what
    /// is left is not ASCII and might be a Unicode space the general path trims, or is not valid UTF-8.
    @inline(__always)
    package static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        // Loads through the base pointer: every row trims a dozen fields, and the buffer's
        // checked subscript was not always inlined into the packer.
        guard let base = raw.baseAddress, raw.count > 0 else { return raw }
        // Most fields start and end with printable ASCII other than a space: nothing to trim and
        // nothing to check (two loads instead of two loops, a dozen fields a row).
        let first = base.load(as: UInt8.self), last = base.load(fromByteOffset: raw.count &- 1, as: UInt8.self)
        if first > 0x20, last > 0x20, first | last < 0x80 { return raw }
        var lower = 0
        var upper = raw.count
        while lower < upper {
            let b = base.load(fromByteOffset: lower, as: UInt8.self)
            if b != 0x20, b != 0x09 { break }
            lower &+= 1
        }
        while upper > lower {
            let b = base.load(fromByteOffset: upper &- 1, as: UInt8.self)
            if b != 0x20, b != 0x09 { break }
            upper &-= 1
        }
        let t = UnsafeRawBufferPointer(start: base + lower, count: upper &- lower)
        if upper > lower,
           base.load(fromByteOffset: lower, as: UInt8.self) | base.load(fromByteOffset: upper &- 1, as: UInt8.self) >= 0x80,
           !edgesAreNotSpaces(t) { return nil }
        return t
    }

    /// Whether the first and last scalars of `t` are valid UTF-8 and not Unicode spaces (what
    /// `CharacterSet.whitespaces` holds beyond ASCII: the space separators).
    private static func edgesAreNotSpaces(_ t: UnsafeRawBufferPointer) -> Bool {
        func scalar(at i: Int) -> Unicode.Scalar? {
            let lead = t[i]
            let width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
            guard width > 0, i + width <= t.count else { return nil }
            var v = width == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> UInt32(width))
            for k in 1..<max(1, width) {
                let b = t[i + k]
                guard b & 0xC0 == 0x80 else { return nil }
                v = v << 6 | UInt32(b & 0x3F)
            }
            return Unicode.Scalar(v)
        }
        func notSpace(_ s: Unicode.Scalar?) -> Bool {
            guard let s else { return false }
            // Below U+0800 the only space separators are U+0020 and U+00A0: no look-up in the
            // Unicode tables for the accented letters that start and end place names.
            if s.value < 0x800 { return s.value != 0x20 && s.value != 0xA0 }
            return s.properties.generalCategory != .spaceSeparator
        }
        var last = t.count - 1
        while last > 0, t[last] & 0xC0 == 0x80, t.count - last < 4 { last -= 1 }
        return notSpace(scalar(at: 0)) && notSpace(scalar(at: last))
    }

    /// A trimmed field's text as the builder stores it: read as UTF-8 (Latin-1 when not valid),
    /// sanitised, trimmed of spaces. Called once per spelling (the context remembers it).
    package static func cleaned(_ trimmed: UnsafeRawBufferPointer) -> String {
        TextSanitizer.clean(String(utf8OrLatin1: Array(trimmed))).trimmingSpaces
    }

    /// Appends a text the sanitiser leaves alone to the segment's text, with its letter mask; nil
    /// when the sanitiser would change it.
    @inline(__always)
    package static func copy(_ trimmed: UnsafeRawBufferPointer, to text: inout PackedText)
        -> (start: UInt32, count: UInt32, ascii: Bool, letters: UInt32)? {
        PackedDecodeContext.appendIfCleanWithLetters(trimmed, trim: true, to: &text)
    }

    /// A whole number of at most nine plain digits (what `Int(text)` reads the same); nil otherwise.
    @inline(__always)
    package static func count(_ t: UnsafeRawBufferPointer) -> UInt32? {
        guard t.count >= 1, t.count <= 9 else { return nil }
        var value: UInt32 = 0
        for b in t {
            guard b &- 0x30 < 10 else { return nil }
            value = value * 10 + UInt32(b &- 0x30)
        }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var p = 1.0
        for _ in 0..<exponent { p *= 10 }
        return p
    }

    /// A decimal `-?digits(.digits)?` of at most 15 significant digits, as `Double(text)` reads it
    /// (one correctly rounded division of exact operands); nil for anything else.
    @inline(__always)
    package static func decimal(_ t: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        let n = t.count
        var negative = false
        if i < n, t[i] == 0x2D {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        let intStart = i
        while i < n, t[i] &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(t[i] &- 0x30)
            digits += 1
            i += 1
        }
        guard i > intStart else { return nil }
        if i < n, t[i] == 0x2E {
            i += 1
            let fracStart = i
            while i < n, t[i] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(t[i] &- 0x30)
                digits += 1
                i += 1
            }
            fraction = i - fracStart
            guard fraction > 0 else { return nil }
        }
        guard i == n, digits <= 15 else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    /// Copies a trimmed id into the segment and hashes it as the store does; nil when the sanitiser
    /// would change it.
    @inline(__always)
    package static func id(_ trimmed: UnsafeRawBufferPointer, _ segment: inout PackedSegment, seed: UInt64)
        -> (start: UInt32, count: UInt32, ascii: Bool, hash: UInt64)? {
        // Most ids are short printable ASCII, which the sanitiser leaves alone: one check here
        // instead of its call, and the ASCII question answered with it.
        let printable = TextSanitizer.isPrintableASCII(utf8: trimmed)
        guard printable || TextSanitizer.isAlreadyClean(utf8: trimmed) else { return nil }
        let start = segment.text.count
        segment.text.append(contentsOf: trimmed)
        let ascii = printable || IDHash.isASCII(trimmed)
        let hash = ascii ? ByteHash.hash(trimmed, seed: seed) : IDHash.of(bytes: trimmed, seed: seed)
        return (UInt32(start), UInt32(trimmed.count), ascii, hash)
    }

    /// Adds the names of one actor column to `actors`: the whole field, or its `;`-separated parts
    /// (associated actors). False when the record must take the general path.
    @inline(__always)
    package static func addActors(_ raw: UnsafeRawBufferPointer, list: Bool, _ actors: inout PackedActors,
                                  _ packer: inout CSVPacker) -> Bool {
        // Most associated-actor fields are empty.
        guard let base = raw.baseAddress, raw.count > 0 else { return true }
        let n = raw.count
        var start = 0
        while start <= n {
            var end = n
            if list {
                // A plain loop: `firstIndex(of:)` on a slice of raw bytes called a subscript per byte.
                var k = start
                while k < n, base.load(fromByteOffset: k, as: UInt8.self) != 0x3B { k &+= 1 }
                end = k
            }
            guard let name = trimmed(UnsafeRawBufferPointer(start: base + start, count: end &- start)) else { return false }
            if !name.isEmpty {
                let entry = packer.context.knownActor(raw: name)
                    ?? packer.context.actor(raw: name, packer.builder.registry) { cleaned(name) }
                guard actors.add(entry, otherID: packer.otherID) else { return false }
            }
            start = end + 1
        }
        return true
    }
}
