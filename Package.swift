// swift-tools-version: 6.1
// The FlowRL Toolkit: one target per stage of the data flow (see ../shared/DESIGN.md and README.md).
import PackageDescription

/// Hot numeric code needs a real CPU target so SIMD fused multiply-add is an instruction, not a call per lane.
let numericFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]

let package = Package(
    name: "FlowRL",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flowrl", targets: ["flowrl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
    ],
    targets: [
        // C libraries, each wrapped once; only the module that needs one imports it.
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4",
                       providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        // Shared vocabulary: problems, tests, samples, verdicts; fast JSON; progress; errors.
        .target(name: "FlowRLCore", dependencies: ["CDeflate"]),
        // Benchmark files and archives -> problems (libarchive streams, one adapter per family).
        .target(name: "Ingest", dependencies: ["FlowRLCore", "CArchive", "CDeflate"]),
        // The SQLite store (GRDB on the system SQLite): schema, migrations, queries.
        .target(name: "Store", dependencies: ["FlowRLCore", .product(name: "GRDB", package: "GRDB.swift"),
                                             .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // Math answer extraction, parsing and equivalence.
        .target(name: "MathGrader", dependencies: ["FlowRLCore", .product(name: "BigInt", package: "BigInt")]),
        // The bubblewrap sandbox and the code-grading worker pool.
        .systemLibrary(name: "CSeccomp", pkgConfig: "libseccomp", providers: [.apt(["libseccomp-dev"])]),
        .target(name: "CodeRunner", dependencies: ["FlowRLCore", "CSeccomp"]),
        // Code-grading throughput benchmark (scripts/bench-code.sh); prints figures, not a test.
        .executableTarget(name: "bench-code", dependencies: ["CodeRunner", "FlowRLCore"], path: "scripts/bench-code"),
        // Reward statistics: pass@k, Avg@k, bootstrap intervals, diversity.
        .target(name: "Rewards", dependencies: ["FlowRLCore", "CLZ4"]),
        // Float tensors with reverse-mode autodiff on OpenBLAS.
        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: numericFlags),
        // The policy model and the FlowRL / GRPO / PPO / REINFORCE++ trainer.
        .target(name: "FlowRL", dependencies: ["FlowRLCore", "Tensor", "MathGrader", "CodeRunner"],
                swiftSettings: numericFlags),
        // HTML reports with inline SVG, checked with libxml2.
        .target(name: "Reports", dependencies: ["FlowRLCore", "Rewards", "Store", "CLibXML2"]),
        // The command line.
        .executableTarget(name: "flowrl", dependencies: [
            "FlowRLCore", "Ingest", "Store", "MathGrader", "CodeRunner", "Rewards", "Tensor", "FlowRL", "Reports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // A synthetic store of graded runs for scripts/render-report.sh and scripts/bench-report.sh.
        .executableTarget(name: "report-fixture", dependencies: ["Store", "FlowRLCore"], path: "scripts/report-fixture"),

        // Tests: one target per module, plus shared fixtures and helpers.
        .target(name: "TestSupport", dependencies: ["FlowRLCore"], path: "Tests/TestSupport"),
        .testTarget(name: "FlowRLCoreTests", dependencies: ["FlowRLCore", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Store", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CBLAS", "CLibXML2"]),
        .testTarget(name: "CommandLineTests", dependencies: ["TestSupport", "Store", "FlowRLCore", "flowrl"]),
        .testTarget(name: "MathGraderTests", dependencies: ["MathGrader", "TestSupport"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "TestSupport"], swiftSettings: numericFlags),
        // Tensor throughput figures: sgemm peak, model training and sampling (`swift run -c release tensor-bench`).
        .executableTarget(name: "tensor-bench", dependencies: ["Tensor"], path: "Benchmarks/TensorBench",
                          swiftSettings: numericFlags),
        .testTarget(name: "CodeRunnerTests", dependencies: ["CodeRunner", "TestSupport"]),
        .testTarget(name: "FlowRLTests", dependencies: ["FlowRL", "Tensor", "TestSupport"], swiftSettings: numericFlags),
        .testTarget(name: "RewardsTests", dependencies: ["Rewards", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Rewards", "Store", "TestSupport"]),
    ]
)
