import Testing
@testable import MonitorCore
@testable import MonitorIngest

/// A count above the supported maximum says so in every format, rather than "not a whole
/// number" (issue 12); the lines around it still load.
@Suite struct FatalityLimitTests {
    let tooLarge = "fatalities too large (max 999999999)"

    @Test(arguments: ["1e10", "5000000000", "1000000000"])
    func acled(count: String) {
        let text = [ACLEDDecoderTests.header, ACLEDDecoderTests.row(["fatalities": count]),
                    ACLEDDecoderTests.row(["event_id_cnty": "MLI28299"])].joined(separator: "\n") + "\n"
        let records = ACLEDDecoderTests().decode(text)
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == [tooLarge])
        #expect(records.compactMap(\.decodedIncident).count == 1)
    }

    @Test(arguments: ["1e10", "5000000000"])
    func ucdp(best: String) {
        let text = [UCDPDecoderTests.header, UCDPDecoderTests.row(["id": "1", "best": best]),
                    UCDPDecoderTests.row(["id": "2"])].joined(separator: "\n") + "\n"
        let records = UCDPDecoderTests().decode(text)
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == [tooLarge])
        #expect(records.compactMap(\.decodedIncident).count == 1)
    }

    @Test(arguments: ["1e10", "5000000000", "1e300"])
    func geoJSON(count: String) {
        let text = #"{"type":"Feature","geometry":null,"properties":{"time":"2023-08-13","actors":["FAMA"],"fatalities":\#(count)}}"#
            + "\n" + GeoJSONDecoderTests.sequence[1] + "\n"
        let records = GeoJSONDecoderTests().decode(text)
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == [tooLarge])
        #expect(records.compactMap(\.decodedIncident).count == 1)
    }

    @Test func aFractionIsStillNotAWholeNumber() {
        #expect(FatalityCount.reason("2.5", shown: "fatalities \"2.5\"") == "fatalities \"2.5\" is not a whole number")
        #expect(FatalityCount.reason("dozens", shown: "best \"dozens\"") == "best \"dozens\" is not a whole number")
    }
}
