import Foundation

/// The scenario shipped with the package: northern Mali, August–December 2023.
public enum BundledScenario {
    public static let displayName = "scenario mali-2023"

    /// Path of the shipped file, or nil when the resource bundle is missing.
    public static var path: String? {
        Bundle.module.path(forResource: "scenario-mali-2023", ofType: "jsonl")
    }
}
