import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest

@Suite struct UCDPDecoderTests {
    /// UCDP GED's 49 columns (version 23.1 and later).
    static let columns = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
        + "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,"
        + "side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,"
        + "source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,"
        + "priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
        + "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob").split(separator: ",").map(String.init)

    static let base: [String: String] = [
        "id": "444001", "relid": "MLI-2023-1-444001", "year": "2023", "type_of_violence": "1",
        "side_a": "Government of Mali", "side_b": "JNIM", "source_headline": "Army post attacked near Bamba, \"heavy losses\"",
        "source_original": "Reuters", "where_prec": "1", "where_coordinates": "Bamba town",
        "where_description": "Bamba, Bourem cercle", "adm_1": "Gao region", "adm_2": "Bourem cercle",
        "latitude": "17.0333", "longitude": "-1.4", "date_prec": "1", "date_start": "2023-09-08 00:00:00.000",
        "date_end": "2023-09-08 00:00:00.000", "best": "64", "low": "50", "high": "81", "country": "Mali",
    ]

    static func row(_ changes: [String: String] = [:]) -> String {
        columns.map { name in
            let value = changes[name] ?? base[name] ?? ""
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    static let header = columns.joined(separator: ",")

    func decode(_ text: String) -> [ParsedRecord] {
        var decoder = UCDPDecoder()
        return FormatTestSupport.feed(text, to: &decoder)
    }

    @Test func recognisedByHeaderWhateverTheName() {
        let first = Array(Self.header.utf8)
        #expect(FormatDetector.detect(path: "ged231.csv", firstBytes: first) == .ucdp)
        #expect(FormatDetector.detect(path: "events", firstBytes: first) == .ucdp)
        #expect(FormatDetector.detect(path: "x.csv", firstBytes: [0xEF, 0xBB, 0xBF] + Array("\"ID\",\"RELID\",\"SIDE_A\",\"DATE_START\"\r\n".utf8)) == .ucdp)
        #expect(FormatDetector.detect(path: "x.csv", firstBytes: Array(ACLEDDecoderTests.header.utf8)) == .acled)
        #expect(FormatChoice.decoder(forced: .ucdp, path: "x.jsonl", firstLine: []) is UCDPDecoder)
        #expect(EventFormat(rawValue: "ucdp") == .ucdp)
    }

    @Test func fieldsMapToTheIncident() throws {
        let records = decode(Self.header + "\n" + Self.row() + "\n")
        let incident = try #require(records.first?.decodedIncident)
        #expect(incident.id == "444001")
        #expect(incident.time == FormatTestSupport.day(2023, 9, 8))
        #expect(!incident.hasClockTime)
        #expect(incident.actors == [0, 3])  // FAMA, JNIM
        #expect(incident.type == .battle)
        #expect(incident.fatalities == 64)
        #expect(incident.summary == "Army post attacked near Bamba, \"heavy losses\"")
        #expect(incident.source == "Reuters")
        #expect(incident.place == "Bamba town")
        #expect(incident.location == GeoPoint(lat: 17.0333, lon: -1.4))
        #expect(incident.origin == Origin(file: "events.csv", line: 2))
    }

    @Test func precisionCodesAreKept() {
        let rows = [
            Self.row(["id": "1", "where_prec": "4", "date_prec": "3"]),
            Self.row(["id": "2"]),
            Self.row(["id": "3", "where_prec": "", "date_prec": ""]),
            Self.row(["id": "4", "where_prec": "9", "date_prec": "x"]),
            Self.row(["id": "5", "where_prec": " 6 ", "date_prec": "1"]),
        ]
        let incidents = decode(([Self.header] + rows).joined(separator: "\n") + "\n").compactMap(\.decodedIncident)
        // A code UCDP does not define is not given: the row still loads.
        #expect(incidents.map(\.precision) == [Precision(scheme: .ucdp, location: 4, date: 3), Precision(scheme: .ucdp, location: 1, date: 1),
                                                nil, nil, Precision(scheme: .ucdp, location: 6, date: 1)])
        #expect(incidents.map { $0.precision?.isApproximateLocation == true } == [true, false, false, false, true])
        #expect(incidents.map { $0.precision?.isApproximateDate == true } == [true, false, false, false, false])
    }

    @Test func typesDatesFallbacksAndAliases() throws {
        let rows = [
            Self.row(["id": "1", "type_of_violence": "2", "side_a": "IS", "side_b": "MNLA"]),
            Self.row(["id": "2", "type_of_violence": "3", "side_a": "Ansar Dine", "side_b": "Civilians", "date_start": "2023-08-13"]),
            Self.row(["id": "3", "source_headline": "", "where_coordinates": "", "latitude": "", "longitude": ""]),
            Self.row(["id": "4", "type_of_violence": "5"]),
            Self.row(["id": "5", "date_start": "13/08/2023"]),
            Self.row(["id": "6", "latitude": "north"]),
        ]
        let records = decode(([Self.header] + rows).joined(separator: "\n"))
        let incidents = records.compactMap(\.decodedIncident)
        #expect(incidents.map(\.id) == ["1", "2", "3"])
        #expect(incidents[0].type == .battle)
        #expect(incidents[0].actors == [4, 2])  // IS Sahel, CMA
        #expect(incidents[1].type == .violenceAgainstCivilians)
        #expect(incidents[1].actors == [3, 6])  // JNIM, Civilians
        #expect(incidents[1].time == FormatTestSupport.day(2023, 8, 13))
        #expect(incidents[2].summary == "Bamba, Bourem cercle")
        #expect(incidents[2].place == "Bourem cercle")
        let bad = records.compactMap(\.decodedBadLine)
        #expect(bad.map(\.origin.line) == [5, 6, 7])
        #expect(bad.map(\.reason) == ["type_of_violence \"5\" is not 1, 2 or 3", "bad date_start \"13/08/2023\"",
                                      "latitude \"north\" is not a number"])
    }

    @Test func laterRowWithTheSameIDCarriesTheSameID() {
        let records = decode([Self.header, Self.row(["best": "10"]), Self.row(["best": "12"])].joined(separator: "\n"))
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["444001", "444001"])
        #expect(records.compactMap(\.decodedIncident).map(\.fatalities) == [10, 12])
    }
}
