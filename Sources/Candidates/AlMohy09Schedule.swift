/// The leading coefficient c_{2m+1} of the backward-error series of the [m/m] Padé approximant of exp.
///
/// Definition (Higham 2005, SIAM J. Matrix Anal. Appl. 26(4):1179–1193, §2; the coefficient in Al-Mohy &
/// Higham 2009's ℓ(m)): r_m(x) = e^{x + h_{2m+1}(x)} with h_{2m+1}(x) = log(e^{−x}·r_m(x)) = Σ_{k ≥ 2m+1} c_k x^k.
/// Since e^x − r_m(x) = (−1)^m·(m!)²/((2m)!·(2m+1)!)·x^{2m+1} + O(x^{2m+2}) (the classical Padé error
/// term) and log(1 + y) = y + O(y²), the leading coefficient is
///     c_{2m+1} = (−1)^{m+1}·(m!)²/((2m)!·(2m+1)!),   so 1/|c_{2m+1}| = C(2m, m)·(2m+1)!.
/// Computed here exactly in integers from that closed form; `AlMohy09Tests` re-derives c_{2m+1} from the
/// definition (the x^{2m+1} coefficient of e^{−x}·r_m(x) − 1 from the Padé coefficients b_j) and
/// compares, and also compares with the values hard-coded in the authors' code.
///
/// scipy's first version of this coefficient (its `_ell`, before PR #9705, 2019) evaluated the same
/// closed form at 2m+1 instead of m, a much smaller |c|; the closed form used here reproduces the
/// authors' constants (1/100800, 1/10059033600, …), which the tests check.
public enum PadeBackwardError {
    /// 1/|c_{2m+1}| = C(2m, m)·(2m+1)! as an exact integer, 1 ≤ m ≤ 13
    /// (m = 13: 113250775606021113483283660800000000 ≈ 1.1e35 < 2^128).
    public static func reciprocalLeadingCoefficient(degree m: Int) -> UInt128 {
        precondition((1...13).contains(m), "c_{2m+1} is provided for 1 ≤ m ≤ 13")
        let binomial = UInt128(PadeCoefficients.binomial(UInt64(2 * m), UInt64(m)))
        return (1...(2 * m + 1)).reduce(binomial) { $0 * UInt128($1) }
    }

    /// 1/|c_{2m+1}| rounded once to Double.
    public static func reciprocalLeadingCoefficientDouble(degree m: Int) -> Double {
        Double(reciprocalLeadingCoefficient(degree: m))
    }
}

/// θ_m of Al-Mohy & Higham, "A new scaling and squaring algorithm for the matrix exponential", SIAM J.
/// Matrix Anal. Appl. 31(3):970–989, 2009 (doi:10.1137/09074721X): Algorithm 5.1 uses r_m when a bound
/// η on the d_k = ‖A^k‖₁^{1/k} is at most θ_m, where θ_m is the largest value for which the bound
/// h̃_{2m+1}(θ)/θ on the relative backward error of r_m is at most u.
///
/// For m = 3, 5, 7, 9 these are Higham 2005's θ_m for u = 2^-53 (Table 2.3 there, the double column of
/// Al-Mohy & Higham's Table 3.1; `Higham05Theta`). For m = 13 the authors' own implementation of
/// Algorithm 5.1 (`expm_new.m`, Al-Mohy & Higham, April 2010, distributed with the paper as MIMS EPrint
/// 2009.9; the same code is in Octave's `expm_new` and every port we found: scipy's `_expm`, the Rust
/// `expm` crate) uses θ13 = 4.25 instead of Higham 2005's 5.371920351148152. We follow the authors'
/// code. Doubt, stated once here: we could not read the paper's text itself, so whether Algorithm 5.1
/// as printed writes 4.25 or the Table 3.1 value 5.4 in its scaling step is unverified here.
public enum AlMohy09Theta {
    /// θ13 = 4.25 for u = 2^-53 (authors' `expm_new.m`, see above). Exactly representable.
    public static let double13 = 4.25
}

/// The degree schedule of Algorithm 5.1 in one precision.
///
/// float64: Algorithm 5.1 as published — r_3, r_5, r_7, r_9 tried without scaling, else r_13 on A/2^s.
///
/// float32: the paper is for u = 2^-53 only. We keep Algorithm 5.1's structure and use the
/// single-precision schedule of Higham 2005 (m ∈ {3, 5} unscaled, m = 7 with scaling; θ3, θ5, θ7 for
/// u = 2^-24 from `Higham05Theta`, no value of our own): r_3 and r_5 are tried exactly as in lines 1–10,
/// and r_7 takes the role of r_13 in lines 18–21. Its η is max(d6, d8) — the α_3 bound that Algorithm
/// 5.1 itself uses for m = 7 (line 12); α_4 = max(d8, d10) is admitted only from m = 13 on, following
/// the paper's pattern of using α_p for degree m only when p(p − 1) ≤ m (m = 3, 5: p = 2; m = 7, 9:
/// p = 3; m = 13: p = 3, 4). ℓ(7) uses u = 2^-24 and the same c_15 (the definition of c_{2m+1} does not
/// depend on the precision).
public struct AlMohy09Schedule: Sendable {
    /// (m, θ_m) tried in increasing order without scaling.
    public var unscaled: [(degree: Int, theta: Double)]
    /// The degree used on A/2^s when no unscaled degree applies.
    public var scaledDegree: Int
    /// θ of `scaledDegree`.
    public var scaledTheta: Double

    /// float64: Algorithm 5.1 (θ3 … θ9 Higham 2005 Table 2.3, θ13 = 4.25 as in the authors' code).
    public static let float64 = AlMohy09Schedule(
        unscaled: [
            (3, Higham05Theta.double3), (5, Higham05Theta.double5),
            (7, Higham05Theta.double7), (9, Higham05Theta.double9),
        ],
        scaledDegree: 13, scaledTheta: AlMohy09Theta.double13)

    /// float32: Algorithm 5.1's structure on Higham 2005's single-precision schedule (3, 5; then 7 scaled).
    public static let float32 = AlMohy09Schedule(
        unscaled: [(3, Higham05Theta.single3), (5, Higham05Theta.single5)],
        scaledDegree: 7, scaledTheta: Higham05Theta.single7)

    /// θ of degree m in this schedule, nil when m is not used.
    public func theta(degree m: Int) -> Double? {
        if m == scaledDegree { return scaledTheta }
        return unscaled.first { $0.degree == m }?.theta
    }

    /// The p of the bounds α_p = max(d_{2p}, d_{2p+2}) that Algorithm 5.1 uses for degree m; η_m is the
    /// smallest of them. Lines 2–3 (m = 3) and 7–8 (m = 5): α_2; line 12 (m = 7, 9): α_3;
    /// lines 18–19 (m = 13): min(α_3, α_4).
    public static func alphaOrders(degree m: Int) -> [Int] {
        switch m {
        case 3, 5: return [2]
        case 7, 9: return [3]
        case 13: return [3, 4]
        default: preconditionFailure("Algorithm 5.1 has no η for degree \(m)")
        }
    }

    /// The already formed even powers (as exponents) whose product Algorithm 5.1 hands to the norm
    /// estimator for d_k when A^k itself is not formed: d4 = normest(A2, 2), d6 = normest(A2, 3)
    /// (line 2), d8 = normest(A4, 2) (line 12), d10 = normest(A4, A6) (line 18).
    public static func estimateFactors(power k: Int) -> [Int] {
        switch k {
        case 4: return [2, 2]
        case 6: return [2, 2, 2]
        case 8: return [4, 4]
        case 10: return [4, 6]
        default: preconditionFailure("Algorithm 5.1 estimates only d4, d6, d8, d10")
        }
    }
}
