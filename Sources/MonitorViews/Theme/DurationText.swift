import Foundation

/// Durations as an officer writes them in config.toml: `"90s"`, `"30m"`, `"2h"`, `"1d"`, or
/// `"0"` (off). One number and one unit; anything else is an error the config reports.
public enum DurationText {
    /// Seconds, or nil when the text is not a duration.
    public static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "0" { return 0 }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "s", "sec", "secs", "second", "seconds": return value
        case "m", "min", "mins", "minute", "minutes": return value * 60
        case "h", "hr", "hour", "hours": return value * 3600
        case "d", "day", "days": return value * 86_400
        default: return nil
        }
    }
}
