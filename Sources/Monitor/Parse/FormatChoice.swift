/// Which decoder reads a source: the one `--format` names, else the one its name and first line suggest.
public enum FormatChoice {
    public static func decoder(forced: EventFormat?, path: String, firstLine: [UInt8],
                               builder: IncidentBuilder = IncidentBuilder()) -> any RecordDecoder {
        let format = forced ?? detect(path: path, firstLine: firstLine)
        switch format {
        case .jsonl: return JSONLDecoder(builder: builder)
        case .acled, .geojson: return JSONLDecoder(builder: builder)  // replaced when those decoders land
        }
    }

    static func detect(path: String, firstLine: [UInt8]) -> EventFormat {
        .jsonl
    }
}
