import MonitorCore
import Foundation
import TOMLKit

/// A theme or config file that could not be used: which file, where, and what is wrong.
public struct ThemeError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var problem: String
    /// What kind of file it is, as the message names it ("theme", "config").
    public var kind = "theme"

    public init(file: String, line: Int? = nil, problem: String, kind: String = "theme") {
        self.file = file
        self.line = line
        self.problem = problem
        self.kind = kind
    }

    public var description: String {
        "\(kind) \(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}

/// Reads theme files (TOML; see themes/README.md) and finds them by name.
public struct ThemeLoader: Sendable {
    public let registry: ActorRegistry
    /// Folders searched, in order, for `NAME.toml`.
    public let searchPaths: [String]

    public init(registry: ActorRegistry = .northernMali, searchPaths: [String]) {
        self.registry = registry
        self.searchPaths = searchPaths
    }

    /// Whether `--theme` names a file rather than a theme to look up by name.
    public static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
    }

    /// `nameOrPath` is a theme name (looked up in the search paths) or a path to a `.toml` file.
    public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
        let path: String
        if Self.isPath(nameOrPath) {
            path = nameOrPath
        } else if let found = searchPaths.map({ "\($0)/\(nameOrPath).toml" }).first(where: {
            FileManager.default.isReadableFile(atPath: $0)
        }) {
            path = found
        } else {
            throw ThemeError(file: nameOrPath, problem: "no theme of that name in \(searchPaths.joined(separator: ", "))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, problem: "not UTF-8 text")
        }
        var theme = try parse(text, file: path)
        // A theme found by name is known by that name, so cycling can find its place.
        if path != nameOrPath { theme.name = nameOrPath }
        return theme
    }

    public func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, problem: error.description)
        } catch {
            throw ThemeError(file: file, problem: "\(error)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func lineOf(_ key: String) -> Int? {
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) }.map { $0 + 1 }
        }
        for key in table.keys where !["name", "ui", "actors"].contains(key) {
            throw ThemeError(file: file, line: lineOf(key), problem: "unknown key \"\(key)\" (expected name, [ui], [actors])")
        }
        var theme = Theme.fallback(actorCount: registry.count)
        theme.name = table["name"]?.string ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if let ui = table["ui"]?.table {
            for key in ui.keys {
                guard let element = ThemeElement(rawValue: key) else {
                    throw ThemeError(file: file, line: lineOf(key), problem: "unknown [ui] element \"\(key)\"")
                }
                guard let spec = ui[key]?.string else {
                    throw ThemeError(file: file, line: lineOf(key), problem: "[ui] \(key) must be a string")
                }
                theme.elements[element] = try style(spec, key: key, file: file, line: lineOf(key))
            }
        }
        if let actors = table["actors"]?.table {
            for key in actors.keys {
                guard let id = registry.lookup(key) else {
                    throw ThemeError(file: file, line: lineOf(key), problem: "unknown actor \"\(key)\"")
                }
                guard let spec = actors[key]?.string else {
                    throw ThemeError(file: file, line: lineOf(key), problem: "[actors] \(key) must be a string")
                }
                theme.actors[Int(id)] = try style(spec, key: key, file: file, line: lineOf(key))
            }
        }
        return theme
    }

    /// A style is written as words: `fg [on bg] [bold] [dim] [reverse] [underline]`, e.g. "yellow on blue bold".
    package func style(_ spec: String, key: String, file: String, line: Int?) throws(ThemeError) -> Style {
        var style = Style()
        var nextIsBackground = false
        var sawForeground = false
        for word in spec.split(separator: " ").map(String.init) {
            switch word.lowercased() {
            case "on": nextIsBackground = true
            case "bold": style.attributes.insert(.bold)
            case "dim": style.attributes.insert(.dim)
            case "reverse": style.attributes.insert(.reverse)
            case "underline": style.attributes.insert(.underline)
            default:
                guard let color = ColorName.parse(word) else {
                    throw ThemeError(file: file, line: line, problem: "\(key): unknown colour or attribute \"\(word)\"")
                }
                if nextIsBackground {
                    style.bg = color
                    nextIsBackground = false
                } else if !sawForeground {
                    style.fg = color
                    sawForeground = true
                } else {
                    throw ThemeError(file: file, line: line, problem: "\(key): two foreground colours; use \"on\" before a background")
                }
            }
        }
        return style
    }
}
