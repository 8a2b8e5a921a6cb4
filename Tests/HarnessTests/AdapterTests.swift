import Candidates
import Certification
@testable import Cases
@testable import External
import Foundation
import Linalg
@testable import Measurement
import Testing

/// The Python adapters of scripts/workers, run from the virtual environment `scripts/setup --adapters`
/// makes. Each test runs only where its library is installed there, and says so otherwise.
@Suite("Python adapters")
struct AdapterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv-adapters/bin/python").path
    static let worker = root.appendingPathComponent("scripts/workers/expm_worker.py").path

    /// Whether the adapters' Python can import `module`.
    static func has(_ module: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import \(module)"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test("the adapters' .npy reading and writing (Tests/Workers/test_npy_io.py) pass",
          .enabled(if: has("numpy"), "numpy is not installed in .venv-adapters (scripts/setup --adapters scipy)"))
    func npyIO() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.python)
        p.arguments = ["-m", "unittest", "-q", Self.root.appendingPathComponent("Tests/Workers/test_npy_io.py").path]
        let errors = Pipe()
        p.standardError = errors
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(output)")
    }

    static func candidates(_ backend: String) throws -> [ExternalCandidate] {
        ExternalCandidate.candidates(try WorkerSession(
            name: backend, command: "'\(python)' '\(worker)' --backend \(backend)"))
    }

    /// SciPy's expm is Al-Mohy & Higham 2009 with θ13 = 4.25, the algorithm and constants of
    /// pade13-almohy09; both pick the same (m, s). In float64 their errors should therefore be alike: a
    /// factor 16 allows BLAS rounding and the order of operations, measured against max(error, κu) since
    /// below what the conditioning allows two correct results differ by noise. A wrong coefficient or
    /// scaling shows by orders of magnitude. In float32 the two are not the same algorithm (SciPy keeps
    /// the float64 θ and picks a higher degree; pade13-almohy09 uses Higham 2005's single-precision θ), so
    /// only the protocol is checked there.
    ///
    /// Known disagreements, each measured on this machine and explained:
    static let scipyDisagreements: [String: String] = [
        // SciPy ≥ 1.15 (C rewrite of expm), real degree-13 branch: the last product U = A·(…) is written
        // over the buffer holding A⁶ with beta = 1 instead of 0, so U + A⁶ is returned
        // (scipy/linalg/_matfuncs_expm.c, pade_UV_calc_d). The complex path is right. The extra error is
        // about ‖2⁻ˢA‖⁵/3.2e16: visible in float64 when the scaled norm is near θ13, below float32's u.
        "randn-s1.0-n4-seed1": "SciPy 5.0e-14 against 8.5e-16 (κ 8.3); expm(A + 0j).real gives 1.0e-15",
        "literature-ward77-1": "SciPy 1.1e-13 against 8.6e-16 (κ 6.5); expm(A + 0j).real gives 5.4e-16",
        "literature-ward77-2": "SciPy 2.4e-13 against 1.0e-14 (κ 57)",
        "literature-burkardt02-symmetric": "SciPy 1.6e-14 against 1.2e-16 (κ 5.3)",
        "literature-burkardt09-nag-f01ecf": "SciPy 9.3e-13 against 1.4e-15 (κ 12)",
        "literature-scipy-2x2": "SciPy 5.8e-14 against 1.9e-15 (κ 6.3)",
        "literature-pytorch-114080": "SciPy 4.7e-12 against 5.3e-14 (κ 213)",
        // The other way round: on this 2×2 with κ = 7.7e10 (‖A‖₁ = 1.6e7, s = 22), the native squaring
        // phase loses 800 κu and SciPy 13 κu; not investigated further.
        "illcond-vdv-k8-n2-seed1": "pade13-almohy09 6.9e-3 against SciPy 1.2e-4 (κu 8.6e-6)",
    ]

    @Test("scipy carries the whole quick suite in both precisions, and agrees with pade13-almohy09 in float64 where SciPy is sound",
          .enabled(if: has("scipy"), "scipy is not installed in .venv-adapters (scripts/setup --adapters scipy)"))
    func scipyMatchesAlMohyHigham() throws {
        let scipy = try Self.candidates("scipy")
        #expect(scipy.map(\.id) == ["scipy@float32", "scipy@float64"])
        var config = quickConfig([], scipy + [Pade13AlMohy09<Double>()])
        config.cases = Suite.cases(families: Family.allCases, sizes: Suite.quick.sizes, seed: Suite.defaultSeed, suite: .quick)
        config.certifier.cache = ReferenceCache(directory: ReferenceCache.defaultDirectory)
        let run = Runner(config: config).run()
        let u = Precision.float64.unitRoundoff
        var disagreements = Set<String>()
        for c in run.cases {
            // The protocol carries every case, the empty one included: no crash, hang or bad output.
            for r in c.results {
                #expect(![.crashed, .timedOut, .badOutput, .threw].contains(r.outcome), "\(c.id) \(r.id): \(r.outcome) \(r.message ?? "")")
            }
            let (s, p) = (c.results[1], c.results[2])
            guard c.reference.certified, let es = s.errors?.normwiseRelative, let ep = p.errors?.normwiseRelative else {
                #expect((s.outcome == .ok) == (p.outcome == .ok), "\(c.id): scipy \(s.outcome), pade13-almohy09 \(p.outcome)")
                continue
            }
            let floor = max(1, s.boundKappa) * u
            let ratio = max(es, floor) / max(ep, floor)
            if ratio > 16 || ratio < 1.0 / 16 { disagreements.insert(c.id) }
            if let known = Self.scipyDisagreements[c.id] {
                withKnownIssue("\(c.id): \(known)") {
                    #expect(ratio < 16 && ratio > 1.0 / 16, "\(c.id): scipy \(es), pade13-almohy09 \(ep)")
                }
            } else {
                #expect(ratio < 16 && ratio > 1.0 / 16, "\(c.id): scipy \(es), pade13-almohy09 \(ep), κu \(floor)")
            }
        }
        #expect(disagreements == Set(Self.scipyDisagreements.keys), "the known list no longer describes the run")
    }

    @Test("the function backend runs a user's file: a correct one passes, a wrong one fails",
          .enabled(if: has("scipy"), "scipy is not installed in .venv-adapters (scripts/setup --adapters scipy)"))
    func functionBackend() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("mine.py")
        try """
            import numpy as np
            import scipy.linalg
            def good(a): return scipy.linalg.expm(a)
            def bad(a): return scipy.linalg.expm(a) * (1 + 1e-7)
            """.write(to: file, atomically: true, encoding: .utf8)
        var results = [String: Verdict]()
        for f in ["good", "bad"] {
            let session = try WorkerSession(name: f, command: "'\(Self.python)' '\(Self.worker)' --function '\(file.path):\(f)'")
            let c = try #require(ExternalCandidate.candidates(session).first { $0.precision == .float64 })
            // Not randn-s1.0-n4-seed1, where SciPy itself fails (see `scipyDisagreements`).
            let run = Runner(config: quickConfig(["rotation-skew-n16-seed1"], [c])).run()
            results[f] = run.cases[0].results[0].verdict
        }
        #expect(results == ["good": .pass, "bad": .fail])
    }

    /// A backend's two precisions on a rotation generator (κ ≈ ‖A‖₁, exp orthogonal): both pass, report
    /// their library's version, and time themselves in units of their own product.
    func checkBackend(_ backend: String, library: String) throws {
        let candidates = try Self.candidates(backend)
        #expect(candidates.map(\.precision) == [.float32, .float64])
        #expect(candidates.allSatisfy { $0.session.hello.versions[library] != nil })
        let run = Runner(config: quickConfig(["rotation-skew-n16-seed1"], candidates)).run()
        for r in run.cases[0].results {
            #expect(r.outcome == .ok && r.verdict == .pass, "\(r.id): \(r.outcome) \(r.message ?? "") \(r.errorOverKappaU ?? .nan)")
            #expect(r.seconds > 0 && r.productSeconds > 0)
        }
    }

    @Test("torch: both precisions pass on a rotation generator",
          .enabled(if: has("torch"), "torch is not installed in .venv-adapters (scripts/setup --adapters torch)"))
    func torch() throws { try checkBackend("torch", library: "torch") }

    @Test("jax: both precisions pass on a rotation generator (x64 enabled for float64)",
          .enabled(if: has("jax"), "jax is not installed in .venv-adapters (scripts/setup --adapters jax)"))
    func jax() throws { try checkBackend("jax", library: "jax") }

    /// The MLX port runs the posted algorithm, posted x7 included, in MLX's arithmetic: its float64 errors
    /// must be those of the native mlx-proposal-t8 (the same formulas in OpenBLAS), within rounding: a
    /// factor 4, where the posted coefficient's error (about 10⁵ κu here) dwarfs the rounding of either.
    @Test("mlx: the port of the MLX proposal reproduces the native mlx-proposal-t8, defect included",
          .enabled(if: has("mlx.core"), "mlx is not installed in .venv-adapters (scripts/setup --adapters mlx)"))
    func mlxPort() throws {
        let port = try #require(try Self.candidates("mlx").first { $0.precision == .float64 })
        #expect(port.session.hello.blas?.contains("reference BLAS") == true, "\(port.session.hello.blas ?? "no BLAS")")
        let ids = ["rotation-skew-n16-seed1", "randn-s0.1-n16-seed1", "randn-s1.0-n16-seed1"]
        let run = Runner(config: quickConfig(ids, [port, MLXProposalT8<Double>()])).run()
        for c in run.cases {
            let (m, n) = (c.results[0], c.results[1])
            let (em, en) = (try #require(m.errors?.normwiseRelative), try #require(n.errors?.normwiseRelative))
            #expect(em / en < 4 && en / em < 4, "\(c.id): mlx \(em), native \(en)")
            #expect(m.verdict == n.verdict, "\(c.id)")
        }
    }
}
