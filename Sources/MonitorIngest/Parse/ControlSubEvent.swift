import MonitorCore

/// ACLED's sub-event types that change who holds a place, recognised in a CSV field's bytes
/// exactly as `ControlHolder.isControlSubEvent` reads the text (any case, spaces and tabs around
/// ignored), so the fast path sends those rows to the general path (ARCHITECTURE.md §11).
package enum ControlSubEvent {
    private static let names = ControlHolder.lowered
    private static let lengths = Set(names.map(\.count))

    /// One length check for most rows; a byte comparison only at one of the four lengths.
    @inline(__always)
    package static func matches(_ raw: UnsafeRawBufferPointer) -> Bool {
        var lo = 0, hi = raw.count
        while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
        while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        guard lengths.contains(hi - lo) else { return false }
        return names.contains { name in
            name.count == hi - lo && name.indices.allSatisfy { k in
                ControlHolder.asciiLower(raw[lo + k]) == name[k]
            }
        }
    }
}
