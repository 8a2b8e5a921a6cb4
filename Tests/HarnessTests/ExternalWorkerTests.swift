import Candidates
@testable import Cases
@testable import External
import Foundation
import Linalg
@testable import Measurement
@testable import Reporting
import Testing

/// The worker protocol end to end, with the standard-library fake worker of Tests/Workers: each
/// misbehaviour is classified as it should be, and a run goes on past it.
@Suite("External workers")
struct ExternalWorkerTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Workers/fake_worker.py").path

    /// A session of the fake worker in `mode`; short time limits so that a hang costs seconds.
    func session(_ mode: String) throws -> WorkerSession {
        try WorkerSession(name: "fake", command: "python3 '\(Self.script)' \(mode)",
                          timeouts: WorkerTimeouts(base: 3, perCubed: 1e-7))
    }

    let a = Matrix<Double>(rows: 3, cols: 3, elements: [0.5, -1, 0.25, 1, 0.125, -0.5, 0.75, 0.5, -0.25])

    func candidate(_ mode: String, _ precision: Precision = .float64) throws -> ExternalCandidate {
        try #require(ExternalCandidate.candidates(try session(mode)).first { $0.precision == precision })
    }

    func failure(_ body: () throws -> Void) -> CandidateFailure? {
        do { try body() } catch let f as CandidateFailure { return f } catch { return nil }
        return nil
    }

    @Test("a correct worker passes in both precisions, reports its choice, is not observed, and times itself")
    func correct() throws {
        let s = try session("correct")
        #expect(s.hello.name == "fake-correct" && s.hello.reportsChoice && s.hello.versions["python"] != nil)
        let candidates = ExternalCandidate.candidates(s)
        #expect(candidates.map(\.id) == ["fake@float32", "fake@float64"])
        let run = Runner(config: quickConfig(["randn-s1.0-n4-seed1", "rotation-skew-n4-seed1"], candidates)).run()
        for c in run.cases {
            for r in c.results {
                #expect(r.outcome == .ok && r.verdict == .pass, "\(c.id) \(r.id): \(r.message ?? "") \(r.errorOverKappaU ?? .nan)")
                #expect(r.choice?.approximant == "T18" && r.choice?.scaling != nil)
                #expect(r.products == nil && r.solves == nil)
                #expect((r.selfMeasuredSeconds ?? 0) > 0 && r.seconds == r.selfMeasuredSeconds)
                #expect(r.productSeconds > 0, "the worker's own product is the unit of time")
                #expect((r.transportSeconds ?? -1) > 0, "reaching the worker costs time outside the call")
            }
        }
        // float32: the worker received A rounded to float32 and must answer in float32.
        #expect(candidates[0].input(Matrix(rows: 1, cols: 1, elements: [0.1]))[0, 0] == Double(Float(0.1)))
    }

    @Test("a wrong coefficient is caught: far outside c·κ·u")
    func wrongCoefficient() throws {
        let run = Runner(config: quickConfig(["randn-s1.0-n4-seed1"], [try candidate("wrong-coeff")])).run()
        let r = run.cases[0].results[0]
        #expect(r.outcome == .ok && r.verdict == .fail && (r.errorOverKappaU ?? 0) > 1000, "\(r.errorOverKappaU ?? .nan)")
    }

    @Test("a crash is recorded with exit status and stderr, and the next call gets a new worker")
    func crash() throws {
        let c = try candidate("crash-second")
        _ = try c.exp(a)
        let f = try #require(failure { _ = try c.exp(a) })
        #expect(f.outcome == .crashed)
        #expect(f.message.contains("exit status 3") && f.message.contains("crashing on purpose"), "\(f.message)")
        _ = try c.exp(a)  // a fresh worker: its first call works
    }

    @Test("a result file the worker did not write this time is bad output, never the previous call's result")
    func staleResult() throws {
        let c = try candidate("no-output-second")
        _ = try c.exp(a)
        let f = try #require(failure { _ = try c.exp(a) })
        #expect(f.outcome == .badOutput && f.message.contains("the result file"), "\(f.outcome) \(f.message)")
    }

    @Test("the protocol's overhead is measured beside the worker's own call time")
    func overhead() throws {
        let o = try ProtocolOverhead.measure(try session("correct"), on: a, precision: .float64, requests: 3)
        #expect(o.requests == 3 && o.n == 3 && o.worker == "fake")
        // Each request outlasts its call, so the medians keep that order (medians do not add, though).
        #expect(o.callSeconds > 0 && o.overheadSeconds > 0 && o.requestSeconds > o.callSeconds)
    }

    @Test("the gate judges an external candidate like a native one: a wrong coefficient behind the same name regresses")
    func gate() throws {
        let ids = ["randn-s1.0-n4-seed1"]
        func run(_ mode: String) throws -> RunResults {
            let s = try WorkerSession(name: "lib", command: "python3 '\(Self.script)' \(mode)",
                                      timeouts: WorkerTimeouts(base: 3, perCubed: 1e-7))
            return Runner(config: quickConfig(ids, ExternalCandidate.candidates(s).filter { $0.precision == .float64 })).run()
        }
        let baseline = Baseline(from: try run("correct"))
        #expect(baseline.entries.map(\.candidate) == ["lib@float64"])
        #expect(GateReport(run: try run("correct"), baseline: baseline).regressions.isEmpty)
        let report = GateReport(run: try run("wrong-coeff"), baseline: baseline)
        #expect(report.regressions.count == 1 && report.regressions[0].contains("lib@float64"), "\(report.regressions)")
    }

    @Test("a hang times out and is stopped", .timeLimit(.minutes(1)))
    func hang() throws {
        let f = try #require(failure { _ = try candidate("hang").exp(a) })
        #expect(f.outcome == .timedOut && f.message.contains("no reply to expm"), "\(f.message)")
    }

    @Test("wrong shape, output outside the protocol, and a refusal are classified", arguments: [
        ("wrong-shape", Outcome.badOutput, "expected 3×3"),
        ("chatty", .badOutput, "not a protocol reply"),
        ("refuse", .refused, "refuses on purpose"),
    ])
    func misbehaviour(mode: String, outcome: Outcome, fragment: String) throws {
        let f = try #require(failure { _ = try candidate(mode).exp(a) })
        #expect(f.outcome == outcome && f.message.contains(fragment), "\(mode): \(f.outcome) \(f.message)")
    }

    @Test("a worker that cannot start is one error naming the command, with its status and stderr")
    func noStart() {
        do {
            _ = try session("no-start")
            Issue.record("started")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("worker 'fake'") && message.contains("no-start"), "\(message)")
            #expect(message.contains("exit status 7") && message.contains("told not to start"), "\(message)")
        }
    }

    @Test("a run goes on past a crashing worker: the failing cases are recorded as crashed, the others judged")
    func runGoesOn() throws {
        let ids = ["randn-s1.0-n4-seed1", "randn-s1.0-n4-seed2", "randn-s1.0-n4-seed3", "randn-s1.0-n4-seed4"]
        let run = Runner(config: quickConfig(ids, [try candidate("crash-if-negative")])).run()
        for c in run.cases {
            let r = c.results[0]
            let negative = try #require(CaseSpec(id: c.id)).matrix()[0, 0] < 0
            #expect(r.outcome == (negative ? .crashed : .ok), "\(c.id): \(r.outcome) \(r.message ?? "")")
            #expect(r.verdict == (negative ? .fail : .pass))
            if negative { #expect(r.message?.contains("negative corner") == true && r.seconds.isNaN) }
        }
        let crashed = run.cases.filter { $0.results[0].outcome == .crashed }.count
        #expect(crashed > 0 && crashed < ids.count, "the seeds must give both signs of A[0,0]")
    }

    @Test("the run's BLAS thread count reaches the worker's environment")
    func threads() throws {
        let s = try WorkerSession(name: "fake", command: "python3 '\(Self.script)' correct", threads: 1)
        #expect(s.hello.versions["omp_threads"] == "1")
        #expect(try session("correct").hello.versions["omp_threads"] != "1" || ProcessInfo.processInfo.environment["OMP_NUM_THREADS"] == "1")
    }
}
