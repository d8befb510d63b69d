import MonitorCore
import Foundation

/// The themes an officer can pick or cycle through: the bundled ones in a fixed order, then any
/// user themes (`$XDG_CONFIG_HOME/sitmon/themes/*.toml`) by name.
public struct ThemeCatalog: Sendable {
    public static let bundledOrder = ["default", "light", "high-contrast", "colorblind", "mono"]

    public let loader: ThemeLoader
    public let names: [String]

    /// `searchPaths` in priority order; a user theme with a bundled name replaces it.
    public init(searchPaths: [String], registry: ActorRegistry = .northernMali) {
        loader = ThemeLoader(registry: registry, searchPaths: searchPaths)
        var found = Set<String>()
        for folder in searchPaths {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".toml") { found.insert(String(file.dropLast(5))) }
        }
        names = Self.bundledOrder.filter { found.contains($0) } + found.subtracting(Self.bundledOrder).sorted()
    }

    /// The theme to use and, when the asked-for one could not be used, a notice for the status line.
    /// A broken theme never stops sitmon: it starts with `default` (or built-in colours) and says why.
    public func resolve(_ nameOrPath: String) -> (theme: Theme, notice: String?) {
        do {
            return (try loader.load(nameOrPath), nil)
        } catch {
            let fallback = (try? loader.load("default")) ?? Theme.fallback(actorCount: loader.registry.count)
            return (fallback, "\(error.description); using \(fallback.name)")
        }
    }

    /// The theme after `current` in the cycle (wrapping), skipping ones that fail to load.
    public func next(after current: String) -> (theme: Theme, notice: String?) {
        guard !names.isEmpty else { return resolve("default") }
        let start = names.firstIndex(of: current) ?? -1
        var problems: [String] = []
        for step in 1...names.count {
            let name = names[(start + step + names.count) % names.count]
            do {
                return (try loader.load(name), problems.isEmpty ? nil : problems.joined(separator: "; "))
            } catch {
                problems.append(error.description)
            }
        }
        return resolve("default")
    }
}
