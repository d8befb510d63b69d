import Testing
@testable import MonitorCore
@testable import MonitorIngest

@Suite struct JSONLineParserTests {
    let parser = JSONLineParser()
    let origin = Origin(file: "t.jsonl", line: 7)

    func parse(_ line: String) -> Result<Incident, LineError> {
        parser.parse(line: Array(line.utf8), origin: origin)
    }

    func reason(_ line: String) -> String? {
        if case .failure(let error) = parse(line) { return error.reason }
        return nil
    }

    @Test func parsesTheREADMEExample() throws {
        let line = #"{"id":"ber-2023-08-13","time":"2023-08-13T08:30:00Z","place":"Ber","lat":16.8349,"lon":-2.5319,"actors":["FAMA","Wagner"],"type":"strategic","fatalities":0,"summary":"Army takes over the Ber camp after the UN leaves","source":"Malian General Staff"}"#
        let incident = try parse(line).get()
        #expect(incident.id == "ber-2023-08-13")
        #expect(incident.time == 1_691_915_400)
        #expect(incident.hasClockTime)
        #expect(incident.place == "Ber")
        #expect(incident.location == GeoPoint(lat: 16.8349, lon: -2.5319))
        #expect(!incident.locatedByGazetteer)
        #expect(incident.actors == [0, 1])
        #expect(incident.type == .strategic)
        #expect(incident.fatalities == 0)
        #expect(incident.summary == "Army takes over the Ber camp after the UN leaves")
        #expect(incident.source == "Malian General Staff")
        #expect(incident.origin == origin)
    }

    @Test func plainDateAndAliasesAndGazetteerPlace() throws {
        let incident = try parse(#"{"time":"2023-08-13","place":"tombouctou","actors":["JNIM: Group for Support of Islam and Muslims","Military Forces of Mali (2021-)"],"type":"Battles"}"#).get()
        #expect(incident.time == 1_691_884_800)
        #expect(!incident.hasClockTime)
        #expect(incident.actors == [3, 0])
        #expect(incident.locatedByGazetteer)
        #expect(incident.location == Gazetteer.mali.lookup("Timbuktu")?.point)
        #expect(incident.type == .battle)
    }

    @Test func unknownActorGoesUnderOtherKeptVerbatim() throws {
        let incident = try parse(#"{"time":"2023-09-01","actors":["Dozo militia","FAMA"]}"#).get()
        #expect(incident.actors == [ActorRegistry.northernMali.otherID, 0])
        #expect(incident.unknownActorNames == ["Dozo militia"])
    }

    @Test func missingOrNullFatalitiesAreUnknownAndZeroIsZero() throws {
        #expect(try parse(#"{"time":"2023-09-01","actors":["FAMA"]}"#).get().fatalities == nil)
        #expect(try parse(#"{"time":"2023-09-01","actors":["FAMA"],"fatalities":null}"#).get().fatalities == nil)
        #expect(try parse(#"{"time":"2023-09-01","actors":["FAMA"],"fatalities":0}"#).get().fatalities == 0)
        #expect(try parse(#"{"time":"2023-09-01","actors":["FAMA"],"fatalities":4}"#).get().fatalities == 4)
    }

    @Test func actorNamesAreKeptAsWrittenWhenOneDiffersFromItsKey() throws {
        let incident = try parse(#"{"time":"2023-09-01","actors":["Katiba Macina"," Military Forces of Mali (2021-)","FAMA","Katiba Macina","Some Militia"]}"#).get()
        #expect(incident.actors == [3, 0, ActorRegistry.northernMali.otherID])
        #expect(incident.writtenActors == [
            WrittenActor(name: "Katiba Macina", actor: 3), WrittenActor(name: "Military Forces of Mali (2021-)", actor: 0),
            WrittenActor(name: "FAMA", actor: 0), WrittenActor(name: "Some Militia", actor: ActorRegistry.northernMali.otherID),
        ])
        // Every name its actor's key: the actor list says it all, nothing more is kept.
        #expect(try parse(#"{"time":"2023-09-01","actors":["FAMA","Wagner","FAMA"]}"#).get().writtenActors.isEmpty)
        #expect(try parse(#"{"time":"2023-09-01","actors":["fama"]}"#).get().writtenActors == [WrittenActor(name: "fama", actor: 0)])
    }

    @Test func unlocatedIncidentIsKept() throws {
        let incident = try parse(#"{"time":"2023-09-01","actors":["FAMA"],"place":"Nowhere-in-particular"}"#).get()
        #expect(incident.location == nil)
        #expect(incident.place == "Nowhere-in-particular")
    }

    @Test func unknownTypeKeptAsWrittenAndUnknownFieldsIgnored() throws {
        let incident = try parse(#"{"time":"2023-09-01","actors":["FAMA"],"type":"airdrop","colour":"red","nested":{"a":[1,2]}}"#).get()
        #expect(incident.type == .other("airdrop"))
    }

    @Test func timeZoneOffsetsAreApplied() throws {
        let a = try parse(#"{"time":"2023-08-13T10:30:00+02:00","actors":["FAMA"]}"#).get()
        let b = try parse(#"{"time":"2023-08-13T08:30:00.250Z","actors":["FAMA"]}"#).get()
        #expect(a.time == b.time)
    }

    @Test(arguments: [
        ("not json at all", "invalid JSON"),
        ("{\"time\":\"2023-08-13\"", "invalid JSON"),
        ("[1,2,3]", "not a JSON object"),
        (#"{"actors":["FAMA"]}"#, "missing time"),
        (#"{"time":"2023-13-45","actors":["FAMA"]}"#, "bad time"),
        (#"{"time":"yesterday","actors":["FAMA"]}"#, "bad time"),
        (#"{"time":"2023-08-13"}"#, "missing actors"),
        (#"{"time":"2023-08-13","actors":[]}"#, "missing actors"),
        (#"{"time":"2023-08-13","actors":[""]}"#, "missing actors"),
        (#"{"time":"2023-08-13","actors":42}"#, "actors is not a list"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"lat":123.4,"lon":0}"#, "latitude 123.4 out of range"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"lat":12,"lon":-200}"#, "longitude -200.0 out of range"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"lat":"north","lon":0}"#, "lat is not a number"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"fatalities":-3}"#, "fatalities -3 below zero"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"fatalities":2.5}"#, "fatalities is not a whole number"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"fatalities":1000000000}"#, "fatalities too large (max 999999999)"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"fatalities":1e300}"#, "fatalities too large (max 999999999)"),
        (#"{"time":"2023-08-13","actors":["FAMA"],"fatalities":-1e300}"#, "fatalities below zero"),
        (#"{"time":20230813,"actors":["FAMA"]}"#, "time is not a string"),
    ])
    func rejectsEachKindOfBadLine(line: String, expected: String) {
        let got = reason(line)
        #expect(got?.hasPrefix(expected) == true, "got \(got ?? "success") for \(line)")
    }

    @Test func invalidUTF8IsReported() {
        let bytes: [UInt8] = Array(#"{"time":"2023-08-13","actors":["FAMA"],"summary":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        if case .failure(let error) = parser.parse(line: bytes, origin: origin) {
            #expect(error.reason == "invalid UTF-8 at byte 50")
        } else {
            Issue.record("invalid UTF-8 was accepted")
        }
    }
}

@Suite struct TimeParserTests {
    @Test func epochOfKnownDates() {
        #expect(TimeParser.parse("1970-01-01")?.epochSeconds == 0)
        #expect(TimeParser.parse("2000-02-29T00:00:00Z")?.epochSeconds == 951_782_400)
        #expect(TimeParser.parse("2023-12-31T23:59:59Z")?.epochSeconds == 1_704_067_199)
        #expect(TimeParser.parse("2023-02-29") == nil)
        #expect(TimeParser.parse("2023-08-13T25:00:00Z") == nil)
        #expect(TimeParser.parse("2023-08-13T08:30:00Zjunk") == nil)
    }

    @Test func civilIsTheInverse() {
        for epoch: Int64 in [0, 951_782_400, 1_691_915_400, 1_704_067_199, -86_400] {
            let c = TimeParser.civil(epoch)
            let back = Int64(TimeParser.daysFromCivil(year: c.year, month: c.month, day: c.day)) * 86400
                + Int64(c.hour * 3600 + c.minute * 60) + (epoch % 60 + 60) % 60
            #expect(back == epoch)
        }
    }
}
