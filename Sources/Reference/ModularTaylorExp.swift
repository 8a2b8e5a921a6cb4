import Foundation
import Linalg

/// exp(A) in double-double as an independent witness: scaling and squaring of a Taylor
/// polynomial evaluated by Horner's rule, every matrix product exact-integer modular
/// (`ModularProduct`). Shares no code with `DoubleDoubleExp` (different θ, degree rule,
/// evaluation scheme, coefficients and product kernel).
///
/// ## Method
/// * Scaling: η = an upper bound of ‖A‖₁ (the Double column sums times 1 + (n+1)·2^-52);
///   s = the least s ≥ 0 with η/2^s ≤ θ = 1/8; X = A/2^s (exact, barring underflow of entries
///   below 2^-1022+s).
/// * Degree: the least m with η_X^{m+1}/(m+1)!·1/(1 − η_X/(m+2)) ≤ 2^-112·e^{-η_X}
///   (`degree(normBound:)`), η_X = η/2^s: the neglected tail Σ_{j>m} X^j/j! has 1-norm at most the
///   left side, and ‖exp(X)‖₁ ≥ 1/‖exp(−X)‖₁ ≥ e^{-‖X‖₁}, so truncation is ≤ 2^-112 relative.
///   m = 18 at η_X = 1/8, 16 at η_X = 1/16 (the range of η_X whenever s > 0).
/// * Horner in X with coefficients c_j = 1/j! in double-double (`reciprocalFactorials`):
///   Y = c_m·X + c_{m−1}·I (no product needed), then Y ← Y·X + c_j·I for j = m−2, …, 0
///   (m − 1 products), then s squarings Y ← Y·Y.
///
/// ## Accuracy (1-norm, relative to exp(A))
/// Each product is accurate entrywise to 2^-106·(1 + 2^-19)·|C_ij| plus 2^-k·n·2^{e_i+f_j}
/// (k ≥ 108, see `ModularProduct`), each addition of c_j·I to ≈ 3·2^-106 of the operands, the
/// coefficients to 3j·2^-106 relative. With ‖X‖₁ ≤ 1/8 every Horner iterate has norm between
/// ≈ 1 − 1/8 and e^{1/8}, so the polynomial is good to about (m + 2)·2^-105 relative. Each squaring
/// at most doubles a relative error when exp(X·2^i) is well conditioned (and adds one product's
/// rounding), so expect at worst ≈ 2^s·(m + 4)·2^-105: about 2^-93 (28 digits) for s = 8 and
/// 2^-88 for s = 13, typically several digits better since rounding errors are random and the
/// doubling bound is attained only along the dominant eigen-direction. Strongly non-normal
/// matrices can magnify the squarings' errors further (by ‖E‖²/‖E²‖ per squaring). Entries below
/// ≈ 2^-969 keep fewer digits (lo is subnormal).
///
/// ## Cost
/// m − 1 + s modular products (N = 9…11 dgemm each): 15 + s to 17 + s when s > 0. Measured on this
/// machine (2 cores, OpenBLAS; `ModularWitnessBenchmark`), N(0,1) entries: 0.39 s at n = 256
/// (s = 11, 28 products), 1.9 s at n = 512, 12 s at n = 1024 (s = 13, 30 products); about 2.5×
/// the fast engine. Measured accuracy: 29.9, 30.2 and 31 digits against MPFR on random (n = 32),
/// skew-symmetric and nilpotent matrices, 27.8 on the non-normal 2×2 [[-1, 1e4], [0, -2]]
/// (s = 17); 29.4 digits of agreement with `DoubleDoubleExp` at n = 1024.
public enum ModularTaylorExp {
    /// θ: the scaled matrix has ‖A/2^s‖₁ ≤ θ.
    public static let theta = 0.125
    /// Truncation target: tail ≤ 2^-112·e^{-‖X‖₁}, i.e. ≤ 2^-112 relative to exp(X) (6 bits below
    /// the double-double unit 2^-106, so truncation is invisible next to rounding).
    public static let truncationTarget = 0x1p-112

    /// One run's value and what it cost.
    public struct Result: Sendable {
        /// exp(A) ≈ hi + lo, normalised.
        public var hi: Matrix<Double>
        public var lo: Matrix<Double>
        /// s: A was divided by 2^s and the polynomial squared s times.
        public var scaling: Int
        /// m: Taylor degree (0 for the zero matrix, n = 0 and non-finite input).
        public var degree: Int
        /// Modular products made (Horner plus squarings).
        public var products: Int
        /// Wall time of the whole run.
        public var seconds: Double
    }

    /// exp(a) for a square Double matrix (see the type's documentation for accuracy and cost).
    ///
    /// n = 0 gives empty matrices; the zero matrix the identity; any NaN or ±Inf entry all-NaN hi
    /// and lo; in all three s = m = 0 and no products. If exp(A) or an intermediate power leaves
    /// Double's range (‖A‖₁ beyond ≈ 700), entries become Inf/NaN.
    public static func compute(_ a: Matrix<Double>) -> Result {
        precondition(a.isSquare, "exp needs a square matrix, got \(a.rows)×\(a.cols)")
        let clock = ContinuousClock(), start = clock.now
        let n = a.rows
        func result(_ y: (hi: Matrix<Double>, lo: Matrix<Double>), _ s: Int, _ m: Int, _ products: Int) -> Result {
            Result(hi: y.hi, lo: y.lo, scaling: s, degree: m, products: products,
                   seconds: start.duration(to: clock.now).inSeconds)
        }
        let zero = Matrix<Double>(rows: n, cols: n)
        guard a.isFinite else {
            let nan = Matrix<Double>(rows: n, cols: n, elements: [Double](repeating: .nan, count: n * n))
            return result((nan, nan), 0, 0, 0)
        }
        // Upper bound of ‖A‖₁: each Double column sum of n terms errs by < n·2^-53 relative.
        let norm = a.norm1 * (1 + Double(n + 1) * 0x1p-52)
        if norm == 0 { return result((Matrix<Double>.identity(n), zero), 0, 0, 0) }
        var s = 0
        while Foundation.scalbn(norm, -s) > theta { s += 1 }
        let m = degree(normBound: Foundation.scalbn(norm, -s))
        let x = a.mapEntries { Foundation.scalbn($0, -s) }
        let c = reciprocalFactorials(upTo: m)

        let workspace = ModularProduct.Workspace()
        var products = 0
        func multiply(_ u: (hi: Matrix<Double>, lo: Matrix<Double>), _ v: (hi: Matrix<Double>, lo: Matrix<Double>))
            -> (hi: Matrix<Double>, lo: Matrix<Double>)
        {
            products += 1
            return ModularProduct.multiply(aHi: u.hi, aLo: u.lo, bHi: v.hi, bLo: v.lo, workspace: workspace)
        }
        var y = scaled(x, by: c[m])
        addToDiagonal(&y, c[m - 1])
        for j in stride(from: m - 2, through: 0, by: -1) {
            y = multiply(y, (x, zero))
            addToDiagonal(&y, c[j])
        }
        for _ in 0..<s { y = multiply(y, y) }
        return result(y, s, m, products)
    }

    /// The least degree m ≥ 1 with η^{m+1}/(m+1)!·1/(1 − η/(m+2)) ≤ 2^-112·e^{-η}, for a bound
    /// η ≤ θ of ‖X‖₁. The left side bounds Σ_{j>m} η^j/j! (ratio of consecutive terms
    /// ≤ η/(m+2)). Evaluated in Double: relative rounding ≤ (2m + 8)·2^-53, irrelevant against
    /// the ≥ 2^2 steps between consecutive degrees' bounds (η ≤ 1/8).
    public static func degree(normBound eta: Double) -> Int {
        precondition(eta > 0 && eta <= theta, "norm bound must lie in (0, θ]")
        let target = truncationTarget * Foundation.exp(-eta)
        var m = 1
        var term = eta * eta / 2  // η^{m+1}/(m+1)!
        while term / (1 - eta / Double(m + 2)) > target {
            m += 1
            term *= eta / Double(m + 1)
        }
        return m
    }

    /// c_j ≈ 1/j! in double-double for j = 0…m, by repeated double-double ÷ Double division
    /// c_j = c_{j−1}/j (`divide`, relative error ≤ 3u², u = 2^-53), so c_j has relative error
    /// ≤ (1 + 3u²)^j − 1 ≈ 3j·2^-106 (≤ 2^-99.9 for j ≤ 20); these errors contribute
    /// Σ 3j·u²·η^j/j! ≤ 3u²·η·e^η < 2^-107 relative to the polynomial for η ≤ 1/8.
    public static func reciprocalFactorials(upTo m: Int) -> [(hi: Double, lo: Double)] {
        var c: [(hi: Double, lo: Double)] = [(1, 0)]
        for j in stride(from: 1, through: m, by: 1) { c.append(divide(c[j - 1], by: Double(j))) }
        return c
    }

    /// (hi + lo)/y for a normalised double-double and a Double y ≠ 0: Algorithm DWDivFP3 of
    /// M. Joldes, J.-M. Muller, V. Popescu, "Tight and rigorous error bounds for basic building
    /// blocks of double-word arithmetic", ACM TOMS 44(2), 2017, with relative error ≤ 3u² there.
    static func divide(_ x: (hi: Double, lo: Double), by y: Double) -> (hi: Double, lo: Double) {
        let th = x.hi / y
        let (ph, pl) = twoProduct(th, y)
        let dh = x.hi - ph  // exact (Sterbenz)
        let d = (dh - pl) + x.lo
        let tl = d / y
        return fastTwoSum(th, tl)
    }

    // MARK: - Double-double matrix helpers (own code, column-major)

    /// c·X for a Double matrix X and a double-double c: per entry TwoProduct(c.hi, x) plus
    /// fl(c.lo·x), renormalised; relative error ≤ 3u² (the dropped and rounded low products).
    static func scaled(_ x: Matrix<Double>, by c: (hi: Double, lo: Double)) -> (hi: Matrix<Double>, lo: Matrix<Double>) {
        var hi = x.elements, lo = x.elements
        for e in hi.indices {
            let (p, q) = twoProduct(c.hi, x.elements[e])
            (hi[e], lo[e]) = fastTwoSum(p, q + c.lo * x.elements[e])
        }
        return (Matrix(rows: x.rows, cols: x.cols, elements: hi), Matrix(rows: x.rows, cols: x.cols, elements: lo))
    }

    /// Y ← Y + c·I in double-double: accurate addition (TwoSum of both parts, two
    /// renormalisations), error ≤ 3u²·(|y_ii| + |c|) to first order.
    static func addToDiagonal(_ y: inout (hi: Matrix<Double>, lo: Matrix<Double>), _ c: (hi: Double, lo: Double)) {
        for i in 0..<y.hi.rows {
            var (s, e) = twoSum(y.hi[i, i], c.hi)
            let (t, f) = twoSum(y.lo[i, i], c.lo)
            e += t
            (s, e) = fastTwoSum(s, e)
            e += f
            (y.hi[i, i], y.lo[i, i]) = fastTwoSum(s, e)
        }
    }

    // TwoSum and FastTwoSum are the witness's own, shared with its product (`ModularProduct`); neither
    // comes from the fast engine's `DDMatrix`.
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) { ModularProduct.twoSum(a, b) }

    @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) { ModularProduct.fastTwoSum(a, b) }

    /// p + err = a·b exactly (barring underflow), by one fused multiply-add.
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }
}
