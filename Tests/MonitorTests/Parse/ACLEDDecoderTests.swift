import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorIngest
@testable import MonitorState

/// Helpers shared by the ACLED, GeoJSON and format detector tests.
enum FormatTestSupport {
    /// Feeds text to a decoder one physical line at a time, numbered from `firstLine`, then
    /// signals the end of data, as SourceReader does.
    static func feed<D: RecordDecoder>(_ text: String, to decoder: inout D, file: String = "events.csv", firstLine: Int = 1) -> [ParsedRecord] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        var out: [ParsedRecord] = []
        for (i, line) in lines.enumerated() {
            out += decoder.decode(line: Array(line.utf8), number: firstLine + i, file: file)
        }
        out += decoder.endOfData(file: file)
        return out
    }

    /// Midnight UTC of a date, in epoch seconds.
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        Int64(TimeParser.daysFromCivil(year: year, month: month, day: day)) * 86400
    }
}

extension ParsedRecord {
    var decodedIncident: Incident? {
        if case .incident(let incident) = self { return incident }
        return nil
    }

    var decodedBadLine: BadLine? {
        if case .bad(let bad) = self { return bad }
        return nil
    }

    var decodedRetractionID: String? {
        if case .retraction(let id, _) = self { return id }
        return nil
    }
}

@Suite struct ACLEDDecoderTests {
    static let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    static let berHandover = "MLI28001,2023-08-13,2023,1,Strategic developments,Strategic developments,Non-violent transfer of territory,Military Forces of Mali (2021-),Wagner Group,State forces,,,,State forces only,,466,Western Africa,Mali,Tombouctou,Timbuktu,Ber,Ber,16.8349,-2.5319,1,Malian Armed Forces,National,\"On 13 August 2023, soldiers accompanied by Wagner personnel moved into the Ber camp that the UN mission had just left.\",0,,1692662400"

    static let timbuktuShelling = "MLI28003,2023-09-04,2023,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,JNIM: Group for Support of Islam and Muslims,,Rebel group,Civilians (Mali),,Civilians,Rebel group-Civilians,Civilian targeting,466,Western Africa,Mali,Tombouctou,Timbuktu,Timbuktu,Timbuktu,16.7735,-3.0074,1,Studio Tamani,National,\"Rockets fired at Timbuktu fell on homes near the central market, wounding several residents.\",0,,1694044800"

    static let kidalEntry = "MLI28150,14 November 2023,2023,1,Political violence,Battles,Government regains territory,Military Forces of Mali (2021-),Wagner Group,State forces,CMA: Coordination of Movements of the Azawad,,Rebel group,State forces-Rebel group,,466,Western Africa,Mali,Kidal,Kidal,Kidal,Kidal,18.4411,1.4078,1,Malian Armed Forces; AFP,National-International,\"After days of air strikes and a ground advance from Anefis, the army and Wagner entered Kidal; the CSP fighters had already withdrawn.\",0,,1700006400"

    /// Field values of a current-layout record, by column name, for building variants.
    static let base: [String: String] = [
        "event_id_cnty": "MLI28200", "event_date": "2023-10-02", "year": "2023", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "CMA: Coordination of Movements of the Azawad", "assoc_actor_1": "", "inter1": "Rebel group",
        "actor2": "Military Forces of Mali (2021-)", "assoc_actor_2": "Wagner Group", "inter2": "State forces",
        "interaction": "Rebel group-State forces", "civilian_targeting": "", "iso": "466", "region": "Western Africa",
        "country": "Mali", "admin1": "Gao", "admin2": "Bourem", "admin3": "Bourem", "location": "Bourem",
        "latitude": "16.9560", "longitude": "-0.3495", "geo_precision": "1", "source": "Jeune Afrique",
        "source_scale": "International", "notes": "CSP fighters attacked the army base at Bourem; both sides claimed the upper hand.",
        "fatalities": "12", "tags": "", "timestamp": "1696377600",
    ]

    /// One record in current-layout column order, with some values replaced (quoted as CSV needs).
    static func row(_ changes: [String: String] = [:]) -> String {
        header.split(separator: ",").map { name in
            let value = changes[String(name)] ?? base[String(name)] ?? ""
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    func decode(_ text: String, _ decoder: ACLEDDecoder = ACLEDDecoder()) -> [ParsedRecord] {
        var decoder = decoder
        return FormatTestSupport.feed(text, to: &decoder)
    }

    @Test func currentLayout() throws {
        let records = decode([Self.header, Self.berHandover, Self.timbuktuShelling, Self.kidalEntry].joined(separator: "\n") + "\n")
        #expect(records.count == 3)
        let ber = try #require(records[0].decodedIncident)
        #expect(ber.id == "MLI28001")
        #expect(ber.time == FormatTestSupport.day(2023, 8, 13))
        #expect(!ber.hasClockTime)
        #expect(ber.actors == [0, 1])
        #expect(ber.unknownActorNames.isEmpty)
        #expect(ber.type == .strategic)
        #expect(ber.place == "Ber")
        #expect(ber.location == GeoPoint(lat: 16.8349, lon: -2.5319))
        #expect(!ber.locatedByGazetteer)
        #expect(ber.fatalities == 0)
        #expect(ber.summary == "On 13 August 2023, soldiers accompanied by Wagner personnel moved into the Ber camp that the UN mission had just left.")
        #expect(ber.source == "Malian Armed Forces")
        #expect(ber.origin == Origin(file: "events.csv", line: 2))

        let shelling = try #require(records[1].decodedIncident)
        #expect(shelling.type == .explosion)
        #expect(shelling.actors == [3, 6])
        #expect(shelling.origin.line == 3)

        let kidal = try #require(records[2].decodedIncident)
        #expect(kidal.time == FormatTestSupport.day(2023, 11, 14))
        #expect(kidal.type == .battle)
        #expect(kidal.actors == [0, 1, 2])
        #expect(kidal.source == "Malian Armed Forces; AFP")
        #expect(kidal.origin.line == 4)
    }

    @Test func emptyFatalitiesCellIsUnknownNotZero() throws {
        let records = decode([Self.header, Self.row(["fatalities": ""]), Self.row(["event_id_cnty": "MLI28201", "fatalities": "0"])]
            .joined(separator: "\n") + "\n")
        #expect(records.compactMap(\.decodedIncident).map(\.fatalities) == [nil, 0])
    }

    @Test func actorColumnsAreKeptAsWrittenInColumnOrder() throws {
        let records = decode([Self.header, Self.row(["assoc_actor_1": "Katiba Macina; CSP"])].joined(separator: "\n") + "\n")
        let incident = try #require(records.first?.decodedIncident)
        #expect(incident.writtenActors.map(\.name) == ["CMA: Coordination of Movements of the Azawad", "Katiba Macina", "CSP",
                                                       "Military Forces of Mali (2021-)", "Wagner Group"])
        #expect(incident.writtenActors.map(\.actor) == [2, 3, 2, 0, 1])
    }

    @Test func olderLayoutByHeaderName() throws {
        // Upper-case names padded with spaces, data_id instead of event_id_cnty, numeric inter
        // codes, dates written out, and the columns in an order of their own.
        let text = """
            DATA_ID, ISO3, EVENT_DATE, EVENT_TYPE, ACTOR1, INTER1, ACTOR2, INTER2, INTERACTION, ASSOC_ACTOR_1, ASSOC_ACTOR_2, COUNTRY, ADMIN1, ADMIN2, LOCATION, LONGITUDE, LATITUDE, FATALITIES, NOTES, SOURCE, EVENT_ID_NO_CNTY, YEAR
            9871001,466,30 June 2023,Strategic development,MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-),8,,0,80,,,Mali,Gao,Gao,Gao,-0.0447,16.2717,0,"The Security Council ends the mission's mandate, with the withdrawal to be completed by 31 December 2023.",UN Security Council,5501,2023
            9871002,466,13-August-2023,Battle-No change of territory,JNIM: Group for Support of Islam and Muslims,2,Military Forces of Mali (2021-),1,12,,Wagner Group,Mali,Tombouctou,Timbuktu,Ber,-2.5319,16.8349,6,An army column leaving Ber for Timbuktu is ambushed on the way.,Malian Armed Forces,5502,2023
            9871003,466,2 Oct 2023,Violence against civilians,Unidentified Armed Group (Mali),3,Civilians (Mali),7,37,,,Mali,Gao,Ansongo,Ansongo,,,3,Gunmen on motorbikes kill three traders on the road south of Ansongo.,Local sources,5503,2023

            """
        let records = decode(text)
        #expect(records.count == 3)
        let mandate = try #require(records[0].decodedIncident)
        #expect(mandate.id == "9871001")
        #expect(mandate.time == FormatTestSupport.day(2023, 6, 30))
        #expect(mandate.type == .strategic)
        #expect(mandate.actors == [5])
        #expect(mandate.location?.lat == 16.2717)
        #expect(mandate.location?.lon == -0.0447)
        #expect(mandate.summary == "The Security Council ends the mission's mandate, with the withdrawal to be completed by 31 December 2023.")
        #expect(mandate.source == "UN Security Council")

        let ambush = try #require(records[1].decodedIncident)
        #expect(ambush.time == FormatTestSupport.day(2023, 8, 13))
        #expect(ambush.type == .battle)
        #expect(ambush.actors == [3, 0, 1])
        #expect(ambush.fatalities == 6)
        #expect(ambush.place == "Ber")

        // No coordinates: placed through the gazetteer.
        let traders = try #require(records[2].decodedIncident)
        #expect(traders.time == FormatTestSupport.day(2023, 10, 2))
        #expect(traders.type == .violenceAgainstCivilians)
        #expect(traders.actors == [7, 6])
        #expect(traders.locatedByGazetteer)
        #expect(traders.location == Gazetteer.mali.lookup("Ansongo")?.point)
    }

    @Test func allyActorColumnsOfOldExports() throws {
        let text = """
            data_id,event_date,actor1,ally_actor_1,actor2,ally_actor_2,location
            77001,2023-11-01,CMA: Coordination of Movements of the Azawad,HCUA,MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-),,Kidal
            """
        let incident = try #require(decode(text).first?.decodedIncident)
        #expect(incident.actors == [2, 5])
        #expect(incident.id == "77001")
        #expect(incident.place == "Kidal")
        #expect(incident.locatedByGazetteer)
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = Self.header + "\n"
            + "MLI28002,2023-09-08,2023,1,Political violence,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims,,Rebel group,Military Forces of Mali (2021-),Wagner Group; Unknown militia,State forces,Rebel group-State forces,,466,Western Africa,Mali,Gao,Bourem,Bamba,Bamba,17.0333,-1.4000,2,\"Reuters; \"\"Studio Tamani\"\"\",International,\"On 8 September 2023, JNIM fighters stormed the army post at Bamba.\n"
            + "Fighting lasted several hours; the army said it had \"\"neutralised\"\" many attackers,\n"
            + "and admitted losses of its own.\",64,,1694476800\n"
            + Self.timbuktuShelling + "\n"
        let records = decode(text)
        #expect(records.count == 2)
        let bamba = try #require(records[0].decodedIncident)
        #expect(bamba.origin.line == 2)
        #expect(bamba.summary == "On 8 September 2023, JNIM fighters stormed the army post at Bamba. Fighting lasted several hours; the army said it had \"neutralised\" many attackers, and admitted losses of its own.")
        #expect(bamba.source == "Reuters; \"Studio Tamani\"")
        #expect(bamba.fatalities == 64)
        #expect(bamba.actors == [3, 0, 1, 7])
        #expect(bamba.unknownActorNames == ["Unknown militia"])
        #expect(bamba.location == GeoPoint(lat: 17.0333, lon: -1.4))
        // The record after the three-line one keeps its own line number.
        #expect(records[1].decodedIncident?.origin.line == 5)
    }

    @Test func associatedActorsAndAliases() throws {
        let text = Self.header + "\n" + Self.row([
            "actor1": "JNIM: Group for Support of Islam and Muslims", "assoc_actor_1": "Katiba Macina; Dozo hunters",
            "actor2": "Military Forces of Mali (2021-)", "assoc_actor_2": "Wagner Group;Police Forces of Mali (2021-)",
        ])
        let incident = try #require(decode(text).first?.decodedIncident)
        // JNIM, Katiba Macina (JNIM again), Dozo hunters (unknown), FAMA, Wagner, police (FAMA again).
        #expect(incident.actors == [3, 7, 0, 1])
        #expect(incident.unknownActorNames == ["Dozo hunters"])
    }

    @Test func summaryFallsBackToSubEventTypeAndPlaceToAdminAreas() throws {
        let text = Self.header + "\n" + Self.row(["notes": "", "location": "", "admin2": "Ansongo", "latitude": "", "longitude": ""])
            + "\n" + Self.row(["location": "", "admin2": "", "admin1": "Gao", "latitude": "", "longitude": ""])
        let records = decode(text)
        let first = try #require(records[0].decodedIncident)
        #expect(first.summary == "Armed clash")
        #expect(first.place == "Ansongo")
        #expect(first.location == Gazetteer.mali.lookup("Ansongo")?.point)
        let second = try #require(records[1].decodedIncident)
        #expect(second.place == "Gao")
        #expect(second.summary == Self.base["notes"])
    }

    @Test func badRecordsCarryReasonAndLineAndGoodOnesStillArrive() throws {
        let lines = [
            Self.header,                                                         // 1
            Self.row(["event_id_cnty": "MLI28201"]),                             // 2 good
            "MLI28202,2023-10-03,2023,1,Political violence,Battles,Armed clash,CMA,,Rebel group,FAMA,,State forces",  // 3 short
            Self.row(["event_date": ""]),                                        // 4
            Self.row(["event_date": "2023-13-45"]),                              // 5
            Self.row(["event_date": "10/3/2023"]),                               // 6
            "",                                                                  // 7 blank: skipped
            Self.row(["actor1": "", "actor2": "", "assoc_actor_2": ""]),         // 8
            Self.row(["latitude": "123.4"]),                                     // 9
            Self.row(["longitude": "east"]),                                     // 10
            Self.row(["fatalities": "dozens"]),                                  // 11
            Self.row(["fatalities": "-3"]),                                      // 12
            Self.row(["event_id_cnty": "MLI28212"]),                             // 13 good
        ]
        let records = decode(lines.joined(separator: "\n") + "\n")
        let bad = records.compactMap(\.decodedBadLine)
        #expect(bad.map(\.origin.line) == [3, 4, 5, 6, 8, 9, 10, 11, 12])
        #expect(bad.map(\.reason) == [
            "expected 31 fields, found 13",
            "missing event_date",
            "bad event_date \"2023-13-45\"",
            "bad event_date \"10/3/2023\"",
            "missing actors",
            "latitude 123.4 out of range",
            "longitude \"east\" is not a number",
            "fatalities \"dozens\" is not a whole number",
            "fatalities -3 below zero",
        ])
        #expect(bad.allSatisfy { $0.origin.file == "events.csv" })
        #expect(bad[0].excerpt == "MLI28202,2023-10-03,2023,1,Political violence,Battles,Armed clash,CMA,,Rebel group,FAMA,,State forces")
        #expect(bad.allSatisfy { $0.excerpt.count <= 120 })
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["MLI28201", "MLI28212"])
        #expect(records.compactMap(\.decodedIncident).map(\.origin.line) == [2, 13])
    }

    @Test func headerWithoutRequiredColumnsMakesEveryRecordBad() {
        let text = """
            event_id_cnty,date,actor1,location
            MLI1,2023-08-13,FAMA,Ber
            MLI2,2023-08-14,FAMA,Ber
            """
        let records = decode(text)
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == ["ACLED header lacks event_date", "ACLED header lacks event_date"])
        #expect(records.compactMap(\.decodedBadLine).map(\.origin.line) == [2, 3])

        let neither = decode("id,when,who\nx,2023-08-13,FAMA\n")
        #expect(neither.first?.decodedBadLine?.reason == "ACLED header lacks event_date and actor1")
    }

    @Test func runawayQuoteIsCutOffAndReadingResumesAtTheNextLine() throws {
        var decoder = ACLEDDecoder(maxRecordBytes: 300)
        let filler = String(repeating: "Reports from the Gourma keep arriving, none of them confirmed. ", count: 2)
        let text = [
            Self.header,                                             // 1
            "MLI28300,2023-10-05,2023,1,\"Political violence",       // 2: the quote never closes
            filler,                                                  // 3
            filler,                                                  // 4
            filler,                                                  // 5: over 300 bytes now
            Self.row(["event_id_cnty": "MLI28301"]),                 // 6
        ].joined(separator: "\n")
        let records = FormatTestSupport.feed(text, to: &decoder)
        // The record of line 2 is one bad line; lines 3 to 5 are read again as records of their own.
        let bad = records.compactMap(\.decodedBadLine)
        #expect(bad.map(\.origin.line) == [2, 3, 4, 5])
        #expect(bad.first?.reason == "unterminated quoted field")
        #expect(bad.dropFirst().allSatisfy { $0.reason == "expected 31 fields, found 3" })
        #expect(bad.first?.excerpt.hasPrefix("MLI28300,2023-10-05") == true)
        #expect(bad.allSatisfy { $0.excerpt.count <= 120 })
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["MLI28301"])
        #expect(records.compactMap(\.decodedIncident).map(\.origin.line) == [6])
    }

    /// The reader makes room for a record's fields once per chunk and more when a record has more
    /// fields than the header (here over four times as many): the wide record is one bad line
    /// with its true count, and the rows on either side load.
    @Test func aRecordFarWiderThanTheHeaderIsOneBadLine() {
        var decoder = ACLEDDecoder()
        let wide = (0..<140).map { "f\($0)" }.joined(separator: ",")
        let text = [
            Self.header,                                             // 1
            Self.row(["event_id_cnty": "MLI28310"]),                 // 2
            wide,                                                    // 3
            Self.row(["event_id_cnty": "MLI28311"]),                 // 4
            wide + "," + wide,                                       // 5
            Self.row(["event_id_cnty": "MLI28312"]),                 // 6
        ].joined(separator: "\n")
        let records = FormatTestSupport.feed(text, to: &decoder)
        let bad = records.compactMap(\.decodedBadLine)
        #expect(bad.map(\.origin.line) == [3, 5])
        #expect(bad.map(\.reason) == ["expected 31 fields, found 140", "expected 31 fields, found 280"])
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["MLI28310", "MLI28311", "MLI28312"])
    }

    @Test func recordWaitsForItsClosingQuote() {
        var decoder = ACLEDDecoder()
        #expect(decoder.decode(line: Array(Self.header.utf8), number: 1, file: "f").isEmpty)
        let opening = "MLI28400,2023-12-20,2023,1,Strategic developments,Strategic developments,Change to group/activity,Military Forces of Mali (2021-),,State forces,,,,State forces only,,466,Western Africa,Mali,Kidal,Tessalit,Aguelhok,Aguelhok,18.8847,1.0650,1,FAMa,National,\"Troops enter Aguelhok,"
        #expect(decoder.decode(line: Array(opening.utf8), number: 2, file: "f").isEmpty)
        #expect(decoder.endOfData(file: "f").isEmpty)  // still open: wait for the rest
        let records = decoder.decode(line: Array("the camp the UN left is now theirs.\",0,,1703030400".utf8), number: 3, file: "f")
        #expect(records.first?.decodedIncident?.summary == "Troops enter Aguelhok, the camp the UN left is now theirs.")
        #expect(records.first?.decodedIncident?.origin.line == 2)
    }

    @Test func resetForgetsHeaderAndPendingRecord() {
        var decoder = ACLEDDecoder()
        _ = decoder.decode(line: Array(Self.header.utf8), number: 1, file: "f")
        _ = decoder.decode(line: Array("MLI1,2023-08-13,\"open".utf8), number: 2, file: "f")
        decoder.reset()
        // After a truncation the first line is a header again.
        let text = "event_date,actor1,location\n2023-11-14,Wagner Group,Kidal\n"
        let records = FormatTestSupport.feed(text, to: &decoder)
        #expect(records.count == 1)
        #expect(records.first?.decodedIncident?.actors == [1])
        #expect(records.first?.decodedIncident?.id == nil)
    }

    @Test func datesInEveryAcceptedForm() {
        #expect(ACLEDDecoder.normaliseDate("2023-08-13") == "2023-08-13")
        #expect(ACLEDDecoder.normaliseDate("2023-8-3") == "2023-08-03")
        #expect(ACLEDDecoder.normaliseDate("29 June 2023") == "2023-06-29")
        #expect(ACLEDDecoder.normaliseDate("13-August-2023") == "2023-08-13")
        #expect(ACLEDDecoder.normaliseDate("4 sept 2023") == "2023-09-04")
        #expect(ACLEDDecoder.normaliseDate(" 1 Dec 2023 ") == "2023-12-01")
        #expect(ACLEDDecoder.normaliseDate("31 June 2023") == nil)
        #expect(ACLEDDecoder.normaliseDate("8/13/2023") == nil)
        #expect(ACLEDDecoder.normaliseDate("13 Augustus 2023") == nil)
        #expect(ACLEDDecoder.normaliseDate("") == nil)
    }

    @Test func quoteInsideAnUnquotedFieldDoesNotSwallowLines() throws {
        // Only a field that starts with a quote is quoted; a stray quote mid-field is text.
        let text = Self.header + "\n" + Self.row(["event_id_cnty": "MLI28500"]).replacingOccurrences(of: "Jeune Afrique", with: "Radio 12\" report")
            + "\n" + Self.row(["event_id_cnty": "MLI28501"]) + "\n"
        let records = decode(text)
        #expect(records.compactMap(\.decodedIncident).map(\.id) == ["MLI28500", "MLI28501"])
        #expect(records.first?.decodedIncident?.source == "Radio 12\" report")
    }

    @Test func latin1LineIsReadAsLatin1() throws {
        var bytes = Array("event_date,actor1,location\n2023-11-24,Military Forces of Mali (2021-),Niafunk".utf8)
        bytes.append(0xE9)  // é in Latin-1, not valid UTF-8
        var decoder = ACLEDDecoder()
        var records: [ParsedRecord] = []
        for (i, line) in bytes.split(separator: 0x0A).enumerated() {
            records += decoder.decode(line: Array(line), number: i + 1, file: "old.csv")
        }
        let incident = try #require(records.first?.decodedIncident)
        #expect(incident.place == "Niafunké")
        #expect(incident.locatedByGazetteer)
    }

    @Test func hostileTextIsSanitised() throws {
        let text = Self.header + "\n" + Self.row(["notes": "Convoy hit\u{1B}[2J near Gao", "location": "Gao\u{202E}"])
        let incident = try #require(decode(text).first?.decodedIncident)
        #expect(incident.summary == "Convoy hit\u{241B}[2J near Gao")
        #expect(incident.place == "Gao")
    }
}

/// Strict RFC 4180 reading of ACLED files (issue 13): what breaks the rules is one bad line with
/// its file, line and reason, and the records after it load.
@Suite struct ACLEDStrictTests {
    /// Nine rows, the third one's notes missing their closing quote.
    static func unbalanced() -> String {
        var rows = (0..<9).map { i in ACLEDDecoderTests.row(["event_id_cnty": "MLI\(900 + i)", "fatalities": String(i),
                                                              "notes": "Row \(i), with a comma, near Gao."]) }
        rows[2] = rows[2].replacingOccurrences(of: "\"Row 2, with a comma, near Gao.\"", with: "\"Row 2, with a comma, near Gao.")
        return ([ACLEDDecoderTests.header] + rows).joined(separator: "\n") + "\n"
    }

    @Test func unclosedQuoteIsOneBadLineAndTheRowsAfterItLoad() throws {
        var decoder = ACLEDDecoder()
        let records = FormatTestSupport.feed(Self.unbalanced(), to: &decoder, file: "sahel.csv")
        let incidents = records.compactMap(\.decodedIncident)
        let bad = records.compactMap(\.decodedBadLine)
        #expect(incidents.count == 8)
        #expect(bad.count == 1)
        #expect(bad.first?.origin == Origin(file: "sahel.csv", line: 4))
        #expect(bad.first?.reason.hasPrefix("closing quote of field 28 followed by") == true)
        #expect(incidents.map(\.id) == ["MLI900", "MLI901", "MLI903", "MLI904", "MLI905", "MLI906", "MLI907", "MLI908"])
        #expect(incidents.map(\.fatalities) == [0, 1, 3, 4, 5, 6, 7, 8])
        #expect(incidents.allSatisfy { $0.summary.hasPrefix("Row ") && $0.summary.hasSuffix("near Gao.") })
    }

    @Test func theSameThroughTheSourceReaderCRLFAndBOM() throws {
        let text = "\u{FEFF}" + Self.unbalanced().replacingOccurrences(of: "\n", with: "\r\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sitmon-strict-\(getpid()).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = SourceReader(index: 0, path: path, choose: { path, first in FormatChoice.decoder(forced: nil, path: path, firstLine: first) })
        let batch = reader.poll().batch
        #expect(batch.incidentCount == 8)
        #expect(batch.badLines.map(\.origin.line) == [4])
        #expect(batch.incidents.map(\.origin.line) == [2, 3, 5, 6, 7, 8, 9, 10])
    }

    @Test func quotedLineBreaksStillWorkAndAQuoteMustEndItsField() {
        let good = ACLEDDecoderTests.row(["notes": "First line,\nsecond line \"quoted\"\n\nfourth"])
        let text = [ACLEDDecoderTests.header, good, "MLI1,\"2023-08-13\"x,2023", ACLEDDecoderTests.row(["event_id_cnty": "MLI2"])]
            .joined(separator: "\n")
        var decoder = ACLEDDecoder()
        let records = FormatTestSupport.feed(text, to: &decoder)
        #expect(records.compactMap(\.decodedIncident).map(\.summary).first == "First line, second line \"quoted\"  fourth")
        #expect(records.compactMap(\.decodedIncident).map(\.origin.line) == [2, 7])
        #expect(records.compactMap(\.decodedBadLine).map(\.reason) == ["closing quote of field 2 followed by \"x\", not a comma or the line end"])
        #expect(records.compactMap(\.decodedBadLine).map(\.origin.line) == [6])
    }

    /// Random bytes and random damage to good files never crash, and every record start is an
    /// incident or a counted bad line: the same however the file is cut into blocks.
    @Test func randomBytesAndDamageNeverCrashAndAreAllAccountedFor() {
        var dice = SplitMix64(seed: 77)
        let good = ([ACLEDDecoderTests.header] + (0..<300).map { i in
            ACLEDDecoderTests.row(["event_id_cnty": "MLI\(i)", "notes": i % 3 == 0 ? "A, \"b\"\nc" : "plain"])
        }).joined(separator: "\n")
        for round in 0..<60 {
            var bytes = Array(good.utf8)
            if round % 4 == 0 {
                bytes = (0..<dice.inRange(0...4000)).map { _ in dice.pick([0x22, 0x2C, 0x0A, 0x0D, 0x41, 0x20, 0xC3, 0xA9, 0x00, 0xFF]) }
            } else {
                for _ in 0..<dice.inRange(1...40) where !bytes.isEmpty {
                    let at = dice.below(bytes.count)
                    if dice.chance(percent: 50) { bytes.insert(dice.pick([0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xFF]), at: at) } else { bytes.remove(at: at) }
                }
            }
            var results: [[String]] = []
            for sizes in [[Int.max], [1], [2, 5, 1]] {
                var splitter = LineSplitter()
                var all = LineBlock()
                splitter.feed(bytes, into: &all)
                splitter.finish(into: &all)
                for i in 0..<all.count { all.lines[i].number = i + 1 }
                var decoder = ACLEDDecoder(maxRecordBytes: 2000)
                var seen: [String] = []
                var at = 0, k = 0
                while at < all.count {
                    let n = min(all.count - at, sizes[k % sizes.count])
                    k += 1
                    var block = LineBlock()
                    for i in at..<(at + n) { block.append(copyOf: all, line: i) }
                    let out = decoder.decodeBlock(block, 0..<block.count, file: "f")
                    seen += out.records.map { record in
                        switch record {
                        case .incident(let incident): "\(incident.origin.line) incident \(incident.id ?? "-")"
                        case .bad(let bad): "\(bad.origin.line) bad \(bad.reason)"
                        case .retraction: "retraction"
                        }
                    }
                    at += n
                }
                // Each record is reported once, in line order, numbered within the file.
                let lines = seen.compactMap { Int($0.split(separator: " ")[0]) }
                #expect(lines == lines.sorted() && Set(lines).count == lines.count && lines.allSatisfy { (1...all.count).contains($0) })
                results.append(seen)
            }
            #expect(results[1] == results[0] && results[2] == results[0], "round \(round): the reading depends on where blocks are cut")
        }
    }
}
