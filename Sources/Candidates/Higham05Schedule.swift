/// The thresholds θ_m of Higham 2005 (SIAM J. Matrix Anal. Appl. 26(4):1179–1193,
/// doi:10.1137/04061101X): θ_m is the largest ‖A‖₁ for which Higham's bound on the backward error of
/// the [m/m] Padé approximant r_m(A) is at most the unit roundoff u (§2), so r_m is used for ‖A‖₁ ≤ θ_m.
/// Full digits, as Doubles; the algorithm compares them after rounding to the working precision.
public enum Higham05Theta {
    /// θ3 for u = 2^-53: Higham 2005, Table 2.3.
    public static let double3 = 1.495585217958292e-2
    /// θ5 for u = 2^-53: Higham 2005, Table 2.3.
    public static let double5 = 2.539398330063230e-1
    /// θ7 for u = 2^-53: Higham 2005, Table 2.3.
    public static let double7 = 9.504178996162932e-1
    /// θ9 for u = 2^-53: Higham 2005, Table 2.3.
    public static let double9 = 2.097847961257068e0
    /// θ13 for u = 2^-53: Higham 2005, Table 2.3.
    public static let double13 = 5.371920351148152e0

    /// θ3 for u = 2^-24: Higham 2005's criterion in single precision. Digits as in the single-precision
    /// branches of MATLAB's `expm` and Eigen's `MatrixExponential` (both following Higham 2005); a
    /// recomputation of the criterion for u = 2^-24 agrees to about 8 significant digits and rounds to
    /// the same Float.
    public static let single3 = 4.258730016922831e-1
    /// θ5 for u = 2^-24: provenance as for `single3`.
    public static let single5 = 1.880152677804762e0
    /// θ7 for u = 2^-24: provenance as for `single3`. m = 7 is the most economical degree for
    /// single precision by Higham's cost measure (products π_m minus log2 θ_m: about 2.03 for m = 7
    /// against 2.09, 2.36, 2.5 for m = 5, 9, 13), so it is the degree used after scaling there.
    public static let single7 = 3.925724783138660e0
}

/// The degree schedule of Higham 2005's Algorithm 2.3 in one precision: the unscaled degrees with
/// their θ_m (tried in increasing order), and the degree used after scaling by 2^-s.
public struct Higham05Schedule: Sendable {
    /// (m, θ_m) tried in increasing order without scaling: r_m(A) for the first ‖A‖₁ ≤ θ_m.
    public var unscaled: [(degree: Int, theta: Double)]
    /// The degree used on 2^-s·A when no unscaled degree applies.
    public var scaledDegree: Int
    /// θ of `scaledDegree`: s is the smallest s ≥ 0 with ‖A‖₁·2^-s ≤ θ.
    public var scaledTheta: Double

    /// Double (u = 2^-53), Algorithm 2.3 as published: m ∈ {3, 5, 7, 9} unscaled, else r_13 after scaling.
    public static let float64 = Higham05Schedule(
        unscaled: [
            (3, Higham05Theta.double3), (5, Higham05Theta.double5),
            (7, Higham05Theta.double7), (9, Higham05Theta.double9),
        ],
        scaledDegree: 13, scaledTheta: Higham05Theta.double13)

    /// Float (u = 2^-24), Higham's single-precision variant: m ∈ {3, 5} unscaled, else r_7 after scaling.
    public static let float32 = Higham05Schedule(
        unscaled: [(3, Higham05Theta.single3), (5, Higham05Theta.single5)],
        scaledDegree: 7, scaledTheta: Higham05Theta.single7)
}
