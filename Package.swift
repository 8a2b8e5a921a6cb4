// swift-tools-version:6.0
// expm-harness: accuracy and speed of matrix-exponential implementations,
// judged against certified high-precision references.
import PackageDescription

// Optimise our own targets in every configuration: `swift run harness` (a debug build) times the
// candidates, and unoptimised Swift loops around BLAS calls would make those timings dishonest.
// The MPFR reference's inner loops also run several times faster. Tests still get -enable-testing.
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"])]

/// A library of the harness, in `Sources/Harness/<folder>`.
func harnessLibrary(_ name: String, folder: String, _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: dependencies, path: "Sources/Harness/\(folder)", swiftSettings: optimized)
}

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "expm-harness",
    products: [
        .executable(name: "harness", targets: ["Harness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Thin system-library modules: the only places that see C headers.
        .systemLibrary(
            name: "CMPFR", path: "Sources/CMPFR", pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev"])]),
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACKE", path: "Sources/CLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        // Arb ball arithmetic (Debian ships no pkg-config file; the module map links it).
        .systemLibrary(
            name: "CArb", path: "Sources/CArb",
            providers: [.apt(["libflint-arb-dev"])]),
        // Dense column-major matrices over Float/Double with BLAS/LAPACK behind them; precisions.
        .target(name: "Linalg", dependencies: ["CBLAS", "CLAPACKE"], swiftSettings: optimized),
        // High-precision ground truth (MPFR), Arb as an independent rigorous witness, κ_exp.
        .target(name: "Reference", dependencies: ["CMPFR", "CArb", "Linalg"], swiftSettings: optimized),
        // The expm algorithms under test.
        .target(name: "Candidates", dependencies: ["Linalg"], swiftSettings: optimized),

        // The harness, as libraries under a thin command-line layer.
        // Test matrices: ids, generator, families, suites, norm sweep, literature catalogue. Knows no candidate.
        harnessLibrary("Cases", folder: "Cases", ["Linalg", "Reference"]),
        // Matrix files (.mtx, .npy), atomic writes, the one JSON form, command errors.
        harnessLibrary("FileIO", folder: "IO", ["Linalg", "Reference"]),
        // Everything that certifies a reference: witnesses, evidence, closed forms, κ_exp, the cache.
        harnessLibrary("Certification", folder: "Certification", ["Linalg", "Reference", "Cases", "FileIO"]),
        // Each candidate's evaluation schemes expanded in MPFR against exp's series.
        harnessLibrary("Audit", folder: "Audit", ["Linalg", "Reference", "Candidates"]),
        // Implementations outside the process: the worker protocol, its sessions and candidates.
        harnessLibrary("External", folder: "External", ["Linalg", "Candidates", "FileIO"]),
        // Running candidates on cases: errors, structure, verdicts, timing, the results model.
        harnessLibrary("Measurement", folder: "Measure",
                       ["Linalg", "Reference", "Candidates", "Cases", "Certification", "Audit", "FileIO"]),
        // SVG plots (axes, styles, performance profiles), knowing nothing of expm.
        harnessLibrary("Plots", folder: "Plots", []),
        // REPORT.md, the report's plots, the regression gate.
        harnessLibrary("Reporting", folder: "Report",
                       ["Linalg", "Reference", "Candidates", "Cases", "Certification", "Audit", "Measurement",
                        "Plots", "FileIO", "External"]),
        // The commands (`suite`, `case`, `run`, `reference`, `audit`, `list`) over those libraries.
        harnessLibrary("HarnessCLI", folder: "CLI",
                       ["Linalg", "Reference", "Candidates", "Cases", "Certification", "Audit", "Measurement",
                        "Reporting", "FileIO", "External", argumentParser]),
        // The `harness` executable: only `main`.
        .executableTarget(name: "Harness", dependencies: ["HarnessCLI"], path: "Sources/Harness/Main",
                          swiftSettings: optimized),

        // Helpers shared by the test targets (power series, band cases, scratch files).
        .target(name: "TestSupport", dependencies: ["Linalg", "Reference", "Candidates"],
                path: "Tests/TestSupport"),
        .testTarget(name: "ReferenceTests", dependencies: ["Linalg", "Reference", "TestSupport"]),
        .testTarget(name: "CandidatesTests", dependencies: ["Linalg", "Candidates", "TestSupport"]),
        .testTarget(
            name: "HarnessTests",
            dependencies: ["Linalg", "Reference", "Candidates", "Cases", "FileIO", "Certification", "Audit",
                           "Measurement", "Plots", "Reporting", "HarnessCLI", "External", "TestSupport", argumentParser]),
    ],
    swiftLanguageModes: [.v6]
)
