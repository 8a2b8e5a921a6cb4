import Candidates
@testable import Cases
@testable import FileIO
import Foundation
import Linalg
@testable import Measurement
@testable import Reporting
import Testing


/// A deliberately broken candidate: the real Padé algorithm with its result scaled by (1 + 1e-6),
/// registered under the real candidate's name so that the gate compares it with the real one's baseline.
struct WorsenedPade: ExpmCandidate {
    typealias Scalar = Double
    let name = "pade13-higham05"
    let source = "test double: pade13-higham05 with its result scaled by (1 + 1e-6)"
    func exp(_ a: Matrix<Double>) throws -> ExpmResult<Double> {
        var r = try Pade13Higham05<Double>().exp(a)
        r.value = (1 + 1e-6) * r.value
        return r
    }
}

/// One small real run shared by the tests (references and candidates as in a suite).
func smallRun(_ candidates: [any ExpmCandidate]) -> RunResults {
    var config = RunConfig(
        suiteName: "gate-test",
        cases: [CaseSpec(id: "randn-s1.0-n4-seed1")!, CaseSpec(id: "rotation-blocks-n4-seed1")!,
                CaseSpec(id: "nilpotent-shift-n3")!],
        candidates: candidates, seed: 1, blasThreads: 1)
    config.showProgress = false
    config.timing.minRepeats = 1
    config.timing.minTotalSeconds = 0
    return Runner(config: config).run()
}

@Suite("Regression gate", .serialized)
struct GateTests {
    static let good = smallRun([Pade13Higham05<Double>(), MLXProposalT8<Float>()])

    @Test("a run passes the gate against its own baseline")
    func selfBaseline() {
        let report = GateReport(run: Self.good, baseline: Baseline(from: Self.good))
        #expect(report.passed)
        #expect(report.compared == 6)
        #expect(report.unbaselined.isEmpty)
    }

    @Test("a broken candidate fails the gate and is named")
    func brokenCandidate() {
        let broken = smallRun([WorsenedPade(), MLXProposalT8<Float>()])
        let report = GateReport(run: broken, baseline: Baseline(from: Self.good))
        #expect(!report.passed)
        #expect(report.regressions.count == 3)
        #expect(report.regressions.allSatisfy { $0.contains("pade13-higham05@float64") })
        #expect(!report.regressions.contains { $0.contains("mlx-proposal-t8") })
    }

    @Test("error growth past the factor, pass → fail and ok → threw are regressions; small noise is not")
    func rules() throws {
        var run = Self.good
        let base = Baseline(from: run)
        // Within the factor: not a regression.
        run.cases[0].results[0].errors!.normwiseRelative *= 4
        #expect(GateReport(run: run, baseline: base).passed)
        // Past the factor.
        run = Self.good
        let e = run.cases[0].results[0].errors!.normwiseRelative
        run.cases[0].results[0].errors!.normwiseRelative = 16 * max(e, 0x1p-53)
        #expect(GateReport(run: run, baseline: base).regressions.count == 1)
        // Outcome change.
        run = Self.good
        run.cases[1].results[1].outcome = .threw
        run.cases[1].results[1].errors = nil
        #expect(GateReport(run: run, baseline: base).regressions.first?.contains("ok → threw") == true)
        // Verdict flip even with a small error change.
        run = Self.good
        #expect(run.cases[2].results[0].verdict == .pass)
        run.cases[2].results[0].verdict = .fail
        #expect(GateReport(run: run, baseline: base).regressions.first?.contains("pass → fail") == true)
    }

    @Test("cases with an uncertified reference are not gated")
    func uncertifiedNotGated() {
        var run = Self.good
        run.cases[0].reference.certified = false
        run.cases[0].results[0].errors!.normwiseRelative = 1
        let report = GateReport(run: run, baseline: Baseline(from: Self.good))
        #expect(report.passed)
        #expect(report.compared == 4)
    }

    @Test("a baseline survives a save/load round trip; a bad file gives a clear error")
    func roundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(getpid())")
        let path = dir.appendingPathComponent("baseline.json").path
        let b = Baseline(from: Self.good)
        try b.save(path)
        let loaded = try Baseline.load(path)
        #expect(loaded.entries == b.entries)
        // A baseline written under the first, ‖A‖₁-based bound (schema 1) holds other verdicts: refused, not misread.
        var old = b
        old.schemaVersion = 1
        try old.save(path)
        #expect(throws: HarnessError.self) { try Baseline.load(path) }
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: HarnessError.self) { try Baseline.load(path) }
        try? FileManager.default.removeItem(at: dir)
    }
}
