import Foundation
import Linalg

/// The Double estimate of κ_exp(A) for orders too large for `ExpCondition.exact`, and the choice between
/// the two. Every exponential it evaluates is `EstimatorExp`'s, never a candidate's: a bug in a candidate
/// must not move the bound that candidate is judged by.
extension ExpCondition {
    /// What `estimate` and `kappa` (above `exactMaxOrder`) compute, as reports and the evidence cache key state it.
    public static let estimator = "Normest1 (t = 2) of ‖L(A)‖₁, L(A, E) from exp([[A, E], [0, A]]) in block form by "
        + EstimatorExp.method

    /// L(A, E), the Fréchet derivative of exp at A in direction E, in Double: the top-right block of
    /// exp([[A, E′], [0, A]]) by `EstimatorExp` (in block form, `UpperBlockPair`: 3 n×n products per
    /// product of the 2n×2n matrix), with E′ = 2^k·E and the result divided by 2^k
    /// (exact, since L is linear in E and the factor is a power of two). k makes ‖E′‖₁ about ‖A‖₁ (or 1
    /// when A = 0), so E neither drives the scaling parameter up (large E) nor drowns in the rounding of
    /// exp(A) (tiny E). Accuracy: that of the block exponential, i.e. roughly
    /// u·‖exp(block)‖₁ / ‖L(A, E′)‖₁ relative, amplified by the conditioning of exp at the block — ample
    /// for a norm estimate. NaN when the exponential overflows.
    static func frechetDerivative(_ a: Matrix<Double>, _ e: Matrix<Double>, normA: Double) -> Matrix<Double> {
        let n = a.rows
        let normE = e.norm1
        if normE == 0 { return Matrix(rows: n, cols: n) }
        let target = normA > 0 ? normA : 1
        let k = Int((Foundation.log2(target) - Foundation.log2(normE)).rounded())
        let up = Foundation.scalbn(1.0, k), down = Foundation.scalbn(1.0, -k)
        let block = UpperBlockPair(x: a, y: e.mapEntries { up * $0 })
        guard let x = EstimatorExp.exp(block) else {
            return Matrix(rows: n, cols: n, elements: Array(repeating: .nan, count: n * n))
        }
        return x.y.mapEntries { down * $0 }
    }

    /// An estimate of ‖K(A)‖₁, the Kronecker-form 1-norm of L(A) (see `ExpCondition`), by `Normest1`
    /// (t = 2) on the n²-dimensional operator vec(E) ↦ vec(L(A, E)) and its transpose
    /// vec(E) ↦ vec(L(Aᵀ, E)) (for real A, K(A)ᵀ = K(Aᵀ): L(Aᵀ, ·) is the adjoint of L(A, ·) for the trace
    /// inner product). Each column of an n²×t block is reshaped column-major to an n×n E. A lower bound of
    /// ‖K(A)‖₁ up to the evaluation error of L; Normest1 is almost always within a factor 3 (Higham &
    /// Tisseur 2000; Al-Mohy & Higham 2009). For n² ≤ t it is computed exactly from K(A)·I.
    public static func estimateDerivativeNorm1(_ a: Matrix<Double>) -> Double {
        precondition(a.isSquare, "κ_exp needs a square matrix, got \(a.rows)×\(a.cols)")
        let n = a.rows
        guard a.isFinite else { return .nan }
        if n == 0 { return 0 }
        let at = Normest1.transpose(a)
        let normA = a.norm1
        func applying(_ m: Matrix<Double>) -> (Matrix<Double>) -> Matrix<Double> {
            { x in
                var y = Matrix<Double>(rows: x.rows, cols: x.cols)
                for c in 0..<x.cols {
                    let e = Matrix(rows: n, cols: n, elements: Array(x.elements[(c * n * n)..<((c + 1) * n * n)]))
                    let l = frechetDerivative(m, e, normA: normA)
                    y.elements.replaceSubrange((c * n * n)..<((c + 1) * n * n), with: l.elements)
                }
                return y
            }
        }
        return Normest1.estimate(order: n * n, apply: applying(a), applyTransposed: applying(at)).estimate
    }

    /// κ_exp(A) = est‖K(A)‖₁·‖A‖₁/‖exp(A)‖₁ with the estimate of `estimateDerivativeNorm1`, and exp(A) by
    /// `EstimatorExp`. Non-finite input → NaN; 0×0 → 0; +Inf or NaN when exp(A) or L(A)
    /// overflows Double.
    public static func estimate(_ a: Matrix<Double>) -> Double {
        precondition(a.isSquare, "κ_exp needs a square matrix, got \(a.rows)×\(a.cols)")
        guard a.isFinite else { return .nan }
        if a.rows == 0 { return 0 }
        guard let x = EstimatorExp.exp(a) else { return .nan }
        return estimateDerivativeNorm1(a) * a.norm1 / x.norm1
    }

    /// κ_exp(A): `exact` (MPFR, 128 bits) when n ≤ `exactMaxOrder`, else the estimate with the caller's
    /// ‖exp(A)‖₁ (typically from the reference, saving an expm). On the exact path `expNorm1` is not used:
    /// that path gets exp(A) from its own block exponentials and divides in MPFR.
    public static func kappa(_ a: Matrix<Double>, expNorm1: Double) -> (value: Double, exact: Bool) {
        precondition(a.isSquare, "κ_exp needs a square matrix, got \(a.rows)×\(a.cols)")
        if a.rows <= exactMaxOrder { return (exact(a), true) }
        guard a.isFinite else { return (.nan, false) }
        return (estimateDerivativeNorm1(a) * a.norm1 / expNorm1, false)
    }
}
