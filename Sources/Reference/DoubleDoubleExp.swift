import Foundation
import Linalg

/// exp(A) in double-double arithmetic, fast: scaling and squaring of a Taylor polynomial whose
/// matrix products are Ozaki products (`OzakiProduct`, Double gemm through OpenBLAS).
///
/// Plan: s is the least integer with ‖A‖₁/2^s ≤ θ (θ = `theta`), X = A/2^s (exact), and the
/// degree m and Paterson–Stockmeyer block q come from `TaylorPlan` at 100 bits with that s: the
/// neglected series tail is ≤ 2^-110·e^-‖X‖₁, i.e. ≤ 2^-110 relative to exp(X) (see `TaylorPlan`).
/// T_m(X) is evaluated by Paterson–Stockmeyer with coefficients 1/k! rounded to double-double,
/// then squared s times. Every matrix operation is double-double: products are accurate to about
/// 2^-104 relative to |X|·|Y| (see `OzakiProduct`), additions to 2^-105.
///
/// Accuracy (normwise, 1-norm, relative to exp(A)): rounding in the polynomial is ≈ e^{2θ}·2^-104
/// relative (the sum of the terms' norms against the norm of the result), and each squaring at
/// most doubles a relative error when exp(X·2^i) is well conditioned, so for normal or mildly
/// non-normal A expect at worst ≈ 2^(s+3)·2^-104; for strongly non-normal A the squarings can
/// magnify it further (by ‖E‖²/‖E²‖ per squaring, E = exp(X·2^i)). Measured against the MPFR
/// reference (`DoubleDoubleTests`): 29.4 to 32 digits on random, skew-symmetric, triangular and
/// non-normal matrices up to n = 128 with s ≤ 10; at n = 1024 (N(0,1) entries, s = 10) runs with
/// s and s + 1 agree to 29.5 digits. Entries below ≈ 2^-969 keep fewer digits (lo is subnormal).
///
/// Cost: (m-dependent ≈ 9) + s Ozaki products of 10 gemm-equivalents each. Measured on this
/// machine (2 cores, OpenBLAS): 0.13 s, 0.7 s, 5.3 s for N(0,1) matrices of order 256, 512, 1024.
/// Calls may run concurrently (each has its own workspace); they share OpenBLAS's threads.
///
/// Choice of θ = 1: with the truncation requirement of `TaylorPlan` at 100 bits, θ = 1/2 and 1
/// need the same number of products (8 + s against 9 + (s − 1)) and θ = 2 one more
/// (11 + (s − 2)); θ = 1 saves one squaring against 1/2 (halving the squarings' magnification)
/// for a cancellation factor e^2 instead of e in the polynomial, and a larger θ makes that factor
/// grow faster than the squarings shrink.
public enum DoubleDoubleExp {
    /// θ: the scaled matrix has ‖A/2^s‖₁ ≤ θ.
    public static let theta = 1.0

    /// One run's value and what it cost.
    public struct Result: Sendable {
        /// exp(A) as hi + lo, normalised.
        public var value: DDMatrix
        /// s: A was divided by 2^s and the polynomial squared s times.
        public var scaling: Int
        /// m: Taylor degree (0 for the zero matrix and for n = 0).
        public var degree: Int
        /// Double-double (Ozaki) products made: Paterson–Stockmeyer plus squarings.
        public var products: Int
        /// gemm calls inside those products and their multiply-adds.
        public var statistics: OzakiProduct.Statistics
        /// Wall time of the whole run.
        public var seconds: Double
    }

    /// exp(a) for a square Double matrix as hi + lo (see the type's documentation for accuracy),
    /// with the scaling s and degree m used and the wall time.
    ///
    /// n = 0 gives empty matrices. The zero matrix gives the identity (s = m = 0). Input with a
    /// NaN or ±Inf entry gives all-NaN hi and lo (s = m = 0). If exp(A) or an intermediate power
    /// leaves Double's range (‖A‖ beyond ≈ 700), entries become Inf/NaN.
    public static func compute(_ a: Matrix<Double>)
        -> (hi: Matrix<Double>, lo: Matrix<Double>, scaling: Int, degree: Int, seconds: Double)
    {
        let r = evaluate(a)
        return (r.value.hi, r.value.lo, r.scaling, r.degree, r.seconds)
    }

    /// As `compute`, with the cost of the run. `extraScalings` > 0 adds that many squarings to the
    /// plan's (the degree follows the smaller norm): a second run with different rounding and
    /// truncation, for a self-check.
    public static func evaluate(_ a: Matrix<Double>, extraScalings: Int = 0) -> Result {
        precondition(extraScalings >= 0, "extraScalings must be non-negative")
        precondition(a.isSquare, "exp needs a square matrix, got \(a.rows)×\(a.cols)")
        let clock = ContinuousClock()
        let start = clock.now
        let n = a.rows
        func result(_ value: DDMatrix, _ s: Int, _ m: Int, _ products: Int,
                    _ stats: OzakiProduct.Statistics) -> Result {
            Result(value: value, scaling: s, degree: m, products: products, statistics: stats,
                   seconds: start.duration(to: clock.now).inSeconds)
        }
        guard a.isFinite else {
            let nan = Matrix<Double>(rows: n, cols: n, elements: Array(repeating: .nan, count: n * n))
            return result(DDMatrix(hi: nan, lo: nan), 0, 0, 0, OzakiProduct.Statistics())
        }
        // An upper bound of ‖A‖₁: the Double column sums have relative error ≤ n·2^-53.
        let norm = a.norm1 * (1 + Double(n + 1) * 0x1p-52)
        if norm == 0 { return result(DDMatrix.identity(n), 0, 0, 0, OzakiProduct.Statistics()) }
        var s = 0
        while Foundation.scalbn(norm, -s) > theta { s += 1 }
        s += extraScalings
        let plan = TaylorPlan(norm1Bound: norm, bits: 100, scaling: s)
        let x = DDMatrix(a.mapEntries { Foundation.scalbn($0, -s) })

        var statistics = OzakiProduct.Statistics()
        var products = 0
        let workspace = OzakiProduct.Workspace()
        func multiply(_ u: DDMatrix, _ v: DDMatrix) -> DDMatrix {
            products += 1
            return OzakiProduct.multiply(u, v, plan: nil, workspace: workspace, statistics: &statistics)
        }
        var e = taylorPolynomial(x, degree: plan.degree, blockSize: plan.blockSize, multiply: multiply)
        for _ in 0..<s { e = multiply(e, e) }
        return result(e, s, plan.degree, products, statistics)
    }

    /// T_m(X) = Σ_{k≤m} X^k/k! by Paterson–Stockmeyer with block size q (as in
    /// `TaylorReference.taylorPolynomial`): powers X, …, X^q, then Horner in X^q over blocks of q
    /// coefficients, the top block being the scalar 1/m! when q divides m.
    static func taylorPolynomial(_ x: DDMatrix, degree m: Int, blockSize q: Int,
                                 multiply: (DDMatrix, DDMatrix) -> DDMatrix) -> DDMatrix {
        let n = x.rows
        if m == 0 { return DDMatrix.identity(n) }
        precondition(q >= 1 && q <= m, "block size must be in 1...degree")
        // 1/k! correctly rounded at 160 bits, then split into hi + lo (relative error ≤ 2^-106).
        let coefficient = (0...m).map { MPFloat.reciprocalFactorial($0, precision: 160).hiLo }
        var powers = [x]  // powers[i - 1] = X^i
        for _ in 1..<q { powers.append(multiply(x, powers[powers.count - 1])) }
        func addBlock(_ j: Int, to y: inout DDMatrix) {
            for i in 0..<q where j * q + i <= m {
                if i == 0 { y.addIdentity(times: coefficient[j * q]) }
                else { y.add(powers[i - 1], times: coefficient[j * q + i]) }
            }
        }
        var y = DDMatrix(rows: n, cols: n)
        let top = m % q == 0 ? m / q - 1 : m / q
        if m % q == 0 { y.add(powers[q - 1], times: coefficient[m]) }
        addBlock(top, to: &y)
        for j in stride(from: top - 1, through: 0, by: -1) {
            y = multiply(y, powers[q - 1])
            addBlock(j, to: &y)
        }
        return y
    }
}
