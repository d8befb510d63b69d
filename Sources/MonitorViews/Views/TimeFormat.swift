import MonitorCore

/// How incident times read on screen (always UTC, as the data are).
public enum TimeFormat {
    package static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `21:04`: wall-clock time in UTC, as the watch floor's clocks show it.
    public static func clock(_ epoch: Int64) -> String {
        let c = TimeParser.civil(epoch)
        return pad(c.hour, 2) + ":" + pad(c.minute, 2)
    }

    /// `2023-08-13`
    public static func date(_ epoch: Int64) -> String {
        let c = TimeParser.civil(epoch)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// `2023-08-13 08:30`, or the date alone when the file gave no time of day.
    public static func dateTime(_ epoch: Int64, hasClock: Bool) -> String {
        let c = TimeParser.civil(epoch)
        return hasClock ? "\(date(epoch)) \(pad(c.hour, 2)):\(pad(c.minute, 2))" : date(epoch)
    }

    /// `13 Aug 2023 08:30 UTC`, for the detail view.
    public static func long(_ epoch: Int64, hasClock: Bool) -> String {
        let c = TimeParser.civil(epoch)
        let day = "\(c.day) \(months[c.month - 1]) \(c.year)"
        return hasClock ? "\(day) \(pad(c.hour, 2)):\(pad(c.minute, 2)) UTC" : "\(day) (time of day not given)"
    }

    /// `2023-08-13 08:30Z`: when an officer recorded something (the watch log's times).
    public static func stamp(_ epoch: Int64) -> String {
        dateTime(epoch, hasClock: true) + "Z"
    }

    package static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
