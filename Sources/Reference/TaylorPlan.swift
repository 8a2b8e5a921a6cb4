import Foundation

/// The parameters of one scaling-and-squaring run, exp(A) ≈ T_m(A/2^s)^(2^s), where T_m is
/// the degree-m Taylor polynomial evaluated by Paterson–Stockmeyer with block size q.
///
/// Cost is counted in n×n matrix products (each n³ multiply-adds in MPFR); scaled additions
/// (n² work) are ignored.
///
/// ## Truncation bound
/// With B = A/2^s and b ≥ ‖B‖₁, the neglected tail of the series obeys
///
///     ‖Σ_{k>m} B^k/k!‖₁ ≤ Σ_{k>m} b^k/k! ≤ b^{m+1}/(m+1)! · 1/(1 − b/(m+2))   (b < m+2),
///
/// because (m+1)!/(m+1+j)! ≤ (m+2)^-j, which turns the tail into a geometric series. This is the
/// familiar remainder estimate for the matrix Taylor series (see Moler & Van Loan, "Nineteen
/// dubious ways to compute the exponential of a matrix, twenty-five years later", SIAM Review
/// 2003, §3; Higham, "Functions of Matrices", SIAM 2008, §10.3).
///
/// A plan for p-bit arithmetic requires that bound to be at most 2^-(p+10)·e^-b. Since
/// ‖exp(−B)‖₁ ≤ e^b and exp(B)·exp(−B) = I, that makes the tail R at most 2^-(p+10) relative
/// to exp(B). R commutes with B, so T_m(B) = exp(B)(I − E) with ‖E‖₁ ≤ e^b‖R‖₁ ≤ 2^-(p+10), and
/// after the squarings T_m(B)^(2^s) = exp(A)(I − E)^(2^s): truncation is magnified by the
/// squarings exactly as a single rounding of exp(B) would be, and starts 10 bits below one.
/// The test is done with logarithms in Double, so no quantity overflows.
public struct TaylorPlan: Equatable, Sendable {
    /// s: the input is divided by 2^s and the polynomial squared s times.
    public var scaling: Int
    /// m: Taylor degree.
    public var degree: Int
    /// q: Paterson–Stockmeyer block size (powers B², …, B^q are formed).
    public var blockSize: Int
    /// Matrix products of the whole run: Paterson–Stockmeyer products plus s squarings.
    public var products: Int

    /// The cheapest plan (fewest products; fewer squarings on ties) for `bits`-bit arithmetic
    /// and an input with ‖A‖₁ ≤ `norm1Bound`.
    public init(norm1Bound: Double, bits: Int) {
        self.init(log2Norm: Self.log2(norm1Bound), bits: bits)
    }

    /// The cheapest plan with the scaling fixed at `scaling`.
    public init(norm1Bound: Double, bits: Int, scaling: Int) {
        self.init(log2Norm: Self.log2(norm1Bound), bits: bits, scaling: scaling)
    }

    /// As `init(norm1Bound:bits:)`, from log2 of the norm bound (−∞ for the zero matrix).
    init(log2Norm: Double, bits: Int) {
        precondition(bits >= 1, "precision must be positive")
        precondition(log2Norm < 0x1p20, "norm bound out of range")
        // Scalings with b > 2^30 would need a degree above 2^30: never competitive.
        let ceilLog2 = log2Norm == -.infinity ? 0 : Int(log2Norm.rounded(.up))
        var s = max(0, ceilLog2 - 30)
        var best = TaylorPlan(log2Norm: log2Norm, bits: bits, scaling: s)
        s += 1
        // Every plan costs at least its s squarings, so no larger s can beat `best`.
        while s < best.products {
            let candidate = TaylorPlan(log2Norm: log2Norm, bits: bits, scaling: s)
            if candidate.products < best.products { best = candidate }
            s += 1
        }
        self = best
    }

    /// As `init(norm1Bound:bits:scaling:)`, from log2 of the norm bound.
    init(log2Norm: Double, bits: Int, scaling: Int) {
        precondition(scaling >= 0, "scaling must be non-negative")
        precondition(log2Norm - Double(scaling) <= 40, "scaling too small: the degree would exceed 2^40")
        let least = Self.leastDegree(log2b: log2Norm - Double(scaling), bits: bits)
        let cost = Self.patersonStockmeyer(degree: least).products
        // Paterson–Stockmeyer cost is a step function of m: take the top of the step.
        let degree = Self.largestDegree(costing: cost)
        self.scaling = scaling
        self.degree = degree
        self.blockSize = Self.patersonStockmeyer(degree: degree).blockSize
        self.products = cost + scaling
    }

    private static func log2(_ x: Double) -> Double {
        precondition(x >= 0 && x.isFinite, "norm bound must be a finite non-negative number")
        return x == 0 ? -.infinity : Foundation.log2(x).nextUp.nextUp
    }
}

// MARK: - Truncation

extension TaylorPlan {
    /// Natural log of the tail bound b^{m+1}/(m+1)! / (1 − b/(m+2)) for b = 2^log2b,
    /// or +∞ when b ≥ m+2 (the bound does not apply).
    public static func logTruncationBound(log2b: Double, degree m: Int) -> Double {
        if log2b == -.infinity { return -.infinity }
        let logb = log2b * M_LN2
        let ratio = Foundation.exp(logb) / Double(m + 2)
        if ratio >= 1 { return .infinity }
        return Double(m + 1) * logb - lgamma(Double(m + 2)) - Foundation.log1p(-ratio)
    }

    /// True when degree m meets the requirement tail ≤ 2^-(bits+10)·e^-b for b = 2^log2b.
    public static func truncationBoundHolds(log2b: Double, bits: Int, degree m: Int) -> Bool {
        let b = Foundation.exp2(log2b)
        return logTruncationBound(log2b: log2b, degree: m) <= -Double(bits + 10) * M_LN2 - b
    }

    /// The least degree meeting the truncation requirement. The log-bound strictly decreases
    /// in m wherever it applies (m + 2 > b), so a doubling search plus bisection finds it.
    static func leastDegree(log2b: Double, bits: Int) -> Int {
        if truncationBoundHolds(log2b: log2b, bits: bits, degree: 0) { return 0 }
        var low = 0  // fails
        var high = max(1, Int(Foundation.exp2(log2b).rounded(.up)))
        while !truncationBoundHolds(log2b: log2b, bits: bits, degree: high) {
            low = high
            high *= 2
        }
        while high - low > 1 {
            let mid = (low + high) / 2
            if truncationBoundHolds(log2b: log2b, bits: bits, degree: mid) { high = mid } else { low = mid }
        }
        return high
    }
}

// MARK: - Paterson–Stockmeyer cost

extension TaylorPlan {
    /// Matrix products to evaluate a degree-m polynomial by Paterson–Stockmeyer with the best
    /// block size q, and that q (the smallest one if several tie).
    ///
    /// With powers B², …, B^q (q − 1 products) the polynomial is a polynomial of degree
    /// ⌊m/q⌋ in B^q with matrix coefficients, evaluated by Horner (⌊m/q⌋ products, one fewer
    /// when q divides m because the leading coefficient is then a scalar):
    /// q − 1 + ⌈m/q⌉ − 1 products in all. Degrees 0 and 1 need none.
    public static func patersonStockmeyer(degree m: Int) -> (products: Int, blockSize: Int) {
        precondition(m >= 0, "degree must be non-negative")
        if m <= 1 { return (0, 1) }
        var best = (products: Int.max, blockSize: 1)
        // q = ⌈√m⌉ costs at most 2√m, while any q costs at least q − 1: q > 2√m + 1 never wins.
        let limit = min(m, Int(2 * Double(m).squareRoot()) + 2)
        for q in 1...limit {
            let cost = q + (m + q - 1) / q - 2
            if cost < best.products { best = (cost, q) }
        }
        return best
    }

    /// The largest degree Paterson–Stockmeyer evaluates with `cost` products:
    /// max over q of q·(cost + 2 − q).
    static func largestDegree(costing cost: Int) -> Int {
        (1...(cost + 1)).map { $0 * (cost + 2 - $0) }.max()!
    }
}
