import Candidates
import Certification
import Linalg
import Reference
import Audit

/// Everything one run measured: the one model written as `results.json` and rendered as REPORT.md.
/// Field order and array order are deterministic so that diffs of reports mean something.
public struct RunResults: Codable, Sendable {
    /// 2: verdicts judged against c·max(1, κ_exp)·u, with each record's κ and its basis.
    public static let schemaVersion = 2

    public var schemaVersion: Int = RunResults.schemaVersion
    public var suite: String
    public var info: RunInfo
    public var cases: [CaseRecord]
    /// The coefficient audit of the candidates' evaluation schemes.
    public var audit: [SchemeAuditEntry]
    /// Input files that were not run, and why (only for runs on user matrices).
    public var skipped: [SkippedFile]?
}

/// A user file set aside: unreadable or malformed (an error), or complex (not applicable to the
/// real-only candidates).
public struct SkippedFile: Codable, Sendable, Equatable {
    public var path: String
    public var reason: String
    /// True for a bad file (the run exits non-zero), false for a file that is merely not applicable.
    public var isError: Bool

    public init(path: String, reason: String, isError: Bool) {
        (self.path, self.reason, self.isError) = (path, reason, isError)
    }
}

/// Where, when and how a run was made.
public struct RunInfo: Codable, Sendable {
    /// The command line that produced the run.
    public var command: String
    public var date: String
    public var commit: String
    public var machine: MachineInfo
    public var blasThreads: Int
    public var blasLibrary: String
    public var seed: UInt64
    public var families: [String]
    public var sizes: [Int]
    public var candidates: [String]
    /// For candidates from outside the native registry (external workers, runtime registrations): id →
    /// where it comes from, with library versions and BLAS as the worker reports them. nil when none.
    public var externalSources: [String: String]?
    /// Candidate name → the worker command of an external candidate, for commands that rerun it.
    public var externalCommands: [String: String]?
    /// Working precisions (bits) of the reference's primary and check computations.
    public var referenceBits: [Int]
    /// Certified digits a reference needs for its case to be judged.
    public var certificateTargetDigits: Double
    /// c in the bound c·max(1, κ_exp)·u (see `Verdict`).
    public var boundConstant: Double
    /// Largest order at which κ_exp is computed exactly (MPFR, Kronecker form); estimated above.
    public var kappaExactMaxOrder: Int?
    /// How κ_exp is estimated above `kappaExactMaxOrder` (`ExpCondition.estimator`); nil in results
    /// written before it was recorded.
    public var kappaEstimator: String?
    public var timing: TimingPolicy
    /// Wall time of the reference phase and of the candidate phase, seconds.
    public var referenceSeconds: Double
    public var candidateSeconds: Double
    /// For one shard of a suite (`--shard k/N`): which, and the whole selection it is a part of, so
    /// that `harness merge` can check that the parts are complete and disjoint. nil for a whole run.
    public var shard: ShardInfo?
}

/// What a shard's results record of the run they are part of.
public struct ShardInfo: Codable, Sendable, Equatable {
    /// "k/N".
    public var part: String
    /// Every case id of the whole selection, in the suite's order.
    public var caseIDs: [String]
    /// Whether the selection itself was narrowed (candidates, families, sizes or seed), as the gate needs
    /// to know after the merge.
    public var narrowed: Bool

    public init(part: String, caseIDs: [String], narrowed: Bool) {
        (self.part, self.caseIDs, self.narrowed) = (part, caseIDs, narrowed)
    }
}

/// One generated matrix, its reference and every candidate's result on it.
public struct CaseRecord: Codable, Sendable {
    public var id: String
    public var family: String
    public var n: Int
    /// ‖A‖₁ of the matrix (generated entries are Float-representable, so both precisions see it;
    /// user matrices may not be, see `float32Reference`).
    public var norm1: Double
    public var reference: ReferenceRecord
    public var results: [CandidateRecord]
    /// The file a user matrix came from (nil for generated cases).
    public var path: String?
    /// For a user matrix that Float cannot hold: the reference of the matrix rounded to float32,
    /// against which float32 candidates are judged.
    public var float32Reference: ReferenceRecord?
    /// Results of pairs of implementations compared with each other (nil when no pair ran).
    public var comparisons: [PairComparison]?
}

/// One candidate (in one precision) on one case.
public struct CandidateRecord: Codable, Sendable {
    public var candidate: String
    public var precision: Precision
    public var outcome: Outcome
    public var message: String?
    /// What the candidate chose; nil when it reports nothing (or did not return).
    public var choice: ExpmChoice?
    /// Products, solves and eigendecompositions (LAPACK geev) made by the call, as `OperationCounter`
    /// observed them; nil ("not observed", not 0) for a candidate the harness cannot see inside.
    public var products: Int?
    public var solves: Int?
    public var eigendecompositions: Int?
    /// The products' work in units of one full n×n product (Σ m·n·k / n³): thin products inside a
    /// norm estimator count for what they cost. nil when not observed.
    public var productEquivalents: Double?
    /// nil unless outcome is ok.
    public var errors: ErrorMetrics?
    /// Identities and structure, measured without the reference (nil for a non-finite result).
    public var structure: StructureMetrics?
    /// c·max(1, κ)·u for this precision (see `Verdict`).
    public var bound: Double
    /// The κ the bound uses (κ_exp of the matrix the candidate sees, or ‖A‖₁ without one) and its basis.
    public var boundKappa: Double
    public var boundBasis: BoundBasis
    public var verdict: Verdict
    /// Median wall time of one call, seconds, measured by the harness.
    public var seconds: Double
    /// Median of the times the candidate measured itself around the call alone (a worker process, say),
    /// seconds; nil when it does not time itself.
    public var selfMeasuredSeconds: Double?
    /// For an implementation in another process, what one request cost beyond the call it timed
    /// (writing the input, the worker protocol's messages, reading the result), seconds, from the
    /// accuracy call; nil in process.
    public var transportSeconds: Double?
    /// Median wall time of one n×n product (gemm) in the same precision, same run, seconds.
    public var productSeconds: Double

    public var id: String { "\(candidate)@\(precision)" }
    /// Run time in units of one matrix product of the same size and precision.
    public var timeInProducts: Double { productSeconds > 0 ? seconds / productSeconds : .nan }
    /// The cost model in units of one gemm: product equivalents + 4/3·solves (an LU solve with n
    /// right-hand sides costs 2n³/3 for the factorisation plus 2n³ for the two triangular solves,
    /// 8n³/3 flops against gemm's 2n³).
    /// nil when the operations were not observed.
    public var modelProducts: Double? {
        guard let productEquivalents, let solves else { return nil }
        return productEquivalents + 4.0 / 3.0 * Double(solves)
    }
    /// Measured time ÷ the cost model's time: ≈ 1 when BLAS does all the work, larger when time goes
    /// elsewhere (entrywise Swift loops, allocation, small-matrix overheads).
    /// NaN when the call made an eigendecomposition, which the model does not price, or when the
    /// operations were not observed.
    public var timeOverModel: Double {
        guard eigendecompositions == 0, let model = modelProducts, model > 0, productSeconds > 0 else { return .nan }
        return seconds / (model * productSeconds)
    }
    /// The unit roundoff of the record's precision.
    public var unitRoundoff: Double { precision.unitRoundoff }
    /// Relative error ÷ (max(1, κ)·u), κ as in the bound: how the error compares with what the problem's
    /// conditioning allows (the max keeps it meaningful where κ < 1, i.e. tiny ‖A‖, where u itself is the
    /// floor). The result fails when this exceeds c.
    public var errorOverKappaU: Double? {
        errors.map { $0.normwiseRelative / (max(1, boundKappa) * unitRoundoff) }
    }
    /// Error divided by the bound (> 1 fails); nil without an error.
    public var errorOverBound: Double? { errors.map { $0.normwiseRelative / bound } }
}

extension CandidateRecord {
    /// The record of a result computed elsewhere (`harness check`): judged, with nothing known of how it
    /// was made (no choice, no operations, no time).
    public init(judging name: String, precision: Precision, _ j: ResultJudgement) {
        self.init(candidate: name, precision: precision, outcome: j.outcome, message: j.message, choice: nil,
                  errors: j.errors, bound: j.yardstick.bound, boundKappa: j.yardstick.kappa,
                  boundBasis: j.yardstick.basis, verdict: j.verdict, seconds: .nan, productSeconds: .nan)
    }

    /// Takes the bound, κ and basis of `y`.
    mutating func apply(_ y: Yardstick) {
        (bound, boundKappa, boundBasis) = (y.bound, y.kappa, y.basis)
    }

    /// Takes the outcome, errors, bound and verdict of `j`.
    mutating func apply(_ j: ResultJudgement) {
        apply(j.yardstick)
        (outcome, message, errors, verdict) = (j.outcome, j.message, j.errors, j.verdict)
    }
}

