import Candidates
import FileIO
import Foundation
import Measurement

/// The regression gate: compares a run with a stored baseline of per-case errors.
///
/// A result regresses when, on a case whose reference is certified,
/// - it stopped returning a finite result (outcome ok → non-finite or threw), or
/// - it passed its bound and now fails it, or
/// - its normwise relative error grew past `factor`·max(baseline error, u).
/// The floor u keeps results that were exact (error 0) from failing on one rounding.
///
/// Why factor 8, and where it holds (measured on the quick suite, 2,800 judged results, this machine):
/// rerun on the same OpenBLAS kernel, with 1 or 2 threads, no error moves at all, while the defects
/// planted in issue 12 (a coefficient off by 1e-10, a squaring too many, a θ raised 50 %, …) moved
/// errors by 11× to orders of magnitude. Another kernel is another matter: under OPENBLAS_CORETYPE=Haswell (resp.
/// Sandybridge), 5 (17) of the 2,281 results with κu < 10⁻⁶ move by more than 8×, at most 14× (118×),
/// and where κu ≥ 10⁻² errors are rounding noise at the conditioning limit and move by up to 10⁸ (10¹⁷).
/// So the factor gates a run against a baseline made on the same kind of machine and BLAS kernel, which
/// is what CI does; a baseline from another CPU raises false alarms and must be regenerated there.
public struct Baseline: Codable, Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var caseID: String
        public var candidate: String
        public var outcome: Outcome
        public var verdict: Verdict
        public var normwiseRelative: Double?
        public var unitRoundoff: Double
    }

    public static let factor = 8.0

    /// 2: verdicts under the yardstick c·max(1, κ_exp)·u. A baseline of schema 1 holds verdicts of the
    /// first, ‖A‖₁-based bound, which would make every case whose κ is far from ‖A‖₁ look like a flip.
    public static let schemaVersion = 2

    public var schemaVersion = Baseline.schemaVersion
    public var suite: String
    public var commit: String
    public var factor: Double = Baseline.factor
    public var entries: [Entry]

    /// The baseline a run would leave (every case, including excluded ones, for completeness).
    public init(from run: RunResults) {
        suite = run.suite
        commit = run.info.commit
        entries = run.cases.flatMap { c in
            c.results.map { r in
                Entry(caseID: c.id, candidate: r.id, outcome: r.outcome, verdict: r.verdict,
                      normwiseRelative: r.errors?.normwiseRelative,
                      unitRoundoff: r.unitRoundoff)
            }
        }.sorted { ($0.caseID, $0.candidate) < ($1.caseID, $1.candidate) }
    }

    public static func load(_ path: String) throws -> Baseline {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw HarnessError.io("cannot read baseline \(path): \(error.localizedDescription)")
        }
        let baseline: Baseline
        do { baseline = try JSON.decode(Baseline.self, from: data) } catch {
            throw HarnessError.io("baseline \(path) is not a valid baseline file: \(error)")
        }
        guard baseline.schemaVersion == schemaVersion else {
            throw HarnessError.io("baseline \(path) has schema \(baseline.schemaVersion), this harness gates against schema "
                + "\(schemaVersion) (verdicts under c·max(1, κ)·u); regenerate it with --update-baseline")
        }
        return baseline
    }

    public func save(_ path: String) throws { try AtomicWrite.write(try JSON.encode(self), to: path) }
}

/// The outcome of comparing a run with a baseline.
public struct GateReport: Sendable {
    public var regressions: [String] = []
    public var improvements: [String] = []
    /// Results with no baseline entry (new cases or candidates): reported, not gated.
    public var unbaselined: [String] = []
    public var compared = 0

    public var passed: Bool { regressions.isEmpty }

    /// Compares every judged result of `run` with its baseline entry.
    public init(run: RunResults, baseline: Baseline) {
        let base = Dictionary(baseline.entries.map { ("\($0.caseID) \($0.candidate)", $0) },
                              uniquingKeysWith: { a, _ in a })
        for c in run.cases where c.reference.certified {
            for r in c.results {
                guard let b = base["\(c.id) \(r.id)"] else {
                    unbaselined.append("\(c.id) \(r.id)")
                    continue
                }
                compared += 1
                check(c.id, r, against: b, factor: baseline.factor)
            }
        }
    }

    private mutating func check(_ caseID: String, _ r: CandidateRecord, against b: Baseline.Entry, factor: Double) {
        let what = "\(caseID) \(r.id)"
        let now = r.errors?.normwiseRelative
        if b.outcome == .ok && r.outcome != .ok {
            regressions.append("\(what): outcome ok → \(r.outcome.rawValue)\(r.message.map { " (\($0))" } ?? "")")
            return
        }
        if b.verdict == .pass && r.verdict == .fail {
            regressions.append("\(what): pass → fail (error \(Format.sci(now)) > bound \(Format.sci(r.bound)); baseline \(Format.sci(b.normwiseRelative)))")
            return
        }
        if let now, let was = b.normwiseRelative {
            let limit = factor * max(was, b.unitRoundoff)
            if now > limit {
                regressions.append("\(what): error \(Format.sci(was)) → \(Format.sci(now)) (> \(Format.fixed(factor, 0))× baseline)")
            } else if now * factor < was {
                improvements.append("\(what): error \(Format.sci(was)) → \(Format.sci(now))")
            }
        } else if b.outcome != .ok && r.outcome == .ok {
            improvements.append("\(what): outcome \(b.outcome.rawValue) → ok")
        }
    }

    /// Human-readable summary for the terminal.
    public func describe() -> String {
        var lines = ["gate: \(compared) results compared, \(regressions.count) regression(s), "
            + "\(improvements.count) improvement(s), \(unbaselined.count) without baseline"]
        lines += regressions.map { "  REGRESSION \($0)" }
        lines += improvements.prefix(20).map { "  improved   \($0)" }
        if !unbaselined.isEmpty { lines.append("  (not gated, no baseline: \(unbaselined.prefix(5).joined(separator: "; "))\(unbaselined.count > 5 ? "; …" : ""))") }
        return lines.joined(separator: "\n")
    }
}
