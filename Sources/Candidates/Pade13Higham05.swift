import Linalg

/// `pade13-higham05`: scaling and squaring with diagonal Padé approximants, Higham, "The scaling and
/// squaring method for the matrix exponential revisited", SIAM J. Matrix Anal. Appl. 26(4):1179–1193,
/// 2005, doi:10.1137/04061101X, Algorithm 2.3.
///
/// With ‖A‖₁ the maximum column sum and θ_m rounded to T (`Higham05Schedule`):
/// - Double: the first m ∈ {3, 5, 7, 9} with ‖A‖₁ ≤ θ_m gives r_m(A); otherwise
///   s = max(0, ⌈log2(‖A‖₁/θ13)⌉) and r_13(2^-s·A) squared s times.
/// - Float: the first m ∈ {3, 5} with ‖A‖₁ ≤ θ_m gives r_m(A); otherwise
///   s = max(0, ⌈log2(‖A‖₁/θ7)⌉) and r_7(2^-s·A) squared s times. θ3, θ5, θ7 are the values for
///   u = 2^-24 (see `Higham05Schedule.float32` for where the digits come from).
///
/// s is computed exactly (smallest s ≥ 0 with ‖A‖₁·2^-s ≤ θ in T), and 2^-s·A is an exact scalar
/// multiple. Intended accuracy: backward error of r_m about u before squaring (Higham 2005 §2); the
/// harness measures the forward error. r_m(A) is formed with one LU solve (LAPACK gesv), which throws
/// `LinalgError.singular` on an exactly zero pivot. 0×0 input returns itself ("empty"), 1×1 input the C
/// library's scalar exp ("1x1"); a NaN or infinite norm takes the scaled degree with s = 0 so that the
/// non-finite entries propagate.
public struct Pade13Higham05<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "pade13-higham05" }

    public var source: String {
        "Higham, \"The scaling and squaring method for the matrix exponential revisited\", SIAM J. "
            + "Matrix Anal. Appl. 26(4):1179-1193, 2005, doi:10.1137/04061101X, Algorithm 2.3. float64: "
            + "Pade degrees 3, 5, 7, 9 unscaled and 13 with scaling, theta_m from Table 2.3 (u = 2^-53). "
            + "float32: degrees 3, 5 unscaled and 7 with scaling (Higham's single-precision choice, "
            + "u = 2^-24), theta3 = 4.258730016922831e-1, theta5 = 1.880152677804762, theta7 = "
            + "3.925724783138660 (digits as in MATLAB expm and Eigen MatrixExponential for single "
            + "precision; they agree to ~8 digits with Higham's criterion recomputed for u = 2^-24). "
            + "Pade coefficients computed exactly from the closed form."
    }

    /// The schedule for T.
    public static var schedule: Higham05Schedule {
        PrecisionSelect.value(for: T.self, float32: .float32, float64: .float64)
    }

    /// exp(A) by Algorithm 2.3, with the degree and scaling chosen ("P3" … "P13", "1x1", "empty").
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        let norm = a.norm1
        let plan = Self.schedule
        for (m, theta) in plan.unscaled where norm <= T(theta) {
            return Self.result(try PadeApproximant.evaluate(a, degree: m), degree: m, scaling: 0)
        }
        let m = plan.scaledDegree
        let s = ScalingAndSquaring.exponent(norm: norm, theta: T(plan.scaledTheta))
        let r = try PadeApproximant.evaluate(ScalingAndSquaring.scaled(a, by: s), degree: m)
        return Self.result(ScalingAndSquaring.squared(r, times: s), degree: m, scaling: s)
    }

    private static func result(_ value: Matrix<T>, degree: Int, scaling: Int) -> ExpmResult<T> {
        ExpmResult(value: value, choice: ExpmChoice(approximant: "P\(degree)", degree: degree, scaling: scaling))
    }
}
