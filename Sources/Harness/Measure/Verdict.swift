import Candidates

/// The pass/fail rule: forward stability measured against the conditioning of the problem.
///
/// A result passes when its normwise relative error (1-norm) is at most c·max(1, κ_exp(A))·u, with u
/// the unit roundoff of the candidate's precision and
/// κ_exp(A) = ‖L(A)‖₁·‖A‖₁/‖e^A‖₁ the relative condition number of exp at the input (L the Fréchet
/// derivative; see `ExpCondition`).
///
/// Why this shape: an algorithm that is backward stable (it returns e^(A+ΔA) with ‖ΔA‖₁ ≤ O(u)·‖A‖₁)
/// has, to first order, a relative forward error of at most κ_exp(A)·O(u); an error within a modest
/// multiple of κ·u is what the problem itself allows (Higham, *Functions of Matrices*, 2008, §3.1 and
/// §10.3, where expm algorithms are judged by plotting error against κ_exp·u). The floor max(1, κ):
/// storing e^A in the target precision alone costs a relative error of order u, however small κ is
/// (κ → 0 as A → 0).
///
/// Why c = 50: the algorithms here perform at most ~40 products, solves and squarings on the suites'
/// inputs, and each can add a relative perturbation of order u (gemm's bound grows like n·u, in
/// practice like √n·u); above `Witnesses.kappaExactMaxOrder` κ is an estimate that can fall short of the true value by a factor
/// of up to ~3 (block 1-norm estimator, Higham & Tisseur 2000). Tens of u times κ is the honest budget;
/// a genuine defect, such as a wrong coefficient, shows up thousands of times above it. The constant
/// was fixed before any κ-scaled error was looked at (it is the constant of the harness's first,
/// ‖A‖₁-based rule), so it was not tuned to the results; measured afterwards on the full suite, the
/// published algorithms' largest error on tame families is 6.5 κu, a margin of 7.7 below c. An error above the bound on a non-normal matrix is a finding about the algorithm (the
/// squaring phase of scaling and squaring is not forward stable in general, Higham 2008 §10.3), not
/// something this rule excuses.
///
/// No cap: where c·κ·u ≥ 1/2 the problem itself allows an answer without a correct leading digit in
/// this precision, and such an answer is not the algorithm's fault ("wrong results" that are really
/// ill-conditioning); an error far beyond even that (e.g. 10^17 relative, as overscaling produces) still
/// fails. The report counts results that pass only because conditioning allows no correct digit.
///
/// When κ is unavailable (exp(A) overflows Double, or the estimator failed), the rule falls back to
/// ‖A‖₁ in place of κ, which is κ_exp's size for normal matrices; the record says which basis it used.
public enum Verdict: String, Codable, Sendable {
    case pass
    case fail
    /// The reference is not certified to the target digits, so the case is not judged.
    case excluded

    /// The constant c of the bound.
    public static let boundConstant = 50.0

    /// c·max(1, κ)·u.
    public static func bound(unitRoundoff u: Double, kappa: Double) -> Double {
        boundConstant * max(1, kappa) * u
    }

    /// The verdict on one result: excluded when the reference is not certified; else pass exactly when
    /// the call returned a finite answer (`outcome` ok, so `error` is measured) whose normwise relative
    /// error is at most `bound`; fail otherwise (a non-finite answer, a throw, or a larger error).
    public static func judge(outcome: Outcome, error: Double?, bound: Double, referenceCertified: Bool) -> Verdict {
        guard referenceCertified else { return .excluded }
        guard outcome == .ok, let error else { return .fail }
        return error <= bound ? .pass : .fail
    }

    /// A relative error at which no leading digit is correct. A result that passes with an error this
    /// large does so only because its bound c·max(1, κ)·u is at least as large: the problem allows no
    /// correct digit in that precision. The report counts such passes.
    public static let noCorrectDigit = 0.5
}

/// Where the κ in a result's bound comes from.
public enum BoundBasis: String, Codable, Sendable {
    /// κ_exp from the Kronecker form of L(A) in MPFR.
    case kappaExact = "κ exact"
    /// κ_exp from the block 1-norm estimate of ‖L(A)‖₁ (a lower bound, usually within a factor 3).
    case kappaEstimate = "κ estimate"
    /// ‖A‖₁ in place of κ, because κ is unavailable (e^A beyond Double's range, estimator failure).
    case normSurrogate = "‖A‖₁ (no κ)"

    /// The κ to use for a case and the basis: the evidence's κ when finite, else ‖A‖₁.
    public static func choose(kappa: Double?, exact: Bool?, inputNorm1: Double) -> (kappa: Double, basis: BoundBasis) {
        if let kappa, kappa.isFinite, kappa >= 0 { return (kappa, exact == true ? .kappaExact : .kappaEstimate) }
        return (inputNorm1, .normSurrogate)
    }
}
