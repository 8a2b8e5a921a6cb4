import Candidates
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

    static func candidates(_ backend: String) throws -> [ExternalCandidate] {
        ExternalCandidate.candidates(try WorkerSession(
            name: backend, command: "'\(python)' '\(worker)' --backend \(backend)"))
    }

    /// SciPy's expm is Al-Mohy & Higham 2009, the algorithm of pade13-almohy09 (θ13 5.37 there against
    /// 4.25 here, so s may differ by one): on the same matrices their float64 errors should be alike. A
    /// factor 16 allows one squaring more or less and BLAS rounding; a wrong coefficient or scaling shows
    /// by orders of magnitude.
    ///
    /// Finding (SciPy 1.17.1): on some small, well-conditioned matrices SciPy's error is far larger:
    /// randn-s1.0-n4-seed1 (κ ≈ 8.3) gives 5.0e-14 against 8.5e-16 natively, 54 κu, a failure of the
    /// bound; mpmath at 50 digits confirms SciPy's error independently of the harness. The n = 4 comparison
    /// is therefore a known issue: when SciPy is fixed, this test says so and the known issue goes.
    @Test("scipy runs every generated case in both precisions, and agrees with pade13-almohy09 where SciPy is sound",
          .enabled(if: has("scipy"), "scipy is not installed in .venv-adapters (scripts/setup --adapters scipy)"))
    func scipyMatchesAlMohyHigham() throws {
        let cases = Suite.cases(families: [.randn, .nilpotent, .rotation], sizes: [4, 16],
                                seed: Suite.defaultSeed, suite: .quick) + [CaseSpec(.literature(name: "scipy-0x0"), n: 0, seed: nil)]
        let scipy = try Self.candidates("scipy")
        #expect(scipy.map(\.id) == ["scipy@float32", "scipy@float64"])
        var config = quickConfig([], scipy + [Pade13AlMohy09<Double>()])
        config.cases = cases
        let run = Runner(config: config).run()
        let u = Precision.float64.unitRoundoff
        for c in run.cases {
            // The protocol carries every case, the empty one included: no crash, hang or bad output.
            for r in c.results { #expect(r.outcome == .ok, "\(c.id) \(r.id): \(r.outcome) \(r.message ?? "")") }
            let (s, p) = (c.results[1], c.results[2])
            guard let es = s.errors?.normwiseRelative, let ep = p.errors?.normwiseRelative else { continue }
            let ratio = max(es, u) / max(ep, u)
            let agree = { #expect(ratio < 16 && ratio > 1.0 / 16, "\(c.id): scipy \(es), pade13-almohy09 \(ep)") }
            if c.id == "randn-s1.0-n4-seed1" {
                withKnownIssue("SciPy 1.17.1 expm: 5.0e-14 against 8.5e-16 on this 4×4 (confirmed with mpmath)") { agree() }
            } else {
                agree()
            }
        }
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
            // Not randn-s1.0-n4-seed1, where SciPy itself fails (see above).
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
