import MonitorCore
import MonitorIngest
import Foundation

/// An incident as the store keeps it: fixed-size fields and indexes into string tables, so a
/// million of them fit in well under 100 bytes each beyond their summaries.
///
/// Summary and id bytes live in the store's `TextArena`; the record only points at them, so copying
/// a record (the feed rebuild reads every one) retains nothing. A record is valid while the store it
/// came from (or a copy of that store) is alive.
public struct StoredIncident: Sendable {
    public var time: Int64
    /// Float is ample (about 1 m) for plotting; NaN when the incident has no location.
    public var lat: Float
    public var lon: Float
    package var summaryText: TextRef
    /// Here, in the 4 bytes a `TextRef` leaves before the next 8-byte field.
    public var actors: ActorList
    package var idText: TextRef
    public var place: UInt32
    public var source: UInt32
    public var type: UInt32
    /// Actor names (index into the text table, 0: none): the names that matched no registry actor
    /// and, when some name differs from its actor's key, the names as written (`ActorNamesText`).
    public var actorNames: UInt32
    /// 0 when unknown (see `Flags.fatalitiesUnknown`).
    public var fatalities: UInt32
    public var line: UInt32
    public var file: UInt16
    public var revision: UInt16
    public var flags: Flags
    /// `Precision.packed` (0: none given), in the byte of padding between `flags` and `offsetHigh`:
    /// the stride stays 80 bytes.
    package var precisionCode: UInt8
    /// Where the line starts in its file, 48 bits in what was padding (all ones: not known), so
    /// the detail view can read the line again at no cost in memory: the stride stays 80 bytes.
    package var offsetHigh: UInt16
    package var offsetLow: UInt32

    /// The line's byte offset in its file, if known.
    public var offset: Int64? {
        let value = Int64(offsetHigh) << 32 | Int64(offsetLow)
        return value == Self.noOffset ? nil : value
    }

    package static let noOffset: Int64 = (1 << 48) - 1

    /// Split for the two fields; offsets beyond 256 TiB are not kept.
    package static func offsetParts(_ offset: Int64?) -> (high: UInt16, low: UInt32) {
        let value = offset.flatMap { (0..<noOffset).contains($0) ? $0 : nil } ?? noOffset
        return (UInt16(truncatingIfNeeded: value >> 32), UInt32(truncatingIfNeeded: value))
    }

    public var summary: String { summaryText.string }
    /// Empty when the file gave none.
    public var id: String { idText.string }

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let hasClockTime = Flags(rawValue: 1)
        public static let locatedByGazetteer = Flags(rawValue: 2)
        public static let live = Flags(rawValue: 4)
        /// The summary is all ASCII: text search can compare its bytes without folding.
        public static let asciiSummary = Flags(rawValue: 8)
        /// The source gave no fatality count; `fatalities` holds 0 so sums and the minimum-fatalities
        /// test (unknown is below any minimum above 0) need no case of their own.
        public static let fatalitiesUnknown = Flags(rawValue: 16)
        /// Arrived after the first read of its source and the officer has not selected it yet.
        public static let unseen = Flags(rawValue: 32)
        /// Arrived after the first read, its time more than `IncidentStore.lateAfter` before the
        /// newest incident already stored: a late report.
        public static let late = Flags(rawValue: 64)
        /// An officer flagged it (the watch log's `flag`, ARCHITECTURE.md §9).
        public static let flagged = Flags(rawValue: 128)
    }

    public var isLocated: Bool { !lat.isNaN }
    public var precision: Precision? { Precision(packed: precisionCode) }
    /// The point is a region's (or a country's) centre, by the source's own code.
    public var isApproximatelyLocated: Bool { precision?.isApproximateLocation ?? false }
    public var isLive: Bool { flags.contains(.live) }
    public var isUnseen: Bool { flags.contains(.unseen) }
    public var isLate: Bool { flags.contains(.late) }
}

/// Bytes of one text inside a `TextArena` (nil base: empty).
package struct TextRef: @unchecked Sendable {
    package var base: UnsafeRawPointer?
    package var count: UInt32

    package static let empty = TextRef(base: nil, count: 0)

    package init(base: UnsafeRawPointer?, count: UInt32) {
        self.base = base
        self.count = count
    }

    /// `count` bytes from `start` of a segment's text kept at `text` (`TextArena.adoptHoldingLock`).
    @inline(__always)
    package init(in text: UnsafeRawPointer?, _ start: UInt32, _ count: UInt32) {
        guard count > 0, let text else {
            self = .empty
            return
        }
        self.init(base: text + Int(start), count: count)
    }

    package var string: String {
        guard let base, count > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(count)), as: UTF8.self)
    }

    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: Int(count)) }

    /// String equality (canonical equivalence), with same bytes and all-ASCII as the quick cases.
    package func equals(_ s: String) -> Bool {
        var s = s
        let quick: Bool? = s.withUTF8 { u in
            if u.count == Int(count), u.isEmpty || memcmp(u.baseAddress!, base!, u.count) == 0 { return true }
            if u.allSatisfy({ $0 < 0x80 }), bytes.allSatisfy({ $0 < 0x80 }) { return false }
            return nil
        }
        return quick ?? (string == s)
    }

    /// The same test against bytes (`ascii`: they are all ASCII).
    package func equals(_ other: UnsafeRawBufferPointer, ascii: Bool) -> Bool {
        if other.count == Int(count) {
            guard let base, let theirs = other.baseAddress else { return true }
            if memcmp(base, theirs, other.count) == 0 { return true }
        }
        if ascii, IDHash.isASCII(bytes) { return false }
        return string == String(decoding: other, as: UTF8.self)
    }
}
