import Testing
@testable import MonitorCore
@testable import MonitorIngest

@Suite struct GazetteerTests {
    let gazetteer = Gazetteer.mali

    @Test(arguments: ["Tombouctou", "Timbuktu", "tombouctou", "TIMBUKTU", " Tomboctou"])
    func timbuktuByAnySpelling(name: String) {
        #expect(gazetteer.lookup(name)?.name == "Timbuktu")
    }

    @Test func accentsHyphensAndSpacesIgnored() {
        #expect(gazetteer.lookup("Menaka")?.name == "Ménaka")
        #expect(gazetteer.lookup("NIAFUNKE")?.name == "Niafunké")
        #expect(gazetteer.lookup("Gourma Rharous")?.name == "Gourma-Rharous")
        #expect(gazetteer.lookup("anefif")?.name == "Anéfis")
        #expect(gazetteer.lookup("Atlantis") == nil)
    }

    @Test func coordinatesMatchDesignTable() {
        let ber = gazetteer.lookup("Ber")
        #expect(ber?.point == GeoPoint(lat: 16.8349, lon: -2.5319))
        let kidal = gazetteer.lookup("Kidal")
        #expect(kidal?.point == GeoPoint(lat: 18.4435, lon: 1.4092))
    }

    @Test func nearestTown() {
        #expect(gazetteer.nearest(to: GeoPoint(lat: 16.80, lon: -2.60))?.name == "Ber")
    }

    @Test func distanceTimbuktuToGao() {
        let d = GeoDistance.km(gazetteer.lookup("Timbuktu")!.point, gazetteer.lookup("Gao")!.point)
        #expect(d > 310 && d < 330)  // about 320 km as the crow flies
    }
}

@Suite struct ActorRegistryTests {
    let registry = ActorRegistry.northernMali

    @Test func legendOrderIsFixed() {
        #expect(registry.actors.map(\.key) == ["FAMA", "Wagner", "CMA", "JNIM", "IS Sahel", "MINUSMA", "Civilians", "Other"])
        #expect(registry.otherID == 7)
    }

    @Test(arguments: [
        ("FAMA", "FAMA"), ("fama", "FAMA"), ("Military Forces of Mali (2021-)", "FAMA"), ("Military Forces of Mali (2013-)", "FAMA"),
        ("Wagner Group", "Wagner"), ("Africa Corps", "Wagner"),
        ("CMA: Coordination of Movements of the Azawad", "CMA"), ("CSP-PSD", "CMA"),
        ("JNIM: Group for Support of Islam and Muslims", "JNIM"),
        ("Islamic State (Greater Sahara)", "IS Sahel"), ("ISSP", "IS Sahel"),
        ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)", "MINUSMA"),
        ("Civilians (Mali)", "Civilians"), ("Unidentified Armed Group (Mali)", "Other"),
    ])
    func aliasesResolve(name: String, key: String) {
        #expect(registry.lookup(name).map { registry[$0].key } == key)
    }

    @Test func unknownNameIsNil() {
        #expect(registry.lookup("Dozo militia") == nil)
    }

    @Test func glyphsAreDistinct() {
        #expect(Set(registry.actors.map(\.glyph)).count == registry.count)
        #expect(Set(registry.actors.map(\.asciiGlyph)).count == registry.count)
    }
}
