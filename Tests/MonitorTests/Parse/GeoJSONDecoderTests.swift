import Testing
@testable import MonitorCore
@testable import MonitorIngest

@Suite struct GeoJSONDecoderTests {
    func decode(_ text: String, _ decoder: GeoJSONDecoder = GeoJSONDecoder(), file: String = "events.geojson") -> [ParsedRecord] {
        var decoder = decoder
        return FormatTestSupport.feed(text, to: &decoder, file: file)
    }

    static let collection = """
        {
          "type": "FeatureCollection",
          "name": "northern-mali-2023",
          "features": [
            {
              "type": "Feature",
              "geometry": { "type": "Point", "coordinates": [-0.0447, 16.2717] },
              "properties": {
                "id": "gao-2023-10-05",
                "time": "2023-10-05T17:40:00Z",
                "actors": ["MINUSMA", "Civilians"],
                "place": "Gao",
                "type": "explosion",
                "fatalities": 0,
                "summary": "Mortar rounds land near the UN base at Gao airport",
                "source": "MINUSMA"
              }
            },
            {
              "type": "Feature",
              "id": 4411,
              "geometry": { "type": "Point", "coordinates": [1.4078, 18.4411] },
              "properties": {
                "event_id_cnty": "MLI28150",
                "event_date": "14 November 2023",
                "actor1": "Military Forces of Mali (2021-)",
                "assoc_actor_1": "Wagner Group",
                "actor2": "CMA: Coordination of Movements of the Azawad",
                "assoc_actor_2": "",
                "event_type": "Battles",
                "sub_event_type": "Government regains territory",
                "fatalities": "0",
                "notes": "The army and Wagner enter Kidal after the CSP pulls out.",
                "source": "Malian Armed Forces",
                "location": "Kidal"
              }
            },
            {
              "type": "Feature",
              "geometry": null,
              "properties": {
                "time": "2023-10-02",
                "actors": "CSP-PSD",
                "place": "Anéfis",
                "type": "Strategic developments",
                "summary": "CSP fighters say they hold the Anefis area"
              }
            }
          ]
        }

        """

    @Test func featureCollectionOverManyLines() throws {
        var decoder = GeoJSONDecoder()
        let lines = Self.collection.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var records: [ParsedRecord] = []
        for (i, line) in lines.enumerated() {
            let got = decoder.decode(line: Array(line.utf8), number: i + 1, file: "c.geojson")
            // Nothing comes out before the document closes, on its last line.
            if line != "}" { #expect(got.isEmpty) }
            records += got
        }
        records += decoder.endOfData(file: "c.geojson")
        #expect(records.count == 3)

        let gao = try #require(records[0].decodedIncident)
        #expect(gao.id == "gao-2023-10-05")
        #expect(gao.location?.lat == 16.2717)  // [lon, lat]
        #expect(gao.location?.lon == -0.0447)
        #expect(!gao.locatedByGazetteer)
        #expect(gao.hasClockTime)
        #expect(gao.actors == [5, 6])
        #expect(gao.type == .explosion)
        #expect(gao.origin == Origin(file: "c.geojson", line: 5))  // where its "{" is

        let kidal = try #require(records[1].decodedIncident)
        #expect(kidal.id == "MLI28150")
        #expect(kidal.time == FormatTestSupport.day(2023, 11, 14))
        #expect(!kidal.hasClockTime)
        #expect(kidal.actors == [0, 1, 2])
        #expect(kidal.type == .battle)
        #expect(kidal.summary == "The army and Wagner enter Kidal after the CSP pulls out.")
        #expect(kidal.place == "Kidal")
        #expect(kidal.location == GeoPoint(lat: 18.4411, lon: 1.4078))
        #expect(kidal.origin.line == 19)

        let anefis = try #require(records[2].decodedIncident)
        #expect(anefis.actors == [2])
        #expect(anefis.type == .strategic)
        #expect(anefis.locatedByGazetteer)
        #expect(anefis.location == Gazetteer.mali.lookup("Anefis")?.point)
        #expect(anefis.origin.line == 38)
    }

    @Test func documentStillBeingWrittenWaitsThenCompletes() {
        let lines = Self.collection.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var decoder = GeoJSONDecoder()
        var records: [ParsedRecord] = []
        for (i, line) in lines.prefix(30).enumerated() {
            records += decoder.decode(line: Array(line.utf8), number: i + 1, file: "c.geojson")
        }
        records += decoder.endOfData(file: "c.geojson")
        #expect(records.isEmpty)  // half a document: no bad line, just waiting
        for (i, line) in lines.dropFirst(30).enumerated() {
            records += decoder.decode(line: Array(line.utf8), number: i + 31, file: "c.geojson")
        }
        records += decoder.endOfData(file: "c.geojson")
        #expect(records.compactMap(\.decodedIncident).count == 3)
        #expect(records.compactMap(\.decodedBadLine).isEmpty)
    }

    @Test func moreDataAfterACompleteDocumentIsReadToo() {
        let text = Self.collection
            + #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"time":"2023-12-20","actors":["FAMA"],"place":"Aguelhok","summary":"Army takes Aguelhok"}}]}"#
            + "\n"
        let records = decode(text)
        #expect(records.compactMap(\.decodedIncident).count == 4)
        #expect(records.last?.decodedIncident?.origin.line == 51)
    }

    static let sequence = [
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.5319,16.8349]},"properties":{"id":"ber-1","time":"2023-08-13T08:30:00Z","actors":["FAMA","Wagner"],"place":"Ber","type":"strategic","summary":"Army takes over the Ber camp"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-3.0074,16.7735]},"properties":{"id":"tbk-1","time":"2023-08-14","actors":["JNIM"],"place":"Timbuktu","type":"strategic","summary":"JNIM announces a blockade of Timbuktu"}}"#,
        #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-0.0447,16.2717]},"properties":{"id":"gao-1","time":"2023-09-08","actors":["IS Sahel","Civilians"],"place":"Gao region","type":"violence-against-civilians","fatalities":5}}"#,
    ]

    @Test func geoJSONSeqWithoutRecordSeparators() throws {
        let records = decode(Self.sequence.joined(separator: "\n") + "\n", file: "s.geojsons")
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["ber-1", "tbk-1", "gao-1"])
        #expect(records.compactMap(\.decodedIncident).map(\.origin.line) == [1, 2, 3])
        let ber = try #require(records[0].decodedIncident)
        #expect(ber.location == GeoPoint(lat: 16.8349, lon: -2.5319))
        #expect(ber.time == 1_691_915_400)
    }

    @Test func geoJSONSeqWithRecordSeparators() {
        let text = "\n" + Self.sequence.map { "\u{1E}" + $0 }.joined(separator: "\n") + "\n"
        let records = decode(text, file: "s.geojsons")
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["ber-1", "tbk-1", "gao-1"])
        #expect(records.compactMap(\.decodedIncident).map(\.origin.line) == [2, 3, 4])
        #expect(records.compactMap(\.decodedIncident)[2].location?.lat == 16.2717)
    }

    @Test func retractionInAFeatureAndBare() {
        let text = [
            Self.sequence[0],
            #"{"type":"Feature","geometry":null,"properties":{"id":"ber-1","retract":true}}"#,
            #"{"type":"Feature","id":"tbk-1","geometry":null,"properties":{"retract":true}}"#,
            #"{"id":"gao-1","retract":true}"#,
            #"{"type":"Feature","geometry":null,"properties":{"retract":true}}"#,
        ].joined(separator: "\n")
        let records = decode(text)
        #expect(records.compactMap(\.decodedRetractionID) == ["ber-1", "tbk-1", "gao-1"])
        #expect(records.last?.decodedBadLine?.reason == "retraction without id")
        #expect(records.last?.decodedBadLine?.origin.line == 5)
    }

    @Test func badFeaturesCarryReasonsAndGoodOnesStillArrive() {
        let text = [
            Self.sequence[0],                                                                                        // 1
            #"{"type":"Feature","geometry":null,"properties":{"actors":["FAMA"],"place":"Gao"}}"#,                 // 2
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":42}}"#,                 // 3
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13"}}"#,                             // 4
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-1.0,123.4]},"properties":{"time":"2023-08-13","actors":["FAMA"]}}"#,  // 5
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":["-1","16"]},"properties":{"time":"2023-08-13","actors":["FAMA"]}}"#,  // 6
            #"{"type":"Feature","geometry":null,"properties":{"time":"yesterday","actors":["FAMA"]}}"#,            // 7
            #"{"type":"Feature","geometry":null,"properties":{"event_date":"31 September 2023","actor1":"FAMA"}}"#, // 8
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"],"fatalities":2.5}}"#, // 9
            #"{"type":"Feature","geometry":null,"properties":"Gao"}"#,                                             // 10
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"]}"#,            // 11 cut short
            #"{"type":"Point","coordinates":[-1.0,16.0]}"#,                                                        // 12
            "",                                                                                                     // 13 blank
            #"[1, 2]"#,                                                                                             // 14
            Self.sequence[1],                                                                                        // 15
        ].joined(separator: "\n") + "\n"
        let records = decode(text)
        let bad = records.compactMap(\.decodedBadLine)
        #expect(bad.map(\.origin.line) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14])
        #expect(bad.map(\.reason) == [
            "missing time",
            "actors is not a list of names",
            "missing actors",
            "latitude 123.4 out of range",
            "Point coordinates are not [lon, lat] numbers",
            "bad time \"yesterday\"",
            "bad event_date \"31 September 2023\"",
            "fatalities is not a whole number",
            "properties is not an object",
            "invalid JSON",
            "not a GeoJSON Feature (type \"Point\")",
            "not a JSON object",
        ])
        #expect(bad[0].excerpt.hasPrefix(#"{"type":"Feature","geometry":null"#))
        #expect(bad.allSatisfy { $0.excerpt.count <= 120 })
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["ber-1", "tbk-1"])
    }

    @Test func badFeatureInACollectionIsNumberedByItsOwnLine() {
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.5319, 16.8349]},
               "properties": {"time": "2023-08-13", "actors": ["FAMA"], "place": "Ber"}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-3.0074, 96.7735]},
               "properties": {"time": "2023-08-14", "actors": ["JNIM"], "place": "Timbuktu"}},
              {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-0.0447, 16.2717], [1.4078, 18.4411]]},
               "properties": {"time": "2023-10-03", "actors": ["MINUSMA"], "place": "Gao", "summary": "Convoy leaves Gao for Kidal"}}
            ]}
            """
        let records = decode(text)
        #expect(records.count == 3)
        #expect(records[0].decodedIncident?.origin.line == 2)
        #expect(records[1].decodedBadLine?.reason == "latitude 96.7735 out of range")
        #expect(records[1].decodedBadLine?.origin.line == 4)
        #expect(records[1].decodedBadLine?.excerpt.hasPrefix(#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-3.0074, 96.7735]}"#) == true)
        // A line is not a place: the gazetteer places it.
        let convoy = records[2].decodedIncident
        #expect(convoy?.locatedByGazetteer == true)
        #expect(convoy?.location == Gazetteer.mali.lookup("Gao")?.point)
        #expect(convoy?.origin.line == 6)
    }

    @Test func brokenDocumentIsReportedOnceAndReadingGoesOn() {
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": null "properties": {}}
            """
        var decoder = GeoJSONDecoder()
        var records = FormatTestSupport.feed(text, to: &decoder)
        #expect(records.count == 1)
        #expect(records.first?.decodedBadLine?.reason == "invalid JSON at line 2: expected ',' or '}'")
        #expect(records.first?.decodedBadLine?.origin.line == 1)
        #expect(decoder.endOfData(file: "events.csv").isEmpty)  // reported once
        records = FormatTestSupport.feed(Self.sequence[2] + "\n", to: &decoder, firstLine: 3)
        #expect(records.first?.decodedIncident?.id == "gao-1")
        #expect(records.first?.decodedIncident?.origin.line == 3)
    }

    @Test func lineBreakInsideAStringIsReportedAtOnce() {
        let text = """
            {"type": "Feature", "geometry": null, "properties": {"time": "2023-08-13", "summary": "cut
            off", "actors": ["FAMA"]}}
            """
        let records = decode(text)
        #expect(records.first?.decodedBadLine?.reason == "invalid JSON (line break inside a string on line 1)")
        #expect(records.first?.decodedBadLine?.origin.line == 1)
    }

    @Test func oversizedDocumentGivesOneBadRecord() {
        var text = #"{"type": "FeatureCollection", "features": ["# + "\n"
        for i in 0..<20 {
            text += #"  {"type": "Feature", "geometry": null, "properties": {"time": "2023-09-\#(10 + i)", "actors": ["JNIM"]}},"# + "\n"
        }
        text += #"  {"type": "Feature", "geometry": null, "properties": {"time": "2023-09-30", "actors": ["JNIM"]}}"# + "\n]}\n"
        text += Self.sequence[0] + "\n"
        let records = decode(text, GeoJSONDecoder(maxDocumentBytes: 1000))
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == ["GeoJSON document larger than 1000 bytes"])
        #expect(records.compactMap(\.decodedBadLine).first?.origin.line == 1)
        // The document's end is still found, and what follows is read.
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["ber-1"])
    }

    @Test func singleFeatureDocumentAndFeatureLevelID() throws {
        let text = """
            {
              "type": "Feature",
              "id": "mnk-2023-09-01",
              "geometry": {"type": "Point", "coordinates": [2.2184, 15.9182]},
              "properties": {"time": "2023-09-01", "actors": ["Islamic State (Greater Sahara)"], "place": "Ménaka",
                             "type": "Violence against civilians", "fatalities": 7}
            }
            """
        let incident = try #require(decode(text).first?.decodedIncident)
        #expect(incident.id == "mnk-2023-09-01")
        #expect(incident.actors == [4])
        #expect(incident.fatalities == 7)
        #expect(incident.type == .violenceAgainstCivilians)
        #expect(incident.location?.lat == 15.9182)
        #expect(incident.origin.line == 1)
    }

    @Test func featureWithoutFatalitiesHasAnUnknownCount() {
        let records = decode("""
            {"type":"Feature","geometry":null,"properties":{"time":"2023-09-01","actors":["FAMA"],"place":"Gao"}}
            {"type":"Feature","geometry":null,"properties":{"time":"2023-09-01","actors":["FAMA"],"place":"Gao","fatalities":0}}
            {"type":"Feature","geometry":null,"properties":{"time":"2023-09-01","actors":["FAMA"],"place":"Gao","fatalities":null}}

            """)
        #expect(records.compactMap(\.decodedIncident).map(\.fatalities) == [nil, 0, nil])
    }

    @Test func textAfterTheDocumentOnItsLastLine() {
        let records = decode(#"{"type":"FeatureCollection","features":[]} trailing"# + "\n")
        #expect(records.map(\.decodedBadLine?.reason) == ["text after the end of the GeoJSON document"])
    }

    @Test func resetStartsOver() {
        var decoder = GeoJSONDecoder()
        _ = decoder.decode(line: Array(#"{"type": "FeatureCollection", "features": ["#.utf8), number: 1, file: "f")
        decoder.reset()
        let records = FormatTestSupport.feed(Self.sequence[1] + "\n", to: &decoder)
        #expect(records.first?.decodedIncident?.id == "tbk-1")
        #expect(records.first?.decodedIncident?.origin.line == 1)
    }
}
