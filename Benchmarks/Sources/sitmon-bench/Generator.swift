import Monitor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: small, fast and fully deterministic for a given seed on every platform.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = unit() * total
        for (item, weight) in items {
            if r < weight { return item }
            r -= weight
        }
        return items[items.count - 1].0
    }
}

enum OutputFormat: String, CaseIterable {
    case jsonl, acled, ucdp
    /// GeoJSON: one Feature a line (RFC 8142), a FeatureCollection with one feature a line, and
    /// the same collection on a single line as Python's `json.dump` writes it.
    case geojsonseq, featurecollection
    case featurecollectionCompact = "featurecollection-compact"
}

/// A town of northern Mali (and the edge of the centre) with its ACLED admin units.
struct Town {
    let name: String
    let slug: String
    let lat: Double
    let lon: Double
    let admin1: String
    let admin2: String
    let weight: Double
}

enum Kind: CaseIterable {
    case battle, explosion, civilians, strategic, protest, riot

    var jsonType: String {
        switch self {
        case .battle: "battle"
        case .explosion: "explosion"
        case .civilians: "violence against civilians"
        case .strategic: "strategic"
        case .protest: "protest"
        case .riot: "riot"
        }
    }

    var acledType: String {
        switch self {
        case .battle: "Battles"
        case .explosion: "Explosions/Remote violence"
        case .civilians: "Violence against civilians"
        case .strategic: "Strategic developments"
        case .protest: "Protests"
        case .riot: "Riots"
        }
    }

    var disorder: String {
        switch self {
        case .battle, .explosion, .civilians: "Political violence"
        case .protest, .riot: "Demonstrations"
        case .strategic: "Strategic developments"
        }
    }
}

/// One generated incident, before it is written in a format.
struct Event {
    var index: Int
    var time: Int64
    var hasClock: Bool
    var town: Town
    var lat: Double
    var lon: Double
    var located: Bool
    var sideA: [String]
    var sideB: [String]
    var kind: Kind
    var subType: String
    var fatalities: Int
    var summary: String
    var source: String
    var precision: Int
}

/// Realistic incidents over northern Mali (lat 14–25, lon −6.5–4.5), 2023-01-01 to 2024-12-31,
/// in time order with a few late reports, from a seeded PRNG: the same seed gives the same bytes.
struct IncidentGenerator {
    static let start: Int64 = 1_672_531_200  // 2023-01-01T00:00:00Z
    static let end: Int64 = 1_735_689_599  // 2024-12-31T23:59:59Z
    static let minusmaGone: Int64 = 1_703_980_800  // 2023-12-31: MINUSMA has left

    let count: Int
    /// Share of reports that arrive late, hours to days after the incidents around them.
    let lateShare: Double
    var rng: SplitMix64

    static let defaultLateShare = 0.005

    init(count: Int, seed: UInt64, lateShare: Double = IncidentGenerator.defaultLateShare) {
        self.count = count
        self.lateShare = lateShare
        rng = SplitMix64(seed: seed)
    }

    static let towns: [Town] = [
        Town(name: "Gao", slug: "gao", lat: 16.2717, lon: -0.0447, admin1: "Gao", admin2: "Gao", weight: 10),
        Town(name: "Timbuktu", slug: "timbuktu", lat: 16.7735, lon: -3.0074, admin1: "Timbuktu", admin2: "Timbuktu", weight: 9),
        Town(name: "Kidal", slug: "kidal", lat: 18.4411, lon: 1.4078, admin1: "Kidal", admin2: "Kidal", weight: 7),
        Town(name: "Ménaka", slug: "menaka", lat: 15.9182, lon: 2.4022, admin1: "Menaka", admin2: "Menaka", weight: 8),
        Town(name: "Ber", slug: "ber", lat: 16.8349, lon: -2.5319, admin1: "Timbuktu", admin2: "Timbuktu", weight: 4),
        Town(name: "Tessalit", slug: "tessalit", lat: 20.2011, lon: 0.9786, admin1: "Kidal", admin2: "Tessalit", weight: 3),
        Town(name: "Aguelhok", slug: "aguelhok", lat: 19.4614, lon: 0.8586, admin1: "Kidal", admin2: "Tessalit", weight: 3),
        Town(name: "Anéfis", slug: "anefis", lat: 18.0500, lon: 0.6000, admin1: "Kidal", admin2: "Kidal", weight: 3),
        Town(name: "Bourem", slug: "bourem", lat: 16.9560, lon: -0.3510, admin1: "Gao", admin2: "Bourem", weight: 4),
        Town(name: "Ansongo", slug: "ansongo", lat: 15.6597, lon: 0.5022, admin1: "Gao", admin2: "Ansongo", weight: 5),
        Town(name: "Léré", slug: "lere", lat: 15.7167, lon: -4.9167, admin1: "Timbuktu", admin2: "Niafunke", weight: 3),
        Town(name: "Niafunké", slug: "niafunke", lat: 15.9322, lon: -3.9906, admin1: "Timbuktu", admin2: "Niafunke", weight: 3),
        Town(name: "Goundam", slug: "goundam", lat: 16.4145, lon: -3.6708, admin1: "Timbuktu", admin2: "Goundam", weight: 3),
        Town(name: "Gourma-Rharous", slug: "gourma-rharous", lat: 16.8800, lon: -1.9200, admin1: "Timbuktu", admin2: "Gourma-Rharous", weight: 2),
        Town(name: "Bamba", slug: "bamba", lat: 17.0333, lon: -1.4000, admin1: "Gao", admin2: "Bourem", weight: 2),
        Town(name: "Tabankort", slug: "tabankort", lat: 17.5560, lon: 0.2260, admin1: "Gao", admin2: "Bourem", weight: 2),
        Town(name: "Tinzaouaten", slug: "tinzaouaten", lat: 19.9570, lon: 2.9670, admin1: "Kidal", admin2: "Abeibara", weight: 2),
        Town(name: "Talataye", slug: "talataye", lat: 15.6170, lon: 1.2500, admin1: "Gao", admin2: "Ansongo", weight: 2),
        Town(name: "Tidermène", slug: "tidermene", lat: 16.6330, lon: 2.6170, admin1: "Menaka", admin2: "Tidermene", weight: 2),
        Town(name: "Andéramboukane", slug: "anderamboukane", lat: 15.4219, lon: 3.0311, admin1: "Menaka", admin2: "Anderamboukane", weight: 2),
        Town(name: "Inékar", slug: "inekar", lat: 15.9500, lon: 3.1333, admin1: "Menaka", admin2: "Menaka", weight: 2),
        Town(name: "Hombori", slug: "hombori", lat: 15.2833, lon: -1.7000, admin1: "Mopti", admin2: "Douentza", weight: 2),
        Town(name: "Boni", slug: "boni", lat: 15.0667, lon: -1.9833, admin1: "Mopti", admin2: "Douentza", weight: 2),
        Town(name: "Douentza", slug: "douentza", lat: 14.9950, lon: -2.9517, admin1: "Mopti", admin2: "Douentza", weight: 2),
        Town(name: "Gossi", slug: "gossi", lat: 15.8167, lon: -1.3000, admin1: "Timbuktu", admin2: "Gourma-Rharous", weight: 2),
        Town(name: "Araouane", slug: "araouane", lat: 18.9036, lon: -3.5275, admin1: "Timbuktu", admin2: "Timbuktu", weight: 1),
        Town(name: "Taoudenni", slug: "taoudenni", lat: 22.6783, lon: -3.9836, admin1: "Taoudenit", admin2: "Taoudenit", weight: 0.5),
        Town(name: "Abeïbara", slug: "abeibara", lat: 19.1167, lon: 1.7500, admin1: "Kidal", admin2: "Abeibara", weight: 1),
        Town(name: "Tin-Essako", slug: "tin-essako", lat: 18.4500, lon: 2.4833, admin1: "Kidal", admin2: "Tin-Essako", weight: 1),
        Town(name: "Nampala", slug: "nampala", lat: 15.2833, lon: -5.5500, admin1: "Segou", admin2: "Niono", weight: 1),
        Town(name: "Boulkessi", slug: "boulkessi", lat: 14.8330, lon: -1.6670, admin1: "Mopti", admin2: "Douentza", weight: 1),
        Town(name: "Intahaka", slug: "intahaka", lat: 16.4500, lon: -0.8500, admin1: "Gao", admin2: "Gao", weight: 1),
    ]
    static let townWeights: [(Int, Double)] = towns.indices.map { ($0, towns[$0].weight) }

    static let unknownNames = ["Dan Na Ambassagou", "GATIA", "MSA", "Ganda Izo", "unidentified gunmen",
                               "Katiba Serma", "Imghad self-defence group", "bandits"]

    static let sources = ["Malian General Staff", "AFP", "RFI", "MINUSMA", "Reuters", "Studio Tamani",
                          "Le Monde", "CMA spokesman", "Local sources", "ACLED partner", "Human Rights Watch",
                          "Amnesty International", "Kibaru", "Malijet", "JNIM communiqué"]

    static let kindWeights: [(Kind, Double)] = [
        (.battle, 35), (.explosion, 15), (.civilians, 25), (.strategic, 15), (.protest, 7), (.riot, 3),
    ]

    /// Who opposes whom, by kind: (side A, side B); "?" stands for an actor no registry knows.
    static let pairings: [Kind: [([String], [String])]] = [
        .battle: [(["FAMA"], ["JNIM"]), (["FAMA", "Wagner"], ["JNIM"]), (["FAMA", "Wagner"], ["CMA"]),
                  (["FAMA"], ["IS Sahel"]), (["JNIM"], ["IS Sahel"]), (["CMA"], ["IS Sahel"]),
                  (["MINUSMA"], ["JNIM"]), (["FAMA"], ["CMA"]), (["?"], ["JNIM"]), (["FAMA", "Wagner"], ["IS Sahel"])],
        .explosion: [(["JNIM"], ["FAMA"]), (["FAMA"], ["CMA"]), (["JNIM"], ["MINUSMA"]), (["?"], ["FAMA"]),
                     (["FAMA", "Wagner"], ["Civilians"]), (["IS Sahel"], ["FAMA"])],
        .civilians: [(["JNIM"], ["Civilians"]), (["IS Sahel"], ["Civilians"]), (["FAMA", "Wagner"], ["Civilians"]),
                     (["?"], ["Civilians"]), (["Wagner"], ["Civilians"])],
        .strategic: [(["FAMA"], []), (["MINUSMA"], ["FAMA"]), (["JNIM"], []), (["CMA"], []), (["Wagner"], []),
                     (["IS Sahel"], [])],
        .protest: [(["Civilians"], [])],
        .riot: [(["Civilians"], ["FAMA"])],
    ]

    static let subTypes: [Kind: [String]] = [
        .battle: ["Armed clash", "Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
        .explosion: ["Remote explosive/landmine/IED", "Air/drone strike", "Shelling/artillery/missile attack"],
        .civilians: ["Attack", "Attack", "Abduction/forced disappearance", "Sexual violence"],
        .strategic: ["Change to group/activity", "Headquarters or base established", "Looting/property destruction",
                     "Agreement", "Arrests", "Other"],
        .protest: ["Peaceful protest", "Protest with intervention"],
        .riot: ["Violent demonstration", "Mob violence"],
    ]

    static let heads: [Kind: [String]] = [
        .battle: ["{A} and {B} clash near {P}", "{A} repel an attack by {B} on the {P} camp",
                  "Heavy fighting between {A} and {B} at {P}", "{B} ambush a {A} convoy between {P} and {Q}",
                  "Clashes at {P}", "Fighting reported east of {P}"],
        .explosion: ["IED strikes a {B} vehicle near {P}", "Drone strike by {A} hits a gathering near {P}",
                     "Mortar shells fall on the {P} camp", "{A} shell {B} positions outside {P}", "Blast at {P}"],
        .civilians: ["{A} gunmen kill villagers near {P}", "Armed men abduct residents of {P}",
                     "{A} attack a weekly market at {P}", "Bodies found near {P} after a raid by {A}",
                     "Villagers killed at {P}"],
        .strategic: ["{A} take over the {P} camp", "{A} declare a blockade of {P}", "Convoy of {A} reaches {P}",
                     "{A} announce withdrawal from {P}", "New base at {P}"],
        .protest: ["Residents of {P} protest the blockade", "Women march in {P} against insecurity",
                   "Protest at {P}"],
        .riot: ["Youths clash with {B} in {P} over fuel shortages", "Riot in {P}"],
    ]

    /// Clauses that may follow a head, by kind; `casualtyTails` only when someone died.
    static let tails: [Kind: [String]] = [
        .battle: [" after a night of gunfire", ", motorbikes and weapons seized", " on the road to {Q}",
                  "; residents flee toward {Q}", "; communications cut for two days", "; humanitarian access cut"],
        .explosion: [" on the road to {Q}", "; the road is closed to traffic", "; a second device is defused",
                     "; residents flee toward {Q}"],
        .civilians: [", several shops and granaries burned", "; residents flee toward {Q}",
                     "; a second wave of displaced reaches {Q}", "; cattle taken", "; humanitarian access cut"],
        .strategic: ["; the governor calls for calm", "; communications cut for two days", "; shops stay closed",
                     "; a second wave of displaced reaches {Q}", ", according to a local official"],
        .protest: ["; the governor calls for calm", " after Friday prayers", "; shops stay closed",
                   ", according to a local official"],
        .riot: ["; the governor calls for calm", "; shops stay closed", ", several shops burned"],
    ]
    static let casualtyTails = [", {N} killed", ", {N} dead according to local sources",
                                "; toll disputed by the \"CMA\" spokesman"]

    mutating func event(_ index: Int) -> Event {
        let span = Self.end - Self.start
        let slot = span / Int64(max(1, count))
        var time = Self.start + span * Int64(index) / Int64(max(1, count)) + Int64(rng.next() % UInt64(max(1, slot)))
        // About one report in 200 (by default) arrives late, hours to days after the fact.
        if rng.chance(lateShare) { time -= Int64(rng.int(3_600...259_200)) }
        time = max(Self.start, min(Self.end, time))
        let hasClock = rng.chance(0.9)
        if !hasClock { time -= time % 86_400 }

        let town = Self.towns[rng.weighted(Self.townWeights)]
        var lat = town.lat + (rng.unit() - 0.5) * 0.2
        var lon = town.lon + (rng.unit() - 0.5) * 0.2
        // A few incidents in the open desert, away from any town.
        if rng.chance(0.04) {
            lat = 14 + rng.unit() * 11
            lon = -6.5 + rng.unit() * 11
        }
        lat = max(14, min(25, lat))
        lon = max(-6.5, min(4.5, lon))
        let located = !rng.chance(0.02)

        let kind = rng.weighted(Self.kindWeights)
        var (sideA, sideB) = rng.pick(Self.pairings[kind]!)
        let unknown = rng.pick(Self.unknownNames)
        sideA = sideA.map { $0 == "?" ? unknown : $0 }
        sideB = sideB.map { $0 == "?" ? unknown : $0 }
        if time >= Self.minusmaGone {
            sideA = sideA.map { $0 == "MINUSMA" ? "Wagner" : $0 }
            sideB = sideB.map { $0 == "MINUSMA" ? "Wagner" : $0 }
        }
        let fatalities: Int
        switch kind {
        case .battle: fatalities = rng.chance(0.3) ? 0 : min(120, Int(-log(1 - rng.unit()) * 9))
        case .civilians: fatalities = rng.chance(0.35) ? 0 : min(80, Int(-log(1 - rng.unit()) * 6))
        case .explosion: fatalities = rng.chance(0.5) ? 0 : rng.int(1...15)
        case .riot: fatalities = rng.chance(0.9) ? 0 : rng.int(1...3)
        case .strategic, .protest: fatalities = 0
        }
        let other = Self.towns[rng.weighted(Self.townWeights)]
        let summary = makeSummary(kind: kind, a: sideA, b: sideB, place: town.name, other: other.name,
                                  fatalities: fatalities)
        return Event(index: index, time: time, hasClock: hasClock, town: town, lat: lat, lon: lon, located: located,
                     sideA: sideA, sideB: sideB, kind: kind, subType: rng.pick(Self.subTypes[kind]!),
                     fatalities: fatalities, summary: summary, source: rng.pick(Self.sources),
                     precision: rng.int(1...3))
    }

    /// A summary of 30 to 150 bytes: a head clause, then tail clauses while they fit a drawn length.
    private mutating func makeSummary(kind: Kind, a: [String], b: [String], place: String, other: String,
                                      fatalities: Int) -> String {
        // Short summaries are the more common: the smaller of two uniform draws over 30...150.
        let target = min(rng.int(30...150), rng.int(30...150))
        let values: [UInt8: String] = [
            UInt8(ascii: "A"): a.first ?? "gunmen", UInt8(ascii: "B"): b.first ?? "FAMA",
            UInt8(ascii: "P"): place, UInt8(ascii: "Q"): other, UInt8(ascii: "N"): String(max(1, fatalities)),
        ]
        func fill(_ template: String) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(template.utf8.count + 32)
            var bytes = template.utf8.makeIterator()
            while let byte = bytes.next() {
                guard byte == UInt8(ascii: "{") else { out.append(byte); continue }
                let key = bytes.next()!
                _ = bytes.next()  // "}"
                out.append(contentsOf: values[key]!.utf8)
            }
            return String(decoding: out, as: UTF8.self)
        }
        let heads = Self.heads[kind]!.map(fill).filter { $0.utf8.count <= target }
        var text = heads.isEmpty ? fill(Self.heads[kind]!.min { $0.utf8.count < $1.utf8.count }!) : rng.pick(heads)
        var pool = Self.tails[kind]!
        if fatalities > 0 { pool.append(rng.pick(Self.casualtyTails)) }
        var tries = 0
        while text.utf8.count < target, tries < 6, !pool.isEmpty {
            let tail = fill(pool.remove(at: rng.int(0...(pool.count - 1))))
            if text.utf8.count + tail.utf8.count <= target { text += tail }
            tries += 1
        }
        if let first = text.first, first.isLowercase { text = first.uppercased() + text.dropFirst() }
        var padding = [" (unconfirmed)", " overnight", ", say residents"]
        while text.utf8.count < 30, !padding.isEmpty { text += padding.removeFirst() }
        while text.utf8.count > 150, let space = text.lastIndex(of: " ") { text = String(text[..<space]) }
        return text
    }
}

// MARK: - Writing

/// Buffered writes to a file descriptor.
struct ByteWriter {
    let fd: Int32
    var buffer: [UInt8] = []
    private(set) var written: Int64 = 0

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    mutating func append(_ s: String) { buffer.append(contentsOf: s.utf8) }
    mutating func byte(_ b: UInt8) { buffer.append(b) }

    mutating func int(_ value: Int, width: Int = 0) {
        var digits = String(value)
        while digits.count < width { digits = "0" + digits }
        append(digits)
    }

    mutating func flushIfFull() { if buffer.count >= 1 << 20 { flush() } }

    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                fatalError("write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        written += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}

struct CivilDate {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(_ t: Int64) {
        // The calendar arithmetic is sitmon's own (TimeParser), so generated and parsed dates agree.
        let c = TimeParser.civil(t)
        (year, month, day, hour, minute) = (c.year, c.month, c.day, c.hour, c.minute)
        second = Int(((t % 60) + 60) % 60)
    }

    var isoDate: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    var compactDate: String {
        "\(year)\(month < 10 ? "0" : "")\(month)\(day < 10 ? "0" : "")\(day)"
    }

    var isoDateTime: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(isoDate)T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}

/// The library's escaper, so the generated files escape as sitmon's own writer does.
func jsonEscaped(_ s: String) -> String { JSONText.escaped(s) }

/// One event as a JSON Lines record, keys in the order sitmon's own examples use.
func jsonLine(_ e: Event, idOverride: String? = nil) -> String {
    let date = CivilDate(e.time)
    let id = idOverride ?? "\(e.town.slug)-\(date.compactDate)-\(String(e.index, radix: 36))"
    var s = "{\"id\":\"\(id)\",\"time\":\"\(e.hasClock ? date.isoDateTime : date.isoDate)\""
    s += ",\"place\":\"\(e.town.name)\""
    if e.located { s += ",\"lat\":\(fixed(e.lat, 4)),\"lon\":\(fixed(e.lon, 4))" }
    s += ",\"actors\":["
    for (i, actor) in (e.sideA + e.sideB).enumerated() {
        if i > 0 { s += "," }
        s += "\"\(jsonEscaped(actor))\""
    }
    s += "],\"type\":\"\(e.kind.jsonType)\",\"fatalities\":\(e.fatalities)"
    s += ",\"summary\":\"\(jsonEscaped(e.summary))\",\"source\":\"\(jsonEscaped(e.source))\"}"
    return s
}

// MARK: GeoJSON

/// One event as a GeoJSON Feature: the JSON Lines fields as properties, the location as a Point
/// (`[lon, lat]`; none when the event is placed by name), so it loads as the same incident.
func geoJSONFeature(_ e: Event) -> String {
    let date = CivilDate(e.time)
    let id = "\(e.town.slug)-\(date.compactDate)-\(String(e.index, radix: 36))"
    var s = "{\"type\":\"Feature\",\"geometry\":"
    s += e.located ? "{\"type\":\"Point\",\"coordinates\":[\(fixed(e.lon, 4)),\(fixed(e.lat, 4))]}" : "null"
    s += ",\"properties\":{\"id\":\"\(id)\",\"time\":\"\(e.hasClock ? date.isoDateTime : date.isoDate)\""
    s += ",\"place\":\"\(e.town.name)\",\"actors\":["
    for (i, actor) in (e.sideA + e.sideB).enumerated() {
        if i > 0 { s += "," }
        s += "\"\(jsonEscaped(actor))\""
    }
    s += "],\"type\":\"\(e.kind.jsonType)\",\"fatalities\":\(e.fatalities)"
    s += ",\"summary\":\"\(jsonEscaped(e.summary))\",\"source\":\"\(jsonEscaped(e.source))\"}}"
    return s
}

// MARK: ACLED

let acledHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    + "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    + "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    + "tags,timestamp"

/// ACLED's long actor names for the registry keys (sitmon matches them through its aliases).
func acledActor(_ key: String, time: Int64) -> String {
    switch key {
    case "FAMA": "Military Forces of Mali (2021-)"
    case "Wagner": time >= 1_717_200_000 ? "Africa Corps" : "Wagner Group"
    case "CMA": time >= 1_706_745_600 ? "CSP-PSD" : "CMA: Coordination of Movements of the Azawad"
    case "JNIM": "JNIM: Group for Support of Islam and Muslims"
    case "IS Sahel": "Islamic State Sahel Province"
    case "MINUSMA": "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)"
    case "Civilians": "Civilians (Mali)"
    default: key
    }
}

func acledInter(_ key: String) -> String {
    switch key {
    case "FAMA": "State forces"
    case "Wagner", "MINUSMA": "External/Other forces"
    case "CMA": "Rebel group"
    case "JNIM", "IS Sahel": "Political militia"
    case "Civilians": "Civilians"
    default: "Identity militia"
    }
}

func csvField(_ s: String, forceQuotes: Bool = false) -> String {
    guard forceQuotes || s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
    var out = "\""
    for c in s {
        if c == "\"" { out += "\"\"" } else { out.append(c) }
    }
    return out + "\""
}

let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]

/// Sentences ACLED notes add after the event itself (sources, claims, context), with commas and
/// now and then quotes, so the notes run 150 to 400 bytes as real ones do.
let noteSentences = [
    "Local sources report that the attackers arrived on motorbikes, fired on the position and withdrew toward {Q}.",
    "The army communiqué speaks of \"terrorists neutralised\", a claim that could not be verified independently.",
    "Residents say shops, the weekly market and the health centre stayed closed the following day.",
    "Fatalities are coded from the most conservative report, as sources disagree on the toll.",
    "The incident follows weeks of tension in the area, with movement on the road to {Q} restricted.",
    "A statement attributed to the group, shared on messaging apps, claims responsibility.",
    "Humanitarian actors report new displacement toward {Q}, mostly women and children.",
]

/// ACLED-style notes of 150 to 400 bytes: date and place, the summary, then context sentences
/// until a drawn length is reached, then the size tag.
func acledNotes(_ e: Event, date: CivilDate) -> String {
    var rng = SplitMix64(seed: 0x5EED_0000 &+ UInt64(e.index))
    let target = rng.int(150...400)
    let tag = " [size=no report]"
    var notes = "On \(date.day) \(monthNames[date.month - 1]) \(date.year), near \(e.town.name) (\(e.town.admin2), "
        + "\(e.town.admin1)), \(e.summary)."
    var pool = noteSentences
    while notes.utf8.count + tag.utf8.count < target, !pool.isEmpty {
        let sentence = pool.remove(at: rng.int(0...(pool.count - 1)))
        notes += " " + sentence.replacing("{Q}", with: e.town.name == "Gao" ? "Bourem" : "Gao")
    }
    while notes.utf8.count + tag.utf8.count > target, notes.utf8.count > 150, let space = notes.lastIndex(of: " ") {
        notes = String(notes[..<space])
    }
    return notes + tag
}

/// One event as a row of the current ACLED export layout.
func acledRow(_ e: Event) -> String {
    let date = CivilDate(e.time)
    let actor1 = e.sideA.first.map { acledActor($0, time: e.time) } ?? ""
    let assoc1 = e.sideA.dropFirst().map { acledActor($0, time: e.time) }.joined(separator: "; ")
    let actor2 = e.sideB.first.map { acledActor($0, time: e.time) } ?? ""
    let assoc2 = e.sideB.dropFirst().map { acledActor($0, time: e.time) }.joined(separator: "; ")
    let inter1 = e.sideA.first.map(acledInter) ?? ""
    let inter2 = e.sideB.first.map(acledInter) ?? ""
    let interaction = inter2.isEmpty ? "\(inter1) only" : "\(inter1)-\(inter2)"
    let notes = acledNotes(e, date: date)
    var fields: [String] = []
    fields.reserveCapacity(31)
    fields.append("MLI\(30_000 + e.index)")
    fields.append(date.isoDate)
    fields.append(String(date.year))
    fields.append(String(e.precision))
    fields.append(e.kind.disorder)
    fields.append(csvField(e.kind.acledType))
    fields.append(csvField(e.subType))
    fields.append(csvField(actor1))
    fields.append(csvField(assoc1))
    fields.append(inter1)
    fields.append(csvField(actor2))
    fields.append(csvField(assoc2))
    fields.append(inter2)
    fields.append(interaction)
    fields.append(e.kind == .civilians ? "Civilian targeting" : "")
    fields.append("466")
    fields.append("Western Africa")
    fields.append("Mali")
    fields.append(e.town.admin1)
    fields.append(e.town.admin2)
    fields.append(e.town.admin2)
    fields.append(csvField(e.town.name))
    fields.append(e.located ? fixed(e.lat, 4) : "")
    fields.append(e.located ? fixed(e.lon, 4) : "")
    fields.append(String(e.precision))
    fields.append(csvField(e.source))
    fields.append(csvField(e.source.hasPrefix("Local") ? "Local partner-National" : "National-International"))
    fields.append(csvField(notes, forceQuotes: true))
    fields.append(String(e.fatalities))
    fields.append(e.kind == .protest ? "crowd size=no report" : "")
    fields.append(String(e.time - e.time % 86_400 + 7 * 86_400 + 43_200))
    return fields.joined(separator: ",")
}

// MARK: UCDP GED

let ucdpHeader = "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    + "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,"
    + "side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,"
    + "source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,"
    + "priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    + "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"

/// UCDP's short names for the registry keys.
func ucdpActor(_ key: String) -> String {
    switch key {
    case "FAMA": "Government of Mali"
    case "IS Sahel": "IS"
    case "Wagner": "Wagner Group"
    default: key
    }
}

/// One event as a row of the UCDP GED layout (version 23.1 and later, 49 columns).
func ucdpRow(_ e: Event) -> String {
    let date = CivilDate(e.time)
    let sideA = ucdpActor(e.sideA.first ?? "FAMA")
    let sideB = e.kind == .civilians ? "Civilians" : ucdpActor(e.sideB.first ?? "Civilians")
    let violence = e.kind == .civilians ? 3 : (sideA == "Government of Mali" || sideB == "Government of Mali" ? 1 : 2)
    let wherePrec = e.located ? e.precision : 4
    let headline = csvField(e.summary)
    var fields: [String] = []
    fields.reserveCapacity(49)
    fields.append(String(400_000 + e.index))
    fields.append("MLI-\(date.year)-1-\(e.index)")
    fields.append(String(date.year))
    fields.append("TRUE")
    fields.append("1")
    fields.append(String(violence))
    fields += ["11347", "11347", csvField("Mali: Government"), "12345", "12345", csvField("\(sideA) - \(sideB)")]
    fields += ["115", "115", csvField(sideA), "6000", "6000", csvField(sideB)]
    fields.append(String(1 + e.index % 3))
    fields.append(csvField("\(e.source),\(date.isoDate);\(e.summary)"))
    fields.append("")
    fields.append("")
    fields.append(headline)
    fields.append(csvField(e.source))
    fields.append(String(wherePrec))
    fields.append(csvField("\(e.town.name) town"))
    fields.append(csvField("\(e.town.name), \(e.town.admin2) cercle, \(e.town.admin1) region"))
    fields.append(csvField("\(e.town.admin1) region"))
    fields.append(csvField("\(e.town.admin2) cercle"))
    fields.append(fixed(e.lat, 4))
    fields.append(fixed(e.lon, 4))
    fields.append("POINT (\(fixed(e.lon, 4)) \(fixed(e.lat, 4)))")
    fields.append("150000")
    fields.append("Mali")
    fields.append("432")
    fields.append("Africa")
    fields.append("1")
    fields.append(String(1 + e.index % 2))
    fields.append(date.isoDate + " 00:00:00.000")
    fields.append(date.isoDate + " 00:00:00.000")
    fields += ["0", "0", "0", String(e.fatalities), String(e.fatalities), String(e.fatalities + e.fatalities / 2),
               String(e.fatalities), "432", ""]
    return fields.joined(separator: ",")
}

/// Writes `lines` incidents (plus a header for the CSV formats) to `path`; returns bytes written.
func generateFile(lines: Int, path: String, format: OutputFormat, seed: UInt64,
                  lateShare: Double = IncidentGenerator.defaultLateShare, notesAsSummaries: Bool = false) throws -> Int64 {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw UsageError("cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var out = ByteWriter(fd: fd)
    var generator = IncidentGenerator(count: lines, seed: seed, lateShare: lateShare)
    switch format {
    case .acled: out.append(acledHeader + "\n")
    case .ucdp: out.append(ucdpHeader + "\n")
    case .featurecollection: out.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
    case .featurecollectionCompact: out.append("{\"type\": \"FeatureCollection\", \"features\": [")
    case .jsonl, .geojsonseq: break
    }
    for i in 0..<lines {
        var event = generator.event(i)
        // The same incidents as the ACLED file, summaries included, for comparing the formats.
        if notesAsSummaries { event.summary = acledNotes(event, date: CivilDate(event.time)) }
        switch format {
        case .jsonl: out.append(jsonLine(event) + "\n")
        case .acled: out.append(acledRow(event) + "\n")
        case .ucdp: out.append(ucdpRow(event) + "\n")
        case .geojsonseq: out.append(geoJSONFeature(event) + "\n")
        case .featurecollection: out.append(geoJSONFeature(event) + (i == lines - 1 ? "\n" : ",\n"))
        case .featurecollectionCompact: out.append((i == 0 ? "" : ", ") + geoJSONFeature(event))
        }
        out.flushIfFull()
    }
    switch format {
    case .featurecollection: out.append("]}\n")
    case .featurecollectionCompact: out.append("]}")  // json.dump writes no final newline
    case .jsonl, .acled, .ucdp, .geojsonseq: break
    }
    out.flush()
    return out.written
}
