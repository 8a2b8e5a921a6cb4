import Candidates
@testable import Cases
@testable import FileIO
import Foundation
@testable import HarnessCLI
import Linalg
@testable import Measurement
@testable import Reporting
import Testing

/// A candidate that always throws, and one that returns NaN: the runner must record both, not crash.
struct ThrowingCandidate: ExpmCandidate {
    typealias Scalar = Double
    let name = "always-throws"
    let source = "test double"
    func exp(_ a: Matrix<Double>) throws -> ExpmResult<Double> { throw CandidateError.notSquare(rows: 0, cols: 1) }
}

struct NaNCandidate: ExpmCandidate {
    typealias Scalar = Float
    let name = "returns-nan"
    let source = "test double"
    func exp(_ a: Matrix<Float>) throws -> ExpmResult<Float> {
        ExpmResult(value: Matrix(order: a.rows) { _, _ in .nan }, choice: ExpmChoice(approximant: "nan", degree: nil, scaling: 0))
    }
}

/// An implementation seen from outside, as an external worker would be: it reports no choice, its
/// operations are not observed, and it times itself. (Inside, it borrows pade13-higham05.)
struct OpaqueCandidate: ExpmCandidate {
    typealias Scalar = Double
    let name = "opaque"
    let source = "test double: reports nothing but its own time"
    var operationsObservable: Bool { false }
    func exp(_ a: Matrix<Double>) throws -> ExpmResult<Double> {
        let clock = ContinuousClock()
        var value = a
        let own = try clock.measure { value = try Pade13Higham05<Double>().exp(a).value }
        return ExpmResult(value: value, choice: .notReported, selfMeasuredSeconds: own.inSeconds)
    }
}

func quickConfig(_ ids: [String], _ candidates: [any ExpmCandidate]) -> RunConfig {
    var config = RunConfig(suiteName: "test", cases: ids.map { CaseSpec(id: $0)! }, candidates: candidates,
                           seed: 1, blasThreads: 1)
    config.showProgress = false
    config.timing.minRepeats = 1
    config.timing.minTotalSeconds = 0
    return config
}

@Suite("Runner")
struct RunnerTests {
    /// The published algorithms are forward stable on normal and nilpotent matrices of moderate norm:
    /// their error must be within c·max(1, κ_exp)·u (see `Verdict`), κ_exp exact here (n ≤ 16).
    @Test("published candidates pass c·κ·u on normal and nilpotent cases in both precisions", arguments: [
        "randn-s0.1-n16-seed1", "randn-s1.0-n16-seed1", "rotation-skew-n16-seed1",
        "rotation-blocks-n16-seed1", "nilpotent-shift-n16", "randn-s1.0-n2-seed5",
    ])
    func publishedEasy(id: String) throws {
        let published = try Selection.candidates("pade13-higham05,pade13-almohy09,taylor-bbc18,taylor-bbc18-fixed,taylor-sastre", from: .native)
        let run = Runner(config: quickConfig([id], published)).run()
        let c = run.cases[0]
        #expect(c.reference.certified)
        #expect(c.reference.evidence.kappaExact == true)
        for r in c.results {
            #expect(r.outcome == .ok)
            #expect(r.verdict == .pass, "\(id) \(r.id): error/(κu) \(r.errorOverKappaU ?? .nan), choice \(r.choice?.description ?? "")")
            #expect(r.boundBasis == .kappaExact)
            #expect(r.bound == Verdict.bound(unitRoundoff: r.unitRoundoff, kappa: c.reference.evidence.kappa ?? .nan))
            #expect((r.products ?? 0) > 0)
            #expect(r.seconds > 0 && r.productSeconds > 0)
        }
    }

    /// The posted T8 of mlx-proposal-t8 has a degree-5 coefficient 9.77 % off 1/120 (see its tests): at
    /// ‖A/2^s‖₁ near θ8 that is ~10⁶ u in float64, on a rotation whose κ_exp is about ‖A‖: conditioning
    /// cannot explain it, and the yardstick must say so (error/(κu) far above c, not a borderline miss).
    @Test("a wrong coefficient fails c·κ·u by orders of magnitude on a well-conditioned case")
    func typoIsNotConditioning() throws {
        let run = Runner(config: quickConfig(["rotation-skew-n16-seed1"], try Selection.candidates("mlx-proposal-t8@float64", from: .native))).run()
        let r = run.cases[0].results[0]
        #expect(r.verdict == .fail)
        #expect((r.errorOverKappaU ?? 0) > 100 * Verdict.boundConstant)
    }

    /// The controls must fail where theory says, and the harness must mark those cases failed:
    /// a degree-12 Taylor sum at ‖A‖₁ ≈ 13 has truncation error ~13¹³/13! ≈ 50 relative to e^{±13}-sized
    /// terms; the eigenvector method on the shift (a Jordan block, defective) has no eigenvector basis.
    @Test("the controls fail where theory says they must", arguments: [
        ("taylor-naive", "randn-s1.0-n16-seed1"), ("taylor-naive", "rotation-skew-n64-seed1"),
        ("eig", "nilpotent-shift-n16"), ("eig", "nilpotent-shift-n2"),
    ])
    func controlsFail(candidate: String, id: String) throws {
        let run = Runner(config: quickConfig([id], try Selection.candidates(candidate, from: .native))).run()
        #expect(run.cases[0].reference.certified)
        for r in run.cases[0].results {
            #expect(r.verdict == .fail, "\(id) \(r.id): \(r.outcome) error \(r.errors?.normwiseRelative ?? .nan)")
        }
    }

    /// Only full n×n products for Higham 2005, so equivalents = count; Al-Mohy–Higham's norm
    /// estimator adds n×n·n×2 products, each 2/n of a full one, so equivalents ≪ count at n = 64.
    @Test("product equivalents weigh thin products by their work")
    func productEquivalents() throws {
        let run = Runner(config: quickConfig(["randn-s1.0-n64-seed1"],
                                             try Selection.candidates("pade13-higham05@float64,pade13-almohy09@float64", from: .native))).run()
        let (h, a) = (run.cases[0].results[0], run.cases[0].results[1])
        let (hp, ap) = (try #require(h.products), try #require(a.products))
        let (he, ae) = (try #require(h.productEquivalents), try #require(a.productEquivalents))
        #expect(he == Double(hp))
        #expect(ap > 20 && ae < Double(ap) / 2)
        #expect(ae >= 10)  // at least the Padé evaluation and squarings
    }

    @Test("eig records its eigendecomposition; the cost model leaves it unpriced")
    func eigCounts() throws {
        let run = Runner(config: quickConfig(["randn-s1.0-n4-seed1"], try Selection.candidates("eig@float64", from: .native))).run()
        let r = run.cases[0].results[0]
        #expect(r.eigendecompositions == 1 && r.solves == 1 && r.verdict == .pass)
        #expect(r.timeOverModel.isNaN)
    }

    @Test("throwing and NaN-returning candidates are recorded as such and fail")
    func badCandidates() {
        let run = Runner(config: quickConfig(["randn-s1.0-n4-seed1"], [ThrowingCandidate(), NaNCandidate()])).run()
        let (t, n) = (run.cases[0].results[0], run.cases[0].results[1])
        #expect(t.outcome == .threw && t.verdict == .fail && t.message?.contains("square") == true)
        #expect(n.outcome == .nonFinite && n.verdict == .fail && n.errors == nil)
    }

    @Test("a reference below the certificate target excludes the case from pass/fail")
    func uncertainExcluded() {
        var config = quickConfig(["randn-s1.0-n4-seed1"], [Pade13Higham05<Double>()])
        config.certifier.targetDigits = 1000  // no reference can be certified to 1000 digits
        let run = Runner(config: config).run()
        #expect(!run.cases[0].reference.certified)
        #expect(run.cases[0].reference.note?.contains("below the target") == true)
        #expect(run.cases[0].results[0].verdict == .excluded)
    }

    @Test("the report and results.json are written and results.json decodes to the same run")
    func reportFiles() throws {
        let run = Runner(config: quickConfig(["nilpotent-shift-n3", "rotation-blocks-n2-seed1"],
                                             CandidateRegistry.nativeCandidates)).run()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(getpid())").path
        try ReportWriter.write(run, to: dir)
        let md = try String(contentsOfFile: "\(dir)/REPORT.md", encoding: .utf8)
        #expect(md.contains("## Summary: candidate × family"))
        #expect(md.contains("## Error by norm band") && md.contains("## Structure and identities"))
        #expect(md.contains("`nilpotent-shift-n3`"))
        #expect(md.contains("swift run harness case "))
        let decoded = try JSON.decode(RunResults.self, from: Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json")))
        #expect(decoded.cases.map(\.id) == run.cases.map(\.id))
        #expect(decoded.cases[0].results.map(\.errors) == run.cases[0].results.map(\.errors))
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test("a candidate registered at run time that reports less: not reported, not observed, its own time kept")
    func opaqueCandidate() throws {
        var registry = CandidateRegistry.native
        try registry.register(OpaqueCandidate())
        let chosen = try Selection.candidates("opaque,pade13-higham05@float64", from: registry)
        #expect(chosen.map(\.id) == ["opaque@float64", "pade13-higham05@float64"])
        let run = Runner(config: quickConfig(["randn-s1.0-n16-seed1"], chosen)).run()
        let (opaque, seen) = (run.cases[0].results[0], run.cases[0].results[1])
        #expect(opaque.choice == .notReported && opaque.choice?.description == "not reported")
        #expect(opaque.products == nil && opaque.solves == nil && opaque.productEquivalents == nil)
        #expect(opaque.timeOverModel.isNaN, "no cost model without observed operations")
        #expect((opaque.selfMeasuredSeconds ?? 0) > 0 && seen.selfMeasuredSeconds == nil)
        // The same arithmetic as the observed candidate, so the same error and verdict.
        #expect(opaque.errors?.normwiseRelative == seen.errors?.normwiseRelative && opaque.verdict == .pass)
        #expect((seen.products ?? 0) > 0)
        let report = MarkdownReport(results: run, plots: []).render()
        #expect(report.contains("`opaque@float64` | 16 | 1 | not observed (not observed) | not observed |"))
    }

    /// ‖X − Y‖ ≤ ‖X − E‖ + ‖E − Y‖: the difference between two results is bounded by their errors, so
    /// relative to ‖Y‖₁ ≥ (1 − e_Y)‖E‖₁ it is at most (e_X + e_Y)/(1 − e_Y).
    @Test("pairs are compared with each other, beside each one's error, and the report shows them")
    func pairComparisons() throws {
        var config = quickConfig(["randn-s0.1-n16-seed1", "randn-s1.0-n16-seed1", "rotation-skew-n4-seed1"],
                                 try Selection.candidates("mlx-proposal-t8,taylor-bbc18", from: .native))
        config.comparePairs = [("mlx-proposal-t8", "taylor-bbc18")]
        let run = Runner(config: config).run()
        for c in run.cases {
            let pairs = try #require(c.comparisons)
            #expect(pairs.map(\.first) == ["mlx-proposal-t8@float32", "mlx-proposal-t8@float64"])
            for p in pairs {
                let (ex, ey) = (try #require(p.firstError), try #require(p.secondError))
                #expect(p.relativeDifference <= (ex + ey) / (1 - ey) * (1 + 1e-12), "\(c.id) \(p)")
                #expect(p.maxAbsDifference > 0)
            }
        }
        let report = MarkdownReport(results: run, plots: []).render()
        #expect(report.contains("## Which one is right?"))
        #expect(report.contains("| `randn-s1.0-n16-seed1` | 16 | `mlx-proposal-t8@float64` | `taylor-bbc18@float64` |"))
        #expect(!report.contains("| `rotation-skew-n4-seed1` | 4 | `mlx-proposal-t8"), "randn and users' matrices only")
    }
}
