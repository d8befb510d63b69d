/// An incident named so that every officer's sitmon, and the same sitmon after a restart, agree
/// on it: the source it came from and its id there (`id`, ACLED's `event_id_cnty`, UCDP's `id`),
/// never a position in memory (ARCHITECTURE.md §9).
public struct IncidentRef: Hashable, Sendable, Comparable {
    /// The source's name as sitmon shows it (`Incident.source`).
    public var source: String
    public var id: String

    public init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    public static func < (a: IncidentRef, b: IncidentRef) -> Bool {
        (a.source, a.id) < (b.source, b.id)
    }
}
