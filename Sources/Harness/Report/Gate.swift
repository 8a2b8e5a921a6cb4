import Candidates
import FileIO
import Foundation
import Measurement

/// The regression gate: compares a run with a stored baseline of per-case errors and costs.
///
/// A result regresses when, on a case whose reference is certified,
/// - it stopped returning a finite result (outcome ok → non-finite or threw), or
/// - it passed its bound and now fails it, or
/// - its normwise relative error grew past `factor`·max(baseline error, u), or
/// - it makes more products or solves than the baseline (they are deterministic: a change is a change of
///   algorithm, which over-scaling bugs show more than their error does).
/// The floor u keeps results that were exact (error 0) from failing on one rounding. A baseline entry the
/// run no longer produces (candidate, case or precision gone) is a regression too, unless the run was
/// narrowed on purpose, and then only entries inside the selection count.
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
        /// Products and solves per call; nil when not observed (an external candidate) or in a baseline
        /// written before they were stored.
        public var products: Int?
        public var solves: Int?
    }

    public static let factor = 8.0

    /// 2: verdicts under the yardstick c·max(1, κ_exp)·u. A baseline of schema 1 holds verdicts of the
    /// first, ‖A‖₁-based bound, which would make every case whose κ is far from ‖A‖₁ look like a flip.
    public static let schemaVersion = 2

    public var schemaVersion = Baseline.schemaVersion
    public var suite: String
    public var commit: String
    public var factor: Double = Baseline.factor
    /// The machine and BLAS the baseline was made on: the factor holds on the same kind (see above).
    public var machine: String?
    public var blas: String?
    public var entries: [Entry]

    /// The baseline a run would leave (every case, including excluded ones, for completeness).
    public init(from run: RunResults) {
        suite = run.suite
        commit = run.info.commit
        machine = run.info.machine.cpu
        blas = run.info.blasLibrary
        entries = run.cases.flatMap { c in
            c.results.map { r in
                Entry(caseID: c.id, candidate: r.id, outcome: r.outcome, verdict: r.verdict,
                      normwiseRelative: r.errors?.normwiseRelative,
                      unitRoundoff: r.unitRoundoff, products: r.products, solves: r.solves)
            }
        }.sorted { ($0.caseID, $0.candidate) < ($1.caseID, $1.candidate) }
    }

    /// What makes a baseline unusable, or nil: a factor outside 1 < f ≤ 1000 (≤ 1 makes rounding a
    /// regression, a huge one gates nothing), duplicate entries, errors or unit roundoffs that are not
    /// finite and non-negative, negative counts, or another suite than `suite`.
    public func problem(forSuite suite: String? = nil) -> String? {
        guard factor.isFinite, factor > 1, factor <= 1000 else {
            return "factor \(factor) is outside 1 < factor ≤ 1000 (the default is \(Baseline.factor))"
        }
        if let suite, suite != self.suite { return "it is a baseline of the '\(self.suite)' suite, not '\(suite)'" }
        var seen = Set<String>()
        for e in entries {
            let key = "\(e.caseID) \(e.candidate)"
            guard seen.insert(key).inserted else { return "entry '\(key)' appears twice" }
            if let x = e.normwiseRelative, !(x >= 0) { return "entry '\(key)' has error \(x); errors are ≥ 0 (NaN is not allowed)" }
            guard e.unitRoundoff > 0, e.unitRoundoff < 1 else { return "entry '\(key)' has unit roundoff \(e.unitRoundoff)" }
            if (e.products ?? 0) < 0 || (e.solves ?? 0) < 0 { return "entry '\(key)' has a negative count" }
        }
        return nil
    }

    public static func load(_ path: String) throws -> Baseline {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw HarnessError.io("cannot read baseline \(path): \(error.localizedDescription)")
        }
        let baseline: Baseline
        do { baseline = try JSON.decode(Baseline.self, from: data) } catch {
            throw HarnessError.io("baseline \(path) is not a valid baseline file: \(Self.explain(error))")
        }
        guard baseline.schemaVersion == schemaVersion else {
            throw HarnessError.io("baseline \(path) has schema \(baseline.schemaVersion), this harness gates against schema "
                + "\(schemaVersion) (verdicts under c·max(1, κ)·u); regenerate it with --update-baseline")
        }
        if let problem = baseline.problem() { throw HarnessError.io("baseline \(path) is not usable: \(problem)") }
        return baseline
    }

    /// A decoding error in words: which field, and what was wrong with it.
    private static func explain(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return String(describing: error) }
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "the top level" : "'\(p.hasPrefix(".") ? String(p.dropFirst()) : p)'"
        }
        switch e {
        case .keyNotFound(let key, let c): return "\(path(c)) lacks the field '\(key.stringValue)'"
        case .typeMismatch(let type, let c): return "\(path(c)) is not a \(type): \(c.debugDescription)"
        case .valueNotFound(let type, let c): return "\(path(c)) is null, expected a \(type)"
        case .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
        @unknown default: return String(describing: e)
        }
    }

    public func save(_ path: String) throws { try AtomicWrite.write(try JSON.encode(self), to: path) }
}

/// The outcome of comparing a run with a baseline.
public struct GateReport: Sendable {
    public var regressions: [String] = []
    public var improvements: [String] = []
    /// Results with no baseline entry (new cases or candidates): reported, not gated.
    public var unbaselined: [String] = []
    /// Baseline entries the run did not produce (inside its selection when narrowed): regressions.
    public var missing: [String] = []
    /// Warnings that do not fail the gate (a baseline from another machine or BLAS).
    public var warnings: [String] = []
    public var compared = 0
    /// Whether results without a baseline fail the gate (`--strict`, what CI runs).
    public var strict = false

    public var passed: Bool { regressions.isEmpty && missing.isEmpty && !(strict && !unbaselined.isEmpty) }

    /// Compares every judged result of `run` with its baseline entry. When `narrowed` (the run selected
    /// candidates, families or sizes on purpose), only baseline entries of the run's cases and candidates
    /// are expected; otherwise every entry is.
    public init(run: RunResults, baseline: Baseline, narrowed: Bool = false, strict: Bool = false) {
        self.strict = strict
        let base = Dictionary(baseline.entries.map { ("\($0.caseID) \($0.candidate)", $0) },
                              uniquingKeysWith: { a, _ in a })
        var produced = Set<String>()
        for c in run.cases {
            for r in c.results {
                produced.insert("\(c.id) \(r.id)")
                guard c.reference.certified else { continue }
                guard let b = base["\(c.id) \(r.id)"] else {
                    unbaselined.append("\(c.id) \(r.id)")
                    continue
                }
                compared += 1
                check(c.id, r, against: b, factor: baseline.factor)
            }
        }
        let cases = Set(run.cases.map(\.id)), candidates = Set(run.info.candidates)
        missing = baseline.entries.filter { e in
            !produced.contains("\(e.caseID) \(e.candidate)") && (!narrowed || (cases.contains(e.caseID) && candidates.contains(e.candidate)))
        }.map { "\($0.caseID) \($0.candidate)" }
        if let m = baseline.machine, m != run.info.machine.cpu {
            warnings.append("the baseline was made on \(m), this run on \(run.info.machine.cpu): errors may move by more than the factor (see Baseline)")
        }
        if let b = baseline.blas, b != run.info.blasLibrary {
            warnings.append("the baseline's BLAS was \(b), this run's is \(run.info.blasLibrary)")
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
        for (name, was, count) in [("products", b.products, r.products), ("solves", b.solves, r.solves)] {
            guard let was, let count, count != was else { continue }
            if count > was {
                regressions.append("\(what): \(name) per call \(was) → \(count)")
            } else {
                improvements.append("\(what): \(name) per call \(was) → \(count)")
            }
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
        var lines = ["gate: \(compared) results compared, \(regressions.count + missing.count) regression(s), "
            + "\(improvements.count) improvement(s), \(unbaselined.count) without baseline"
            + (strict && !unbaselined.isEmpty ? " (failing: --strict)" : "")]
        lines += warnings.map { "  warning: \($0)" }
        lines += regressions.map { "  REGRESSION \($0)" }
        lines += missing.map { "  REGRESSION \($0): in the baseline, not produced by this run" }
        lines += improvements.prefix(20).map { "  improved   \($0)" }
        if strict {
            lines += unbaselined.map { "  NO BASELINE \($0)" }
        } else if !unbaselined.isEmpty { lines.append("  (not gated, no baseline: \(unbaselined.prefix(5).joined(separator: "; "))\(unbaselined.count > 5 ? "; …" : ""))") }
        return lines.joined(separator: "\n")
    }
}
