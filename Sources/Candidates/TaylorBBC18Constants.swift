/// The norm thresholds θ_m of taylor-bbc18 for one precision: T_m is used while ‖A‖₁ ≤ θ_m (θ18 also
/// sets the scaling, s = max(0, ⌈log2(‖A‖₁/θ18)⌉)).
///
/// Source: PyTorch's `matrix_exp` (aten/src/ATen/native/LinearAlgebra.cpp, `mexp`, arrays
/// `thetas_float` and `thetas_double`), full digits as there. They are the θ_m of Bader, Blanes & Casas,
/// "Computing the matrix exponential with an optimized Taylor polynomial approximation", Mathematics
/// 7(12):1174, 2019 (doi:10.3390/math7121174), for m = 1, 2, 4, 8, 12, 18: the largest ‖A‖₁ at which the
/// backward-error bound of T_m stays below u = 2^-24 (float32) or 2^-53 (float64), i.e. the root of
/// Σ_{k>m} |h_k|·θ^{k−1} = u with log(e^{−x}·T_m(x)) = Σ h_k x^k (Al-Mohy & Higham's criterion). The
/// tests recompute all twelve from that criterion and find PyTorch's digits to within 2 ulps. The same
/// digits appear in the θ table (`getThetaSet`) of a public Julia translation of a MATLAB `expm3` built
/// on the same schemes. I could not read the paper's own table here.
public struct TaylorBBC18Thresholds: Sendable, Equatable {
    public var theta1: Double
    public var theta2: Double
    public var theta4: Double
    public var theta8: Double
    public var theta12: Double
    public var theta18: Double

    /// PyTorch `thetas_float` (u = 2^-24).
    public static let float32 = TaylorBBC18Thresholds(
        theta1: 1.192092800768788e-07,
        theta2: 5.978858893805233e-04,
        theta4: 5.116619363445086e-02,
        theta8: 5.800524627688768e-01,
        theta12: 1.461661507209034e+00,
        theta18: 3.010066362817634e+00)

    /// PyTorch `thetas_double` (u = 2^-53).
    public static let float64 = TaylorBBC18Thresholds(
        theta1: 2.220446049250313e-16,
        theta2: 2.580956802971767e-08,
        theta4: 3.397168839976962e-04,
        theta8: 4.991228871115323e-02,
        theta12: 2.996158913811580e-01,
        theta18: 1.090863719290036e+00)

    /// (m, θ_m) for m = 1, 2, 4, 8, 12, 18, in that order.
    public var bands: [(degree: Int, theta: Double)] {
        [(1, theta1), (2, theta2), (4, theta4), (8, theta8), (12, theta12), (18, theta18)]
    }
}

/// The scalars of the evaluation schemes of taylor-bbc18 (Bader, Blanes & Casas 2019, as used by
/// PyTorch's `matrix_exp`). Kept in Double; a scheme rounds each once to its working precision.
public enum TaylorBBC18Coefficients {
    // MARK: T8, from the closed form

    // T8 in three products (BBC 2019's degree-8 scheme, its eq. (13) as cited by GraphMatFun.jl):
    // A4 = A²·(x1·A + x2·A²), A8 = (x3·A² + A4)·(x4·I + x5·A + x6·A² + x7·A4), T8 = I + A + y2·A² + A8,
    // with x3 = 2/3 and the other scalars in closed form in √177 (the paper's forms, and the same
    // simplified with x3 = 2/3 exactly, which is how they are evaluated).

    /// (a + b·√177)/d in Double, correctly rounded for every scalar here (checked against 25-digit
    /// values in the tests): √177 is split as s + t with t its rounding error (from an fma), a + b·s is
    /// summed with its exact rounding errors, and the only rounding left is the last division's.
    /// (Straight Double evaluation is up to 3 ulps off here: y2's numerator 857 − 58√177 ≈ 85.4
    /// cancels a factor 9.)
    static func closedForm(_ a: Double, _ b: Double, over d: Double) -> Double {
        let s = (177.0).squareRoot()
        let t = (177.0).addingProduct(-s, s) / (2 * s)  // 177 − s² is exact with one fma
        let p = b * s
        let pError = (-p).addingProduct(b, s)  // b·s − p, exact
        let high = a + p
        let back = high - a
        let sumError = (a - (high - back)) + (p - back)  // a + p − high, exact (two-sum)
        let low = sumError + pError + b * t
        let q = high / d
        let remainder = high.addingProduct(-q, d)  // high − q·d, exact
        return q + (remainder + low) / d
    }

    /// x3 = 2/3: the paper's value of the scheme's free parameter.
    public static let x3: Double = 2.0 / 3.0
    /// x1 = x3·(1 + √177)/88 = (1 + √177)/132.
    public static let x1 = closedForm(1, 1, over: 132)
    /// x2 = x3·(1 + √177)/352 = (1 + √177)/528.
    public static let x2 = closedForm(1, 1, over: 528)
    /// x4 = (−271 + 29√177)/(315·x3) = (−271 + 29√177)/210.
    public static let x4 = closedForm(-271, 29, over: 210)
    /// x5 = 11(−1 + √177)/(1260·x3) = (−11 + 11√177)/840.
    public static let x5 = closedForm(-11, 11, over: 840)
    /// x6 = 11(−9 + √177)/(5040·x3) = (−99 + 11√177)/3360.
    public static let x6 = closedForm(-99, 11, over: 3360)
    /// x7 = (89 − √177)/(5040·x3²) = (89 − √177)/2240: the paper's value. (PyTorch's `compute_T8` had
    /// 5040·x3 here (pytorch/pytorch issue #196592, fix proposed in PR #196658); mlx-proposal-t8 keeps it.
    /// With x3² the expansion matches 1/k! through k = 8; with x3 only through k = 4.)
    public static let x7 = closedForm(89, -1, over: 2240)
    /// y2 = (857 − 58√177)/630.
    public static let y2 = closedForm(857, -58, over: 630)

    // MARK: T12

    /// T12 in four products (BBC 2019's degree-12 scheme): with B_i = b_i0·I + b_i1·A + b_i2·A² + b_i3·A³ (row i − 1 here),
    /// A6 = B3 + B4², T12 = B1 + (B2 + A6)·A6.
    ///
    /// Digits: PyTorch `compute_T12`, full digits as there. Per the review of pytorch/pytorch PR #40161
    /// (Lezcano, 2020-06-23), these were ported from the authors' MATLAB code and are not the
    /// coefficients printed in the paper. The two sets are different solutions of the same order
    /// conditions: both expand to 1/k! for k ≤ 12 (at their printed digits, to within 5e-18 relative
    /// for both, checked in exact rational arithmetic; rounded to Double or Float, checked in
    /// `TaylorSchemeExpansionTests`), and the scheme is a polynomial of degree 12, so both are T12 itself
    /// up to the rounding of the scalars. I follow PyTorch
    /// because this candidate is PyTorch's algorithm and because its terms cancel less: the sum of
    /// |terms| contributing to x^k is at most 1.8/k! here against 3.4/k! for the paper's set (k = 2).
    /// The paper's set (its a_ij, as transcribed in GraphMatFun.jl `graph_bbc_exp`) is kept in the tests;
    /// the Julia `expm3` translation mentioned at `TaylorBBC18Thresholds` uses the paper's set, so the
    /// authors' code seems to have carried both at different times.
    /// The tiny b_00 = 9.0198e-16 and b_30 = −2.0861320e-13 are given with 5 and 8 digits in PyTorch.
    public static let t12: [[Double]] = [
        [9.0198e-16, 0.46932117595418237389, -0.20099424927047284052, -0.04623946134063071740],
        [5.31597895759871264183, 1.19926790417132231573, 0.01179296240992997031, 0.01108844528519167989],
        [0.18188869982170434744, 0.05502798439925399070, 0.09351590770535414968, 0.00610700528898058230],
        [-2.0861320e-13, -0.13181061013830184015, -0.02027855540589259079, -0.00675951846863086359],
    ]

    // MARK: T18

    /// T18 in five products (BBC 2019's degree-18 scheme): with B_i = b_i0·I + b_i1·A + b_i2·A² + b_i3·A³ + b_i6·A⁶
    /// (row i − 1 here; B1 has no A⁶ term), A9 = B4 + B1·B5, T18 = B2 + (B3 + A9)·A9.
    ///
    /// Digits: PyTorch `compute_T18`, full digits as there (21 significant digits: the decimal
    /// expansions of Double values). The paper prints the same solution to 20 decimal places (as
    /// transcribed in GraphMatFun.jl); both round to the same Double and the same Float for every entry
    /// (checked in `TaylorSchemeExpansionTests`), so the choice does not change the computation.
    /// Finding: 20 decimals fix the small entries (|b_i6| ~ 1e-5) to only ~16 significant digits, so
    /// with either printed set the coefficients of x^16 … x^18 match 1/k! only to ~9e-16 relative
    /// (about 8·u in float64). Harmless: those terms weigh θ18^k/k! < 1e-13 relative to e^θ18.
    public static let t18: [[Double]] = [
        [0, -1.00365581030144618291e-01, -8.02924648241156932449e-03, -8.92138498045729985177e-04, 0],
        [0, 3.97849749499645077844e-01, 1.36783778460411720168e+00, 4.98289622525382669416e-01,
         -6.37898194594723280150e-04],
        [-1.09676396052962061844e+01, 1.68015813878906206114e+00, 5.71779846478865511061e-02,
         -6.98210122488052056106e-03, 3.34975017086070470649e-05],
        [-9.04316832390810593223e-02, -6.76404519071381882256e-02, 6.75961301770459654925e-02,
         2.95552570429315521194e-02, -1.39180257516060693404e-05],
        [0, 0, -9.23364619367118555360e-02, -1.69364939002081722752e-02, -1.40086798182036094347e-05],
    ]
}
