/// The interim pass/fail rule (to be replaced by the condition-number yardstick of issue #5).
///
/// A result passes when its normwise relative error is at most c·u·max(1, ‖A‖₁), with u the unit
/// roundoff of the candidate's precision and ‖A‖₁ the 1-norm of its input.
///
/// Why this shape: the relative condition number of exp at a normal matrix is of order ‖A‖
/// (for skew-symmetric A it is about ‖A‖₂), so a forward-stable algorithm's error is of order
/// u·max(1, ‖A‖). Why c = 50: the algorithms here make at most ~40 products, solves and
/// squarings in these suites; each adds a normwise relative error of order u (gemm's bound grows
/// like n·u, in practice like √n·u), so tens of u is the honest budget. A genuine defect, such as a
/// wrong coefficient, shows up thousands of times above it. The bound ignores non-normality: a
/// failure on an `illcond` case can be the problem's conditioning rather than the algorithm,
/// which the κ-based yardstick will tell apart. The bound is capped at 1/2: a result whose relative
/// error is of order one has no correct leading digit and never passes, however large ‖A‖₁ is.
public enum Verdict: String, Codable, Sendable {
    case pass
    case fail
    /// The reference is not certified to the target digits, so the case is not judged.
    case excluded

    /// The constant c of the bound.
    public static let boundConstant = 50.0

    /// The largest bound: relative error 1/2 means no correct leading digit.
    public static let boundCap = 0.5

    /// min(c·u·max(1, ‖A‖₁), 1/2).
    public static func bound(unitRoundoff u: Double, inputNorm1: Double) -> Double {
        min(boundConstant * u * max(1, inputNorm1), boundCap)
    }
}
