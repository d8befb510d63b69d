// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitmon",
    products: [
        .executable(name: "sitmon", targets: ["MonitorApp"]),
        .library(name: "Monitor", targets: ["Monitor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // zlib, for compressed event files (ARCHITECTURE.md §1): a module map over the system header.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's heap controls, for how freed memory is kept while a big file loads (ARCHITECTURE.md §4).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // The library, one target per layer (ARCHITECTURE.md §1). Each may import only the ones below
        // it, so the compiler enforces the arrows: Core ← Ingest ← State ← Views ← Monitor.
        // Byte scans in C with SIMD, which Swift's portable SIMD types do not give on the x86-64
        // baseline: the letter mask of a summary and the CSV scanner's comma and quote bits
        // (ARCHITECTURE.md §1).
        .target(name: "CByteScan"),
        .target(name: "MonitorCore", dependencies: ["CByteScan"]),
        .target(
            name: "MonitorIngest",
            dependencies: ["MonitorCore", "CZlib", "CByteScan", "CMalloc"],
            // Beside the code that reads it (`Ingest/BundledScenario.swift`, via `Bundle.module`).
            resources: [.copy("Resources/scenario-mali-2023.jsonl")]
        ),
        .target(name: "MonitorState", dependencies: ["MonitorCore", "MonitorIngest"]),
        .target(
            name: "MonitorViews",
            dependencies: ["MonitorCore", "MonitorState", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The watch log (ARCHITECTURE.md §9): beside the views, above the core only; SQLite through
        // GRDB (Debian's libsqlite3-dev). The only target with SQL in it.
        .target(name: "MonitorWatch", dependencies: ["MonitorCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // The umbrella: re-exports the five, for the app, the benchmarks and the tests.
        .target(name: "Monitor", dependencies: ["MonitorCore", "MonitorIngest", "MonitorState", "MonitorViews", "MonitorWatch"]),
        .executableTarget(
            name: "MonitorApp",
            dependencies: [
                "Monitor", "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test data shared by both test targets (one test target cannot depend on another).
        .target(name: "SharedTestData", path: "Tests/SharedTestData"),
        // Fast unit tests, one folder per layer of the library targets: `swift test --filter MonitorTests`.
        // The snapshots are read by path from the source tree (see Support/Snapshot.swift), not bundled.
        .testTarget(
            name: "MonitorTests",
            dependencies: ["Monitor", "MonitorCore", "MonitorIngest", "MonitorState", "MonitorViews", "MonitorWatch", "SharedTestData", "CByteScan"],
            exclude: ["Snapshots", "Parse/CSVReference"]
        ),
        // The built `sitmon` binary driven in tmux (slow): `swift test --filter EndToEndTests`.
        .testTarget(name: "EndToEndTests", dependencies: ["Monitor", "SharedTestData"]),
    ],
    swiftLanguageModes: [.v6]
)
