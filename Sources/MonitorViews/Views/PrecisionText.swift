import MonitorCore

/// What a source's precision codes mean, in the detail view's words: the code named as the source
/// names it, so an officer can look it up in the source's codebook.
package enum PrecisionText {
    /// "approximate (UCDP where_prec 4: centre of the region)"; nil when no location code was given.
    package static func location(_ p: Precision) -> String? {
        let (column, meanings) = p.scheme == .ucdp
            ? ("UCDP where_prec", ["exact place", "within about 25 km of a known place", "centre of the district",
                                   "centre of the region", "somewhere in part of the country or along a route",
                                   "centre of the country", "international waters or airspace"])
            : ("ACLED geo_precision", ["the place itself", "near the place, within its district", "centre of the region"])
        guard let meaning = meaning(p.location, meanings) else { return nil }
        let word = p.isApproximateLocation ? "approximate" : p.location == 1 ? "exact" : "near"
        return "\(word) (\(column) \(p.location): \(meaning))"
    }

    /// "approximate (UCDP date_prec 3: known to the week)"; nil when no date code was given.
    package static func date(_ p: Precision) -> String? {
        let (column, meanings) = p.scheme == .ucdp
            ? ("UCDP date_prec", ["the day", "known to within 2 to 6 days", "known to the week", "known to the month",
                                  "known to more than a month"])
            : ("ACLED time_precision", ["the day", "known to the week", "known to the month"])
        guard let meaning = meaning(p.date, meanings) else { return nil }
        return "\(p.isApproximateDate ? "approximate" : "exact") (\(column) \(p.date): \(meaning))"
    }

    /// Code 1 is the first meaning; 0 (not given) and codes the scheme lacks have none.
    private static func meaning(_ code: UInt8, _ meanings: [String]) -> String? {
        code >= 1 && Int(code) <= meanings.count ? meanings[Int(code) - 1] : nil
    }
}
