extension String {
    /// A record's text: UTF-8, or Latin-1 when it is not valid UTF-8 (older CSV exports are).
    package init(utf8OrLatin1 bytes: [UInt8]) {
        if let text = String(validating: bytes, as: UTF8.self) {
            self = text
            return
        }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        self = String(scalars)
    }
}
