/// What the one-pass nested scan hands over, and asks (`JSONScanner.scanFields(_:into:)`). A
/// protocol, not closures, so that a decoder's visitor is specialised into the scan loop and
/// called directly: through closures, each member cost an indirect call and a `JSONField` built
/// on the stack for it (some 250 instructions a GeoJSON feature).
package protocol JSONNestedVisitor {
    /// Whether the members of the object value of the top-level member `key` go to `nested`.
    mutating func descend(_ key: UnsafeRawBufferPointer) -> Bool
    mutating func nested(_ field: JSONField)
    /// Whether the elements of the array value of the descended member `key` go to `element`.
    mutating func descendArray(_ key: UnsafeRawBufferPointer) -> Bool
    mutating func element(_ field: JSONField)
    /// A top-level member.
    mutating func visit(_ field: JSONField)
}

extension JSONScanner {
    /// `scanFields` that also reads chosen object members one level down, in the same pass: the
    /// members of an object value whose key `descend` accepts go to `nested` as they are
    /// validated, where `scanFields` would step over them (GeoJSON's `properties` and `geometry`
    /// are read once instead of validated, then scanned again). `descend` is asked with the
    /// member's key (keys written with escapes are never descended into) just before its members;
    /// the value is then visited whole, as by `scanFields`. The grammar, the limits and what is an
    /// error are `scanFields`'s: a line is accepted by one exactly when by the other.
    ///
    /// Likewise one level further down, the elements of an array member of a descended object
    /// whose key `descendArray` accepts go to `element` (with an empty key) as they are validated,
    /// just before that member goes to `nested` (GeoJSON's `coordinates`, whose numbers are then
    /// not scanned a second time).
    package static func scanFields<V: JSONNestedVisitor>(_ bytes: UnsafeRawBufferPointer, into visitor: inout V) -> JSONScanError? {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return JSONScanError(offset: 0, message: "unexpected end of input")
        }
        var cursor = JSONCursor(base, bytes.count)
        do throws(JSONScanError) {
            try cursor.scanTopLevelObject(&visitor)
            return nil
        } catch {
            return error
        }
    }
}

extension JSONCursor {
    /// `scanTopLevelObject`, descending into the object members `descend` accepts.
    fileprivate mutating func scanTopLevelObject<V: JSONNestedVisitor>(_ visitor: inout V) throws(JSONScanError) {
        skipByteOrderMark()
        guard try peekAfterWhitespace() == 0x7B else { throw fail(i, "expected '{'") }
        i += 1
        if try peekAfterWhitespace() == 0x7D {
            i += 1
            try expectEnd()
            return
        }
        while true {
            let key = try scanKeyAndColon()
            let valueStart = i
            let member: (kind: JSONField.Kind, escaped: Bool, scalar: Double)
            if !key.escaped, i < n, byte(i) == 0x7B,
               visitor.descend(UnsafeRawBufferPointer(start: p + key.start, count: key.end - key.start)) {
                try scanMembers(outerDepth: 1, &visitor)
                member = (.object, false, 0)
            } else {
                member = try scanMember(outerDepth: 1)
            }
            visitMember(key, valueStart, member, &visitor, nested: false)
            if try closes(0x7D) {
                try expectEnd()
                return
            }
        }
    }

    /// Validates the object opening at `i` (inside `outerDepth` containers) and visits each member.
    private mutating func scanMembers<V: JSONNestedVisitor>(outerDepth: Int, _ visitor: inout V) throws(JSONScanError) {
        if try opensEmpty(0x7D, outerDepth: outerDepth) { return }
        while true {
            let key = try scanKeyAndColon()
            let valueStart = i
            let member: (kind: JSONField.Kind, escaped: Bool, scalar: Double)
            if !key.escaped, i < n, byte(i) == 0x5B,
               visitor.descendArray(UnsafeRawBufferPointer(start: p + key.start, count: key.end - key.start)) {
                try scanElements(outerDepth: outerDepth + 1, &visitor)
                member = (.array, false, 0)
            } else {
                member = try scanMember(outerDepth: outerDepth + 1)
            }
            visitMember(key, valueStart, member, &visitor, nested: true)
            if try closes(0x7D) { return }
        }
    }

    /// Validates the array opening at `i` (inside `outerDepth` containers) as `skipContainer` does,
    /// with the same errors, and hands each element to `element` once it is validated.
    private mutating func scanElements<V: JSONNestedVisitor>(outerDepth: Int, _ visitor: inout V) throws(JSONScanError) {
        if try opensEmpty(0x5D, outerDepth: outerDepth) { return }
        while true {
            let valueStart = i
            let member = try scanMember(outerDepth: outerDepth + 1)
            visitor.element(JSONField(key: UnsafeRawBufferPointer(start: nil, count: 0), kind: member.kind,
                              raw: UnsafeRawBufferPointer(start: p + valueStart, count: i - valueStart),
                              escaped: member.escaped, scalar: member.scalar))
            if try closes(0x5D) { return }
        }
    }

    /// At a container's opening bracket, inside `outerDepth` containers: checks the depth, steps
    /// in, and returns true (past the `close` bracket) when the container is empty.
    @inline(__always)
    private mutating func opensEmpty(_ close: UInt8, outerDepth: Int) throws(JSONScanError) -> Bool {
        guard outerDepth < JSONScanner.maxDepth else { throw fail(i, "nesting too deep") }
        i += 1
        guard try peekAfterWhitespace() == close else { return false }
        i += 1
        return true
    }

    /// After a member or an element: steps past the `close` bracket and returns true, or past a
    /// comma (not one before the bracket) and returns false.
    @inline(__always)
    private mutating func closes(_ close: UInt8) throws(JSONScanError) -> Bool {
        let next = try peekAfterWhitespace()
        if next == close {
            i += 1
            return true
        }
        guard next == 0x2C else { throw fail(i, close == 0x7D ? "expected ',' or '}'" : "expected ',' or ']'") }
        i += 1
        try afterComma(object: close == 0x7D)
        return false
    }

    /// Hands a scanned member to the visitor (`nested` or `visit`), its key's escapes decoded.
    @inline(__always)
    private func visitMember<V: JSONNestedVisitor>(_ key: (start: Int, end: Int, escaped: Bool), _ valueStart: Int,
                                                  _ member: (kind: JSONField.Kind, escaped: Bool, scalar: Double),
                                                  _ visitor: inout V, nested: Bool) {
        let raw = UnsafeRawBufferPointer(start: p + valueStart, count: i - valueStart)
        if key.escaped {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: key.end - key.start) { buffer in
                let written = decodeEscapes(key.start, key.end, into: buffer)
                let keyBytes = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[0..<written]))
                let field = JSONField(key: keyBytes, kind: member.kind, raw: raw, escaped: member.escaped, scalar: member.scalar)
                if nested { visitor.nested(field) } else { visitor.visit(field) }
            }
        } else {
            let keyBytes = UnsafeRawBufferPointer(start: p + key.start, count: key.end - key.start)
            let field = JSONField(key: keyBytes, kind: member.kind, raw: raw, escaped: member.escaped, scalar: member.scalar)
            if nested { visitor.nested(field) } else { visitor.visit(field) }
        }
    }
}
