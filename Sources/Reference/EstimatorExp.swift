import Foundation
import Linalg

/// The Double exponential that the κ_exp estimate (`ExpCondition.estimate`) evaluates, kept on the
/// reference side so that no candidate under test moves the yardstick it is judged by.
///
/// Deliberately plain and distinct from every candidate: scale A by 2^-s so that ‖A/2^s‖₁ ≤ 1/2, sum
/// the truncated Taylor series of degree 16 by Paterson–Stockmeyer in powers of X⁴ (6 products), and
/// square s times. It shares only the BLAS product with the candidates, not their series, degree or
/// scaling code, and it chooses nothing by a θ table.
///
/// Accuracy. With ‖X‖₁ ≤ 1/2 the truncation error is at most Σ_{k≥17} 2^-k/k! < 2.2·10⁻²⁰ (absolute,
/// against ‖e^X‖₁ ≥ e^-1/2 ≈ 0.61), far below Double's u = 2^-53 ≈ 1.1·10⁻¹⁶; the coefficients 1/k! are
/// formed by successive divisions, 1/k! with at most k roundings of u (Taylor's theorem for e^x; the
/// scheme is Paterson & Stockmeyer, SIAM J. Comput. 2(1):60–66, 1973). Rounding in the evaluation and the
/// squarings gives the usual scaling-and-squaring forward error, of order u·κ_exp-like growth on
/// non-normal inputs (Higham, *Functions of Matrices*, 2008, §10.3), which is ample for a norm estimate
/// that only needs a few correct digits.
public enum EstimatorExp {
    /// Name and version, part of the evidence cache key and stated in reports.
    public static let method = "EstimatorExp v1 (Taylor degree 16 by Paterson–Stockmeyer after scaling to ‖A/2^s‖₁ ≤ 1/2, in Double; no candidate's code)"

    /// Degree of the truncated series.
    static let degree = 16
    /// ‖A/2^s‖₁ is brought to at most this.
    static let scaledNorm = 0.5

    /// e^A in Double, or nil when A is not square and finite or the result is not finite (overflow).
    public static func exp(_ a: Matrix<Double>) -> Matrix<Double>? {
        guard a.isSquare, a.isFinite else { return nil }
        let n = a.rows
        if n == 0 { return a }
        let s = scalingExponent(a.norm1)
        let x = a.mapEntries { Foundation.scalbn($0, -s) }
        var e = series(x)
        for _ in 0..<s { e = e * e }
        return e.isFinite ? e : nil
    }

    /// exp([[A, E], [0, A]]) in its block form (see `UpperBlockPair`): the same scaling (from the 2n×2n
    /// matrix's 1-norm), series and squarings as `exp` of the dense block matrix, at 3/8 of its cost.
    /// nil when the input is not finite or the result overflows.
    public static func exp(_ b: UpperBlockPair) -> UpperBlockPair? {
        guard b.isFinite else { return nil }
        if b.x.rows == 0 { return b }
        let s = scalingExponent(b.norm1)
        let scaled = UpperBlockPair(x: b.x.mapEntries { Foundation.scalbn($0, -s) },
                                    y: b.y.mapEntries { Foundation.scalbn($0, -s) })
        var e = series(scaled)
        for _ in 0..<s { e = e * e }
        return e.isFinite ? e : nil
    }

    /// Smallest s ≥ 0 with ‖A‖₁·2^-s ≤ 1/2.
    static func scalingExponent(_ norm: Double) -> Int {
        guard norm > scaledNorm else { return 0 }
        var s = Int(Foundation.log2(norm / scaledNorm).rounded(.up))
        while Foundation.scalbn(norm, -s) > scaledNorm { s += 1 }
        while s > 0 && Foundation.scalbn(norm, -(s - 1)) <= scaledNorm { s -= 1 }
        return s
    }

    /// Σ_{k=0}^{16} X^k/k! as B₀ + X⁴(B₁ + X⁴(B₂ + X⁴(B₃ + X⁴·c₁₆))), B_j = Σ_{i<4} c_{4j+i}·X^i.
    static func series<M: SchemeAlgebra>(_ x: M) -> M where M.Coefficient == Double {
        let c = coefficients
        let x2 = x * x, x3 = x2 * x, x4 = x3 * x
        let powers = [x.one, x, x2, x3]
        func block(_ j: Int) -> M {
            var b = c[4 * j] * powers[0]
            for i in 1..<4 { b = b + c[4 * j + i] * powers[i] }
            return b
        }
        var p = block(3) + c[16] * x4
        for j in stride(from: 2, through: 0, by: -1) { p = block(j) + x4 * p }
        return p
    }

    /// 1/k! for k = 0 … 16, each from the previous by one division.
    static let coefficients: [Double] = {
        var c = [1.0]
        for k in 1...degree { c.append(c[k - 1] / Double(k)) }
        return c
    }()
}
