import Testing
@testable import MonitorIngest

@Suite struct FormatDetectorTests {
    static let jsonlLine = #"{"id":"ber-2023-08-13","time":"2023-08-13T08:30:00Z","place":"Ber","actors":["FAMA","Wagner"],"type":"strategic"}"# + "\n"
    static let featureLine = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-0.0447,16.2717]},"properties":{"time":"2023-10-05","actors":["MINUSMA"]}}"# + "\n"
    static let prettyCollection = "{\n  \"type\" : \"FeatureCollection\",\n  \"features\": []\n}\n"
    static let acledHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,actor1\nMLI28001,2023-08-13,2023,1,Strategic developments,Strategic developments,Military Forces of Mali (2021-)\n"

    func detect(_ path: String, _ content: String) -> EventFormat {
        FormatDetector.detect(path: path, firstBytes: Array(content.utf8))
    }

    @Test func jsonLinesExtensions() {
        for name in ["events.jsonl", "EVENTS.JSONL", "feed.ndjson", "/var/log/sitmon/feed.jsonlines"] {
            #expect(detect(name, Self.jsonlLine) == .jsonl, "\(name)")
        }
        // The extension wins over content that looks like something else.
        #expect(detect("odd.jsonl", Self.featureLine) == .jsonl)
        #expect(detect("odd.ndjson", Self.acledHeader) == .jsonl)
    }

    @Test func jsonIsJSONLinesUnlessItHoldsGeoJSON() {
        #expect(detect("events.json", Self.jsonlLine) == .jsonl)
        #expect(detect("events.json", "") == .jsonl)
        #expect(detect("events.json", Self.featureLine) == .geojson)
        #expect(detect("mali.JSON", Self.prettyCollection) == .geojson)
        #expect(detect("mali.json", "\u{FEFF}\n  " + Self.prettyCollection) == .geojson)
        #expect(detect("mali.json", "\u{1E}" + Self.featureLine) == .geojson)
    }

    @Test func csvIsACLED() {
        #expect(detect("mali-2023.csv", Self.acledHeader) == .acled)
        #expect(detect("Mali_2023.CSV", "") == .acled)
    }

    @Test func geoJSONExtensions() {
        for name in ["mali.geojson", "feed.geojsons", "feed.geojsonl", "feed.GeoJSONSeq"] {
            #expect(detect(name, Self.featureLine) == .geojson, "\(name)")
        }
        #expect(detect("empty.geojson", "") == .geojson)
    }

    @Test func contentDecidesForOtherNames() {
        #expect(detect("feed", Self.jsonlLine) == .jsonl)
        #expect(detect("feed.txt", Self.featureLine) == .geojson)
        #expect(detect("feed.log", "\u{1E}" + Self.featureLine) == .geojson)
        #expect(detect("export", Self.prettyCollection) == .geojson)
        #expect(detect("export.dat", Self.acledHeader) == .acled)
        #expect(detect("export.dat", "\u{FEFF}EVENT_ID_CNTY,EVENT_DATE,ACTOR1\n") == .acled)
        #expect(detect("older", "data_id,iso3,event_date,actor1\n") == .acled)
        #expect(detect("notes.txt", "event_date is when it happened\n") == .jsonl)  // no commas
        #expect(detect("notes.txt", "date,who\n2023-08-13,FAMA\n") == .jsonl)
        #expect(detect("nothing-yet", "") == .jsonl)
        #expect(detect("blank", "  \n\n") == .jsonl)
        // A dot in a folder name is no extension.
        #expect(detect("/srv/feeds.csv/latest", Self.jsonlLine) == .jsonl)
        #expect(detect(".hidden", Self.featureLine) == .geojson)
    }

    @Test func featureInsideAStringDoesNotCount() {
        let line = #"{"time":"2023-08-13","actors":["FAMA"],"summary":"quoted: \"type\": \"Feature\""}"# + "\n"
        #expect(detect("feed", line) == .jsonl)
    }

    @Test func factoryMakesTheMatchingDecoder() {
        let builder = IncidentBuilder()
        #expect(FormatDetector.decoder(for: .jsonl, builder: builder) is JSONLDecoder)
        #expect(FormatDetector.decoder(for: .acled, builder: builder) is ACLEDDecoder)
        #expect(FormatDetector.decoder(for: .geojson, builder: builder) is GeoJSONDecoder)
    }

    @Test func detectedDecoderReadsTheFile() {
        let content = ACLEDDecoderTests.header + "\n" + ACLEDDecoderTests.berHandover + "\n"
        var decoder = FormatDetector.decoder(for: detect("mali.csv", content), builder: IncidentBuilder())
        let records = FormatTestSupport.feed(content, to: &decoder)
        #expect(records.first?.decodedIncident?.id == "MLI28001")
    }
}
