/// Spans of time as an officer reads them: "42 s", "3 min", "2 h 5 min", "2 d 4 h".
public enum AgeText {
    public static func span(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 {
            let minutes = (s % 3600) / 60
            return minutes == 0 ? "\(s / 3600) h" : "\(s / 3600) h \(minutes) min"
        }
        let hours = (s % 86_400) / 3600
        return hours == 0 ? "\(s / 86_400) d" : "\(s / 86_400) d \(hours) h"
    }

    /// The shortest form, for a crowded status line: "42s", "3m", "2h", "2d".
    public static func compact(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        return "\(s / 86_400)d"
    }
}
