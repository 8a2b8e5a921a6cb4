import CMPFR
import Dispatch
import Foundation
import Linalg

/// The relative condition number of the matrix exponential in the 1-norm,
///
///     κ_exp(A) = ‖L(A)‖₁ · ‖A‖₁ / ‖exp(A)‖₁,
///
/// where L(A) is the Fréchet derivative of exp at A, E ↦ L(A, E).
///
/// Which norm: ‖L(A)‖₁ is the 1-norm of its Kronecker matrix K(A) (n²×n², vec(L(A, E)) = K(A)·vec(E)),
/// i.e. the operator norm of E ↦ L(A, E) when an n×n matrix is measured by the 1-norm of its vec,
/// Σ_ij |e_ij|. Since the vec-1-norm's unit ball has the basis matrices E_ij = e_i e_jᵀ as extreme points,
/// ‖K(A)‖₁ = max_ij Σ_kl |L(A, E_ij)_kl|. This is the convention of Higham, "Functions of Matrices" (2008),
/// §3.4 (where it is shown to be within a factor n of the operator norm induced by the matrix 1-norm), and
/// of Al-Mohy & Higham, SIAM J. Matrix Anal. Appl. 30(4):1639–1657, 2009, who estimate it with the block
/// 1-norm estimator. ‖A‖₁ and ‖exp(A)‖₁ are ordinary matrix 1-norms (largest column sum).
///
/// `exact` (here) computes ‖K(A)‖₁ column by column in MPFR; `estimate` (ExpConditionEstimate.swift) is the
/// Double block 1-norm estimate for larger n, on its own exponential (`EstimatorExp`).
public enum ExpCondition {
    /// Largest order `exact` accepts: n² block exponentials of order 2n are computed.
    public static let exactMaxOrder = 16

    /// κ_exp(A) in the 1-norm (see the type's documentation), from the exact Kronecker matrix.
    ///
    /// Column (i, j) of K(A) is vec(L(A, E_ij)), read off the top-right block of
    /// exp([[A, E_ij], [0, A]]) = [[exp(A), L(A, E_ij)], [0, exp(A)]] (Higham 2008, Thm. 3.6 / (3.16)),
    /// computed by `TaylorReference.exponential` at `bits` bits. The block matrix holds Doubles exactly
    /// (E_ij has a single entry 1). The top-left block gives exp(A), so no extra exponential is needed.
    /// Each column sum is divided by ‖exp(A)‖₁ in MPFR before rounding to Double, so κ is finite even when
    /// exp(A) or L(A) is beyond Double's range.
    ///
    /// Accuracy: the block exponentials are accurate to about 2^-bits relative to ‖exp(block)‖, magnified by
    /// the conditioning of exp at the block matrix and by the squarings; at the default 128 bits that leaves
    /// far more than the few digits κ is wanted to (the result is rounded to Double, relative error a few
    /// units of 2^-53 for well-behaved A). Sums of magnitudes are formed at 64 bits (relative error
    /// ≤ n²·2^-64).
    ///
    /// Special cases: any non-finite entry → NaN; 0×0 → 0 (the empty operator has norm 0, and 0·0/1 = 0);
    /// 1×1 gives |a| up to rounding (L(a, e) = e^a·e, so κ = e^a·|a|/e^a).
    /// Columns run concurrently (GCD); MPFR must be thread-safe, as for the references themselves.
    /// Precondition: A square, n ≤ `exactMaxOrder`.
    public static func exact(_ a: Matrix<Double>, bits: Int = 128) -> Double {
        precondition(a.isSquare, "κ_exp needs a square matrix, got \(a.rows)×\(a.cols)")
        let n = a.rows
        precondition(n <= exactMaxOrder, "exact κ_exp is for n ≤ \(exactMaxOrder), got \(n)")
        guard a.isFinite else { return .nan }
        if n == 0 { return 0 }
        let normA = MPMatrix(a, precision: 53).norm1  // 64-bit sums, rounded to nearest
        let ratios = derivativeColumnRatios(a, bits: bits)
        if ratios.contains(where: \.isNaN) { return .nan }
        return ratios.max()! * normA
    }

    /// ‖vec(L(A, E_ij))‖₁ / ‖exp(A)‖₁ for every basis matrix E_ij, indexed i + j·n (the vec order).
    static func derivativeColumnRatios(_ a: Matrix<Double>, bits: Int) -> [Double] {
        let n = a.rows
        var block = Matrix<Double>(rows: 2 * n, cols: 2 * n)
        for j in 0..<n {
            for i in 0..<n {
                block[i, j] = a[i, j]
                block[n + i, n + j] = a[i, j]
            }
        }
        // One plan for all columns, from the largest block norm: ‖[[A, E_ij], [0, A]]‖₁ ≤ ‖A‖₁ + 1.
        var widest = block
        for i in 0..<n { widest[i, n] = 1 }
        let plan = TaylorReference.plan(for: widest, bits: bits)

        let count = n * n
        let results = Slots(count: count)
        let work = { @Sendable [block] (index: Int) in
            let i = index % n, j = index / n
            var b = block
            b[i, n + j] = 1
            let x = TaylorReference.exponential(b, bits: bits, plan: plan)
            results.set(index, ratio(x, order: n))
        }
        if TaylorReference.isThreadSafe {
            DispatchQueue.concurrentPerform(iterations: count, execute: work)
        } else {
            for index in 0..<count { work(index) }
        }
        return results.values
    }

    /// One Double per task, written by that task only and read after all have finished.
    private final class Slots: @unchecked Sendable {
        private var storage: [Double]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: .nan, count: count) }
        func set(_ k: Int, _ x: Double) { lock.withLock { storage[k] = x } }
        var values: [Double] { lock.withLock { storage } }
    }

    /// (Σ over the top-right n×n block of |x_kl|) / ‖top-left n×n block‖₁, formed at 64 bits and rounded
    /// to Double.
    private static func ratio(_ x: MPMatrix, order n: Int) -> Double {
        let sum = MPFloat(precision: 64), column = MPFloat(precision: 64), best = MPFloat(precision: 64)
        let magnitude = MPFloat(precision: x.precision)
        return withExtendedLifetime((sum, column, best, magnitude)) {
            for l in 0..<n {
                for k in 0..<n {
                    mpfr_abs(magnitude.value, x.entry(k, n + l), MPFR_RNDN)
                    mpfr_add(sum.value, sum.value, magnitude.value, MPFR_RNDN)
                }
            }
            for l in 0..<n {
                mpfr_set_zero(column.value, 1)
                for k in 0..<n {
                    mpfr_abs(magnitude.value, x.entry(k, l), MPFR_RNDN)
                    mpfr_add(column.value, column.value, magnitude.value, MPFR_RNDN)
                }
                mpfr_max(best.value, best.value, column.value, MPFR_RNDN)
            }
            return (sum / best).double
        }
    }
}
