/// Calendar arithmetic on epoch seconds in UTC: the half of `TimeParser` both the parser and the
/// views need, kept in the bottom layer so views do not import the ingest target. The parsing half
/// is an extension in MonitorIngest (`Parse/TimeParser.swift`).
/// `@inlinable` because the line decoder calls `daysFromCivil` once per line across the module boundary.
public enum TimeParser {
    @inlinable package static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    @inlinable package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    @inlinable public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The calendar date and clock time of an epoch second, in UTC.
    @inlinable public static func civil(_ epoch: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        var days = Int(epoch / 86400)
        var rest = Int(epoch % 86400)
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, (rest % 3600) / 60)
    }
}
