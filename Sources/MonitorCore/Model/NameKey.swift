import Foundation

/// Folds names so that spelling variants meet: case, accents, spaces and punctuation are ignored.
/// "Tombouctou", "TOMBOUCTOU" and "tombouctou" fold alike; so do "Gourma-Rharous" and "Gourma Rharous".
public enum NameKey {
    public static func fold(_ name: String) -> String {
        let plain = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for scalar in plain.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            out.append(scalar)
        }
        return String(out)
    }
}
