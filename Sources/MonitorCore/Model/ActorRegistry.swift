import Foundation

/// The actors sitmon knows, in legend order, and how names map onto them.
public struct ActorRegistry: Sendable {
    public let actors: [Actor]
    /// Where names that match no actor go.
    public let otherID: ActorID
    private let names: NameIndex
    /// Results of folding, hit or miss: unknown names repeat line after line, and folding is slow.
    private let folded = FoldMemo()

    public init(actors: [Actor]) {
        self.actors = actors
        names = NameIndex(actors.map { [$0.key] + $0.aliases })
        otherID = actors.firstIndex { $0.key == "Other" }.map { ActorID($0) } ?? ActorID(max(actors.count - 1, 0))
    }

    /// The actor a name refers to, or nil when it is unknown (the caller files it under Other).
    public func lookup(_ name: String) -> ActorID? {
        if let index = names.exactMatch(name) { return ActorID(index) }
        if let known = folded.get(name) { return known }
        let id = names.foldedMatch(name).map { ActorID($0) }
        folded.put(name, id)
        return id
    }

    public subscript(id: ActorID) -> Actor { actors[Int(id)] }

    @inlinable public var count: Int { actors.count }

    /// Northern Mali, summer 2023 onwards. Order is the legend order and the toggle keys 1–8.
    public static let northernMali = ActorRegistry(actors: [
        Actor(key: "FAMA", name: "Malian armed forces", glyph: "■", asciiGlyph: "F", aliases: [
            "Malian Armed Forces", "Military Forces of Mali", "Military Forces of Mali (2013-)",
            "Military Forces of Mali (2021-)", "Military Forces of Mali (2012-2013)", "FAMa", "Malian army",
            "Police Forces of Mali", "Police Forces of Mali (2021-)", "Government of Mali",
        ]),
        Actor(key: "Wagner", name: "Wagner / Africa Corps", glyph: "◆", asciiGlyph: "W", aliases: [
            "Wagner Group", "Africa Corps", "Russian Africa Corps", "Military Forces of Russia (2000-) Wagner Group",
            "Military Forces of Russia (2000-) Africa Corps",
        ]),
        Actor(key: "CMA", name: "Azawad movements (CMA, CSP-PSD)", glyph: "▲", asciiGlyph: "C", aliases: [
            "CMA: Coordination of Movements of the Azawad", "Coordination of Azawad Movements", "CSP-PSD",
            "CSP", "CSP-DPA", "FLA", "Azawad Liberation Front", "MNLA: National Movement for the Liberation of Azawad",
            "MNLA", "HCUA", "HCUA: High Council for the Unity of Azawad",
        ]),
        Actor(key: "JNIM", name: "JNIM (al-Qaeda in the Sahel)", glyph: "✖", asciiGlyph: "J", aliases: [
            "JNIM: Group for Support of Islam and Muslims", "Group for Support of Islam and Muslims",
            "GSIM", "Katiba Macina", "AQIM: Al Qaeda in the Islamic Maghreb",
            // UCDP GED's names: groups that merged into JNIM in 2017 keep their own there.
            "AQIM", "Ansar Dine", "Al-Mourabitoun",
        ]),
        Actor(key: "IS Sahel", name: "Islamic State Sahel (ISGS/ISSP)", glyph: "✚", asciiGlyph: "S", aliases: [
            "Islamic State (Greater Sahara)", "Islamic State (Sahel)", "Islamic State Sahel Province",
            "ISGS", "ISSP", "IS-Sahel", "ISSahel", "EIGS",
            "IS",  // UCDP GED's name for the Islamic State, its Sahel province included
        ]),
        Actor(key: "MINUSMA", name: "MINUSMA (UN mission)", glyph: "●", asciiGlyph: "U", aliases: [
            "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)",
            "United Nations Multidimensional Integrated Stabilization Mission in Mali", "UN", "United Nations",
        ]),
        Actor(key: "Civilians", name: "Civilians", glyph: "○", asciiGlyph: "c", aliases: [
            "Civilians (Mali)", "Civilian", "Civilians (International)",
        ]),
        Actor(key: "Other", name: "Other / unidentified", glyph: "◇", asciiGlyph: "?", aliases: [
            "Unidentified Armed Group (Mali)", "Unidentified Armed Group", "Unknown",
        ]),
    ])
}

/// A bounded, thread-safe memo of `ActorRegistry` fold lookups (decoding runs on several threads).
package final class FoldMemo: @unchecked Sendable {
    private var table: [String: ActorID?] = [:]
    private let lock = NSLock()
    package static let limit = 4096

    package func get(_ name: String) -> ActorID?? {
        lock.lock()
        defer { lock.unlock() }
        return table[name]
    }

    package func put(_ name: String, _ id: ActorID?) {
        lock.lock()
        defer { lock.unlock() }
        if table.count < Self.limit { table[name] = id }
    }
}
