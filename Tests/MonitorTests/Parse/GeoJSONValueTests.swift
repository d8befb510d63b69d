import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// GeoJSON values as the project's own JSON scanner reads them: booleans are booleans (not
/// numbers), nested properties are skipped, numbers written as strings count where they did.
@Suite struct GeoJSONValueTests {
    func decode(_ lines: [String]) -> [ParsedRecord] {
        var decoder = GeoJSONDecoder()
        return FormatTestSupport.feed(lines.joined(separator: "\n") + "\n", to: &decoder, file: "v.geojsons")
    }

    @Test func onlyJSONTrueRetracts() {
        let records = decode([
            #"{"type":"Feature","geometry":null,"properties":{"id":"a-1","retract":true}}"#,
            #"{"type":"Feature","geometry":null,"properties":{"id":"a-2","retract":false,"time":"2023-08-13","actors":["FAMA"]}}"#,
            #"{"type":"Feature","geometry":null,"properties":{"id":"a-3","retract":1,"time":"2023-08-13","actors":["FAMA"]}}"#,
            #"{"type":"Feature","geometry":null,"properties":{"id":"a-4","retract":"true","time":"2023-08-13","actors":["FAMA"]}}"#,
        ])
        #expect(records.compactMap(\.decodedRetractionID) == ["a-1"])
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["a-2", "a-3", "a-4"])
    }

    @Test func booleansAreNotNumbersOrText() {
        let records = decode([
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"],"fatalities":true}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[true,16.2]},"properties":{"time":"2023-08-13","actors":["FAMA"]}}"#,
            #"{"type":"Feature","id":true,"geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"],"place":false}}"#,
        ])
        #expect(records.map(\.decodedBadLine?.reason) == [
            "fatalities is not a whole number", "Point coordinates are not [lon, lat] numbers", nil,
        ])
        let incident = records[2].decodedIncident
        #expect(incident?.id == nil)
        #expect(incident?.place == "")
    }

    @Test func nestedPropertiesAreSkippedAndNamesOutsideListsIgnored() throws {
        let records = decode([
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[-0.0447,16.2717],"crs":{"a":[1,{"b":[]}]}},"properties":{"time":"2023-10-05","actors":["MINUSMA",3,null,{"n":"x"}],"place":"Gao","meta":{"tags":["a",{"deep":{"deeper":[true,null]}}],"n":1.5},"summary":"Mortars at Gao"}}"#,
        ])
        let incident = try #require(records.first?.decodedIncident)
        #expect(incident.actors.count == 1)
        #expect(incident.place == "Gao")
        #expect(incident.summary == "Mortars at Gao")
        #expect(incident.location == GeoPoint(lat: 16.2717, lon: -0.0447))
    }

    @Test func numbersAsStringsAndNumbersAsText() throws {
        let records = decode([
            #"{"type":"Feature","id":4411,"geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"],"fatalities":" 3 "}}"#,
            #"{"type":"Feature","geometry":null,"properties":{"id":12.5,"time":"2023-08-13","actors":["FAMA"],"fatalities":"2.5"}}"#,
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":["-1","16"]},"properties":{"time":"2023-08-13","actors":["FAMA"]}}"#,
        ])
        let first = try #require(records[0].decodedIncident)
        #expect(first.id == "4411")
        #expect(first.fatalities == 3)
        #expect(records[1].decodedBadLine?.reason == "fatalities is not a whole number")
        #expect(records[2].decodedBadLine?.reason == "Point coordinates are not [lon, lat] numbers")
    }

    @Test func duplicateKeysLastWins() throws {
        let records = decode([
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"],"place":"Ber","place":"Gao"}}"#,
        ])
        #expect(try #require(records.first?.decodedIncident).place == "Gao")
    }

    @Test func aBareScalarLineIsNotGeoJSON() {
        let records = decode([
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"]}}"#,
            "12",
            #""text""#,
        ])
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == ["invalid JSON", "invalid JSON"])
    }

    @Test func aOneLineCollectionInASequenceShowsEachFeaturesOwnText() {
        let records = decode([
            #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"]}}"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"time":"2023-08-14","actors":["JNIM"]}}, {"type":"Feature","geometry":null,"properties":{"actors":["JNIM"]}}]}"#,
        ])
        #expect(records.compactMap(\.decodedIncident).count == 2)
        let bad = records.compactMap(\.decodedBadLine)
        #expect(bad.map(\.reason) == ["missing time"])
        #expect(bad.first?.excerpt == #"{"type":"Feature","geometry":null,"properties":{"actors":["JNIM"]}}"#)
    }
}
