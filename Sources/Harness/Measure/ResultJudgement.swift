import Candidates
import Certification
import Linalg

/// The bound c·max(1, κ)·u a result for `input` in `precision` is held to, with the κ it uses and where
/// that κ comes from (see `Verdict`, `BoundBasis`).
public struct Yardstick: Sendable {
    public var bound: Double
    public var kappa: Double
    public var basis: BoundBasis

    /// `reference` is the certified exp of `input` (A as the precision holds it), whose evidence carries κ.
    public init(precision: Precision, input: Matrix<Double>, reference: CertifiedReference) {
        (kappa, basis) = BoundBasis.choose(kappa: reference.evidence.kappa, exact: reference.evidence.kappaExact,
                                           inputNorm1: input.norm1)
        bound = Verdict.bound(unitRoundoff: precision.unitRoundoff, kappa: kappa)
    }
}

/// How one computed exp(A) compares with the certified reference: whether it is an answer at all
/// (finite where exp(A) is finite, ±Inf where it overflows the precision), its errors, the bound
/// c·max(1, κ)·u it is held to and the verdict. The one rule for the runner and for `harness check`.
public struct ResultJudgement: Sendable {
    public var outcome: Outcome
    /// Why the result is not an answer, when it is not.
    public var message: String?
    /// nil unless outcome is ok.
    public var errors: ErrorMetrics?
    public var yardstick: Yardstick
    public var verdict: Verdict

    /// Judges `x` (n×n, the shape of the reference), computed in `precision` from `input` (A as that
    /// precision holds it), against `reference`, the certified exp of `input`.
    public init(_ x: Matrix<Double>, precision: Precision, input: Matrix<Double>, reference: CertifiedReference) {
        precondition(x.rows == reference.reference.hi.rows && x.cols == reference.reference.hi.cols,
                     "the result must have the reference's shape")
        yardstick = Yardstick(precision: precision, input: input, reference: reference)
        let range = ExpectedRange(reference.reference.hi, precision: precision)
        if let problem = range.check(x) {
            (outcome, message) = (.nonFinite, problem)
        } else {
            outcome = .ok
            errors = ErrorMetrics(x: x, hi: reference.reference.hi, lo: reference.reference.lo,
                                  skip: range.overflows, tiny: range.tiny)
        }
        verdict = Verdict.judge(outcome: outcome, error: errors?.normwiseRelative, bound: yardstick.bound,
                                referenceCertified: reference.record.certified)
    }
}
