import Foundation
import Testing
@testable import MonitorCore
@testable import MonitorState
@testable import MonitorViews

@Suite struct WatchConfigTests {
    static let timbuktu = GeoPoint(lat: 16.7735, lon: -3.0074)
    static let goundam = GeoPoint(lat: 16.4145, lon: -3.6708)

    static let example = """
        theme = "light"

        [[zone]]
        name = "Timbuktu 50 km"
        around = "Timbuktu"
        radius_km = 50

        [[zone]]
        name = "Route Timbuktu-Goundam"
        path = ["Tombouctou", "Goundam"]
        width_km = 10

        [[zone]]
        name = "Point"
        around = [16.7735, -3.0074]
        radius_km = 5.5

        [[alert]]
        name = "JNIM near Timbuktu"
        zone = "Timbuktu 50 km"
        actors = ["JNIM"]
        types = ["battle", "explosion"]
        min_fatalities = 1
        text = "blockade"

        [[alert]]
        name = "Mass casualty"
        min_fatalities = 10
        """

    @Test func readsZonesAndRules() throws {
        let config = try UserConfig.parse(Self.example, file: "c.toml")
        #expect(config.theme == "light")
        #expect(config.problems == [])
        let circle = Zone(name: "Timbuktu 50 km", shape: .circle(center: Self.timbuktu, radiusKm: 50))
        let road = Zone(name: "Route Timbuktu-Goundam", shape: .corridor(path: [Self.timbuktu, Self.goundam], widthKm: 10))
        let point = Zone(name: "Point", shape: .circle(center: Self.timbuktu, radiusKm: 5.5))
        #expect(config.zones == [circle, road, point])
        #expect(config.alertRules == [
            AlertRule(name: "JNIM near Timbuktu", zone: circle, actors: [3], types: [.battle, .explosion], minFatalities: 1,
                      text: try TextQuery("blockade")),
            AlertRule(name: "Mass casualty", minFatalities: 10),
            // Zones no rule names alert on everything inside them.
            AlertRule(name: "Route Timbuktu-Goundam", zone: road, isImplicit: true),
            AlertRule(name: "Point", zone: point, isImplicit: true),
        ])
    }

    @Test func namesResolveByAliasAndShortName() throws {
        let text = """
            [[alert]]
            name = "a"
            actors = ["Islamic State (Greater Sahara)", "fama", "Wagner Group"]
            types = ["Explosions/Remote violence", "remote violence", "vac", "Violence against civilians", "protests", "riot", "strategic", "Battles"]
            """
        let config = try UserConfig.parse(text, file: "c.toml")
        #expect(config.problems == [])
        #expect(config.alertRules.first?.actors == [4, 0, 1])
        #expect(config.alertRules.first?.types == [.explosion, .violenceAgainstCivilians, .protest, .riot, .strategic, .battle])
    }

    /// One bad table each; the problem's line and text, and what is kept.
    @Test(arguments: [
        ("[[zone]]\nname = \"X\"\naround = \"Tombuctu\"\nradius_km = 50\n", 3, "zone \"X\": unknown place \"Tombuctu\""),
        ("[[zone]]\nname = \"X\"\naround = \"Gao\"\n", 1, "zone \"X\": radius_km must be"),
        ("[[zone]]\nname = \"X\"\naround = \"Gao\"\nradius_km = -3\n", 4, "zone \"X\": radius_km must be"),
        ("[[zone]]\nname = \"X\"\npath = [\"Gao\"]\nwidth_km = 4\n", 3, "zone \"X\": path must list at least two"),
        ("[[zone]]\nname = \"X\"\npath = [\"Gao\", [99, 0]]\nwidth_km = 4\n", 3, "zone \"X\": [99.0, 0.0] is not"),
        ("[[zone]]\nname = \"X\"\npath = [\"Gao\", \"Kidal\"]\n", 1, "zone \"X\": width_km must be"),
        ("[[zone]]\nname = \"X\"\naround = \"Gao\"\npath = [\"Gao\", \"Kidal\"]\n", 1, "zone \"X\": give around or path"),
        ("[[zone]]\nname = \"X\"\n", 1, "zone \"X\": needs around"),
        ("[[zone]]\naround = \"Gao\"\n", 1, "zone 1 without a name"),
        ("[[zone]]\nname = \"X\"\naround = \"Gao\"\nradius_km = 5\ncolour = \"red\"\n", 5, "zone \"X\": unknown key \"colour\""),
        ("[[alert]]\nname = \"A\"\nzone = \"Nowhere\"\n", 3, "alert \"A\": no zone named \"Nowhere\""),
        ("[[alert]]\nname = \"A\"\nactors = [\"Martians\"]\n", 3, "alert \"A\": unknown actor \"Martians\""),
        ("[[alert]]\nname = \"A\"\ntypes = [\"ambush\"]\n", 3, "alert \"A\": unknown event type \"ambush\""),
        ("[[alert]]\nname = \"A\"\nmin_fatalities = -1\n", 3, "alert \"A\": min_fatalities must be"),
        ("[[alert]]\nname = \"A\"\ntext = \"re:(\"\n", 3, "alert \"A\": bad regular expression"),
        ("[[alert]]\nname = \"A\"\n", 1, "alert \"A\" has no condition"),
    ])
    func aBadTableIsLeftOutAndNamed(text: String, line: Int, problem: String) throws {
        let good = "\n[[zone]]\nname = \"Good\"\naround = \"Gao\"\nradius_km = 20\n\n[[alert]]\nname = \"Big\"\nmin_fatalities = 10\n"
        let config = try UserConfig.parse("ascii = true\n" + text + good, file: "c.toml")
        #expect(config.ascii == true)
        #expect(config.problems.count == 1)
        let error = try #require(config.problems.first)
        #expect(error.line == line + 1, "\(error)")
        #expect(error.problem.hasPrefix(problem), "\(error)")
        #expect(error.description.hasPrefix("config c.toml:\(line + 1): "))
        // The good zone and rule still apply.
        #expect(config.zones.map(\.name).contains("Good"))
        #expect(config.alertRules.map(\.name).contains("Big"))
    }

    @Test func zoneMustBeTables() throws {
        let config = try UserConfig.parse("ascii = true\nzone = \"x\"\n", file: "c.toml")
        #expect(config.ascii == true)
        #expect(config.problems.map(\.description) == ["config c.toml:2: zone must be written as [[zone]] tables"])
    }

    @Test func aRuleNamingABadZoneIsLeftOutToo() throws {
        let text = "[[zone]]\nname = \"X\"\naround = \"Atlantis\"\nradius_km = 5\n\n[[alert]]\nname = \"A\"\nzone = \"X\"\n"
        let config = try UserConfig.parse(text, file: "c.toml")
        #expect(config.problems.map(\.line) == [3, 8])
        #expect(config.zones.isEmpty && config.alertRules.isEmpty)
    }

    @Test func duplicateNames() throws {
        let text = "[[zone]]\nname = \"X\"\naround = \"Gao\"\nradius_km = 5\n[[zone]]\nname = \"X\"\naround = \"Kidal\"\nradius_km = 5\n"
            + "[[alert]]\nname = \"A\"\nzone = \"X\"\n[[alert]]\nname = \"A\"\nmin_fatalities = 3\n"
        let config = try UserConfig.parse(text, file: "c.toml")
        #expect(config.problems.map(\.line) == [5, 12])
        #expect(config.zones.count == 1 && config.alertRules.count == 1)
    }
}
