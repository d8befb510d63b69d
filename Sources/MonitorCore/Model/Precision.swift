/// How exactly a source placed and dated an incident, as its own precision codes say: UCDP GED's
/// `where_prec` (1 exact … 7) and `date_prec` (1 the day … 5), ACLED's `geo_precision` (1 … 3) and
/// `time_precision` (1 the day … 3 the month). Kept as the codes themselves, so the detail view can
/// name them; packed in one byte so the store's record keeps it in what was padding.
public struct Precision: Sendable, Hashable {
    /// Whose codes these are: the same number means different things in each.
    public enum Scheme: UInt8, Sendable {
        case ucdp = 0
        case acled = 1
    }

    public var scheme: Scheme
    /// The location code, 0 when the source gave none.
    public var location: UInt8
    /// The date code, 0 when the source gave none.
    public var date: UInt8

    public init(scheme: Scheme, location: UInt8, date: UInt8) {
        self.scheme = scheme
        self.location = location
        self.date = date
    }

    /// The highest code each scheme defines; a value above it is not a code of the scheme.
    public static func maxLocation(_ scheme: Scheme) -> UInt8 { scheme == .ucdp ? 7 : 3 }
    public static func maxDate(_ scheme: Scheme) -> UInt8 { scheme == .ucdp ? 5 : 3 }

    /// The point is the centre of a region (or of something larger), not the place of the event:
    /// UCDP's `where_prec` 4 and worse, ACLED's `geo_precision` 3.
    public var isApproximateLocation: Bool { location >= (scheme == .ucdp ? 4 : 3) }

    /// The date is known only to within days, a week, a month or more.
    public var isApproximateDate: Bool { date > 1 }

    // MARK: One byte

    /// Location in bits 0–2, date in bits 3–5, the scheme in bit 6; 0 is "nothing given".
    /// Inlinable: the CSV fast path packs one per row.
    @inlinable
    public var packed: UInt8 {
        (location & 7) | (date & 7) << 3 | scheme.rawValue << 6
    }

    /// Nil for 0 (no codes given).
    public init?(packed: UInt8) {
        guard packed & 0x3F != 0 else { return nil }
        self.init(scheme: packed & 0x40 == 0 ? .ucdp : .acled, location: packed & 7, date: (packed >> 3) & 7)
    }

    /// A code as a source writes it: one digit from 1 to `max`. Nil for anything else, which the
    /// formats read as "not given" (a precision code is no reason to lose a row).
    public static func code(_ text: String?, max: UInt8) -> UInt8? {
        guard let text, text.utf8.count == 1, let digit = text.utf8.first, digit >= 0x31, digit <= 0x30 + max else { return nil }
        return digit - 0x30
    }

    /// Precision from the two codes as written; nil when neither is a code of the scheme.
    public static func reading(_ scheme: Scheme, location: String?, date: String?) -> Precision? {
        let l = code(location, max: maxLocation(scheme)) ?? 0
        let d = code(date, max: maxDate(scheme)) ?? 0
        return l == 0 && d == 0 ? nil : Precision(scheme: scheme, location: l, date: d)
    }
}
