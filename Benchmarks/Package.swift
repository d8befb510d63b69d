// swift-tools-version: 6.1
// Benchmarks for sitmon, kept out of the main package so its build stays light.
//
//   cd Benchmarks && swift build -c release && .build/release/sitmon-bench all
//
// `sitmon-bench` drives the public API of the `Monitor` library the way the sitmon run loop does
// (SourceReader.poll → Reducer.reduce(.ingest) → Screen.render), so re-running it picks up any
// change in the main sources (a faster JSON parser, a new store) without edits here.
//
// `SitmonMicro` is a small ordo-one/package-benchmark suite (`swift package benchmark`); it needs
// tools-version 6.1 for the MallocInterposer trait. Its target sits directly in this folder, named
// Benchmarks, which is how the benchmark plugin recognises benchmark targets.
import PackageDescription

let package = Package(
    name: "sitmon-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "sitmon", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "sitmon-bench",
            dependencies: [.product(name: "Monitor", package: "sitmon")],
            path: "Sources/sitmon-bench"
        ),
        .executableTarget(
            name: "SitmonMicro",
            dependencies: [
                .product(name: "Monitor", package: "sitmon"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "SitmonMicro",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
