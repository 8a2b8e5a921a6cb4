// swift-tools-version:6.0
// expm-harness: accuracy and speed of matrix-exponential implementations,
// judged against certified high-precision references.
import PackageDescription

// Optimise our own targets in every configuration: `swift run harness` (a debug build) times the
// candidates, and unoptimised Swift loops around BLAS calls would make those timings dishonest.
// The MPFR reference's inner loops also run several times faster. Tests still get -enable-testing.
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"])]

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
        // Dense column-major matrices over Float/Double with BLAS/LAPACK behind them.
        .target(name: "Linalg", dependencies: ["CBLAS", "CLAPACKE"], swiftSettings: optimized),
        // High-precision ground truth (MPFR), and Arb as an independent rigorous witness.
        .target(name: "Reference", dependencies: ["CMPFR", "CArb", "Linalg"], swiftSettings: optimized),
        // The expm algorithms under test.
        .target(name: "Candidates", dependencies: ["Linalg"], swiftSettings: optimized),
        // The `harness` executable: suites, measurement, reports, gate.
        .executableTarget(
            name: "Harness",
            dependencies: [
                "Linalg", "Reference", "Candidates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimized),
        .testTarget(name: "ReferenceTests", dependencies: ["Linalg", "Reference"]),
        .testTarget(name: "CandidatesTests", dependencies: ["Linalg", "Candidates"]),
        .testTarget(
            name: "HarnessTests",
            dependencies: ["Linalg", "Reference", "Candidates", "Harness"]),
    ],
    swiftLanguageModes: [.v5]
)
