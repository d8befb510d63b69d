import Foundation
import Testing
@testable import MonitorIngest
@testable import MonitorState

/// The rules of ARCHITECTURE.md that a read of the sources can check.
@Suite struct ArchitectureTests {
    static let sources = DocsTests.root.appendingPathComponent("Sources/MonitorState/State")

    /// Reducers change inputs only: the feed, counts, timeline and map cells are brought up to
    /// date in one place (`bringUpToDate`), never by a call placed by hand in a reducer.
    @Test func noReducerMaintainsDerivedStateByHand() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { $0.hasSuffix("Reducer.swift") }
        #expect(names.count >= 7, "\(names)")
        let maintenance = ["rebuildFeed", "narrowFeed", "placeArrivals", "clampSelection", "keepMapCellsCurrent",
                           "rebuildTimeline", "refreshScanKeys", "bringUpToDate("]
        for name in names {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(name), encoding: .utf8)
            for call in maintenance where text.contains(call) {
                // The one place allowed: `reduce` hands over to the owner at its end.
                if name == "Reducer.swift", call == "bringUpToDate(" { continue }
                Issue.record("\(name) calls \(call)")
            }
        }
    }

    /// The targets from the bottom up, and the project modules each may import (ARCHITECTURE.md §1).
    /// Package.swift lets the compiler refuse a dependency that is not declared; this check also
    /// refuses a layer reaching past the one below it to a module it only gets transitively (a view
    /// importing MonitorIngest), and documents the rule where a newcomer will look.
    static let layers: [(target: String, mayImport: Set<String>)] = [
        ("MonitorCore", ["CByteScan"]),
        ("MonitorIngest", ["MonitorCore", "CZlib", "CByteScan"]),
        ("MonitorState", ["MonitorCore", "MonitorIngest"]),
        ("MonitorViews", ["MonitorCore", "MonitorState"]),
        // Beside the views: the watch log stands on the core alone (the run loop drives it).
        ("MonitorWatch", ["MonitorCore"]),
        ("Monitor", ["MonitorCore", "MonitorIngest", "MonitorState", "MonitorViews", "MonitorWatch"]),
        ("MonitorApp", ["Monitor", "CNcurses"]),
    ]
    static let projectModules: Set<String> = Set(layers.map(\.target)).union(["CNcurses", "CZlib", "CByteScan", "SharedTestData"])

    @Test func noTargetImportsALayerAboveIt() throws {
        let root = DocsTests.root
        for (target, allowed) in Self.layers {
            let base = root.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            #expect(files.contains { $0.hasSuffix(".swift") }, "no sources found for \(target)")
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let at = words.firstIndex(of: "import"), at + 1 < words.count,
                          words[..<at].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                    let module = words[at + 1]
                    if Self.projectModules.contains(module), !allowed.contains(module) {
                        Issue.record("Sources/\(target)/\(file) imports \(module), which \(target) may not use")
                    }
                }
            }
        }
    }

    /// Package.swift declares the same arrows: a layer target depends on no module it may not import.
    @Test func packageDependenciesPointDownwards() throws {
        let manifest = try String(contentsOf: DocsTests.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = try #require(manifest.range(of: "targets: [\n")).upperBound
        for (target, allowed) in Self.layers {
            guard let start = manifest[targets...].range(of: "name: \"\(target)\"") else {
                Issue.record("Package.swift has no target \(target)")
                continue
            }
            // The declaration runs to the next target's.
            let rest = manifest[start.upperBound...]
            let ends = [".target(", ".executableTarget(", ".testTarget("].compactMap { rest.range(of: $0)?.lowerBound }
            let declaration = rest[..<(ends.min() ?? rest.endIndex)]
            for module in Self.projectModules where !allowed.contains(module) && module != target {
                #expect(!declaration.contains("\"\(module)\""), "Package.swift: \(target) depends on \(module)")
            }
        }
    }

    /// Every action ends with derived state that matches a full rebuild from the same inputs.
    @Test func afterEveryKindOfActionTheDerivedStateMatchesAFullRebuild() {
        var state = Fixtures.state(Fixtures.tenDays, width: 120, height: 40)
        let reducer = Reducer()
        let steps: [Action] = [
            .key(.char("4")), .key(.char("t")), .key(.char("/")), .key(.char("e")), .key(.char("v")), .key(.enter),
            .key(.char("r")), .key(.char(",")), .key(.char("N")), .key(.tab), .key(.tab), .key(.char("+")),
            .key(.char("l")), .key(.enter), .key(.escape), .resize(width: 90, height: 30), .key(.char("x")),
            .key(.char("f")), .key(.char("r")),
        ]
        for (n, action) in steps.enumerated() {
            _ = reducer.reduce(&state, action)
            var fresh = state
            fresh.rebuildFeed()
            #expect(fresh.feed == state.feed, "step \(n): \(action)")
            #expect(fresh.shownCounts == state.shownCounts, "step \(n): \(action)")
            #expect(fresh.mapCells?.projection == state.mapCells?.projection, "step \(n): \(action)")
        }
    }
}
