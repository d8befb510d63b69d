/// Which decoder reads a source: the one `--format` names, else the one its name and first line suggest.
public enum FormatChoice {
    public static func decoder(forced: EventFormat?, path: String, firstLine: [UInt8],
                               builder: IncidentBuilder = IncidentBuilder()) -> any RecordDecoder {
        FormatDetector.decoder(for: forced ?? FormatDetector.detect(path: path, firstBytes: firstLine), builder: builder)
    }
}
