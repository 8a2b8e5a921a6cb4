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

    @Test("a candidate dropped from the run is a regression, named; a narrowed run expects only its selection")
    func droppedCandidate() {
        let base = Baseline(from: Self.good)
        var run = Self.good
        for k in run.cases.indices { run.cases[k].results.removeAll { $0.candidate == "mlx-proposal-t8" } }
        run.info.candidates.removeAll { $0.hasPrefix("mlx-proposal-t8") }
        let report = GateReport(run: run, baseline: base)
        #expect(!report.passed && report.missing.count == 3)
        #expect(report.missing.allSatisfy { $0.contains("mlx-proposal-t8@float32") })
        #expect(report.describe().contains("not produced by this run"))
        #expect(GateReport(run: run, baseline: base, narrowed: true).passed, "asked for on purpose: not a regression")
        // Narrowed to fewer cases: the other cases' entries are not expected, the selected ones still are.
        var fewer = Self.good
        fewer.cases.removeLast()
        #expect(GateReport(run: fewer, baseline: base, narrowed: true).passed)
        #expect(GateReport(run: fewer, baseline: base).missing.count == 2)
    }

    @Test("results without a baseline are listed, and fail the gate only with --strict")
    func strictUnbaselined() {
        var base = Baseline(from: Self.good)
        base.entries.removeAll { $0.caseID == "nilpotent-shift-n3" }
        #expect(GateReport(run: Self.good, baseline: base, narrowed: true).passed)
        let strict = GateReport(run: Self.good, baseline: base, narrowed: true, strict: true)
        #expect(!strict.passed && strict.unbaselined.count == 2 && strict.describe().contains("NO BASELINE nilpotent-shift-n3"))
    }

    @Test("more products or solves per call than the baseline is a regression; fewer is an improvement")
    func cost() throws {
        let base = Baseline(from: Self.good)
        #expect(base.entries.allSatisfy { $0.products != nil && $0.solves != nil })
        var run = Self.good
        run.cases[0].results[0].products! += 1
        let more = GateReport(run: run, baseline: base)
        #expect(more.regressions.count == 1 && more.regressions[0].contains("products per call"), "\(more.regressions)")
        run = Self.good
        run.cases[0].results[0].solves! -= 1
        let fewer = GateReport(run: run, baseline: base)
        #expect(fewer.passed && fewer.improvements.contains { $0.contains("solves per call") })
    }

    @Test("an unusable baseline is refused with what is wrong", arguments: [
        ("factor", "outside 1 < factor"), ("duplicate", "appears twice"), ("negative", "errors are ≥ 0"),
        ("suite", "baseline of the 'gate-test' suite"), ("outcome", "outcome"),
    ])
    func invalidBaseline(defect: String, message: String) throws {
        var b = Baseline(from: Self.good)
        switch defect {
        case "factor": b.factor = -1
        case "duplicate": b.entries.append(b.entries[0])
        case "negative": b.entries[0].normwiseRelative = -1e-16
        default: break
        }
        if defect == "suite" {
            #expect(b.problem(forSuite: "quick")?.contains(message) == true)
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(getpid())-\(defect)")
        let path = dir.appendingPathComponent("baseline.json").path
        try b.save(path)
        if defect == "outcome" {
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"ok\"", with: "\"fine\"")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        do {
            _ = try Baseline.load(path)
            Issue.record("accepted")
        } catch {
            #expect(String(describing: error).contains(message), "\(error)")
            #expect(!String(describing: error).contains("DecodingError"), "\(error)")
        }
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("the machine and BLAS are stored, and a baseline from another machine gets a warning, not a failure")
    func machine() {
        var base = Baseline(from: Self.good)
        #expect(base.machine == Self.good.info.machine.cpu && base.blas == Self.good.info.blasLibrary)
        base.machine = "another CPU"
        let report = GateReport(run: Self.good, baseline: base)
        #expect(report.passed && report.warnings.count == 1 && report.describe().contains("warning: the baseline was made on another CPU"))
    }
}
