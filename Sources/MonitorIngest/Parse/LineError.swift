import MonitorCore

/// Why a line was skipped; shown with its file and line number.
public struct LineError: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A skipped line, kept so the officer can see what was not used and why.
public struct BadLine: Sendable, Hashable {
    public var origin: Origin
    public var reason: String
    /// The start of the offending line, sanitised.
    public var excerpt: String
    public init(origin: Origin, reason: String, excerpt: String) {
        self.origin = origin
        self.reason = reason
        self.excerpt = excerpt
    }
}

extension BadLine {
    /// A line too long to keep (the splitter cuts lines at 1 MiB); `start` is what was kept of it.
    package static func overlong(_ start: some Collection<UInt8>, _ length: Int, _ origin: Origin) -> BadLine {
        BadLine(origin: origin, reason: "line longer than 1 MiB (\(length) bytes)", excerpt: excerpt(start))
    }

    /// The start of a line for an error report, sanitised: its first 120 bytes read as UTF-8.
    public static func excerpt(_ bytes: some Collection<UInt8>) -> String {
        TextSanitizer.clean(String(decoding: bytes.prefix(120), as: UTF8.self))
    }

    /// The start of a record that may be Latin-1 (a CSV or GeoJSON record), sanitised.
    package static func excerpt(record bytes: [UInt8]) -> String {
        excerpt(String(utf8OrLatin1: Array(bytes.prefix(480))))
    }

    /// The start of a record's text, sanitised: its first 120 characters. Only the first 480
    /// scalars are cleaned, so a huge record costs no more than a short one.
    package static func excerpt(_ text: String) -> String {
        String(TextSanitizer.clean(String(text.unicodeScalars.prefix(480))).prefix(120))
    }
}
