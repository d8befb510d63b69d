/// A fatality count read from a number: whole, and at most `maximum` (the store keeps 32 bits, and
/// a count beyond a billion is a typo or hostile). One place for the reasons, so every format
/// words a bad count the same way.
public enum FatalityCount {
    public static let maximum = 999_999_999

    /// The count, or why the value is not one. Negative whole numbers pass: the builder says
    /// "below zero" with the value.
    public static func from(_ value: Double) -> Result<Int, LineError> {
        guard value.isFinite, value == value.rounded() else { return .failure(LineError("fatalities is not a whole number")) }
        if value > Double(maximum) { return .failure(LineError(tooLarge)) }
        if value < -Double(maximum) { return .failure(LineError("fatalities below zero")) }
        return .success(Int(value))
    }

    public static let tooLarge = "fatalities too large (max \(maximum))"

    /// Why a count written as text (a CSV cell) is not one: too large when it is a whole number
    /// beyond the maximum, else not a whole number (`shown` names the cell and quotes it).
    public static func reason(_ raw: String, shown: String) -> String {
        if let value = Double(raw), value.isFinite, value == value.rounded(), abs(value) > Double(maximum) { return tooLarge }
        return "\(shown) is not a whole number"
    }
}
