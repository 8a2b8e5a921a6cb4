import Linalg

/// `mlx-proposal-t8`: the matrix exponential posted in the MLX feature request for `expm`
/// (ml-explore/mlx issue #1779, comment by N8python, 2025-01-19), a Python port of PyTorch's
/// `matrix_exp`, which follows Bader, Blanes & Casas, "Computing the matrix exponential with an
/// optimized Taylor polynomial approximation", Mathematics 7(12):1174, 2019 (doi:10.3390/math7121174).
/// The post keeps only the degrees up to 8 (PyTorch's degrees 12 and 18 are absent).
///
/// This is the object under verification, reproduced as posted and never corrected — including
/// the posted x7 of the degree-8 polynomial, which departs from the paper (see
/// `MLXProposalT8Coefficients.x7`). Its accuracy is whatever these formulas give; the harness reports it.
///
/// Algorithm, with ‖A‖₁ the maximum column sum and the posted thresholds θ_m rounded to T
/// (`MLXProposalT8Thresholds`):
/// - ‖A‖₁ ≤ θ1: T1 = I + A; ≤ θ2: T2 = I + A + A²/2; ≤ θ4: T4 = I + A + A²(I/2 + A/6 + A²/24);
///   ≤ θ8: T8(A) (see `t8(_:)`);
/// - otherwise s = max(0, ⌈log2(‖A‖₁/θ8)⌉) and T8(2^-s·A) squared s times. Here s is computed
///   exactly, as the smallest s ≥ 0 with ‖A‖₁·2^-s ≤ θ8 in T (no floating-point log2, which could
///   round at exact powers of two), and 2^-s·A is an exact scalar multiple.
///
/// Conventions of this harness, not claimed to be in the post: 0×0 input returns itself ("empty"),
/// 1×1 input returns the C library's scalar exp ("1x1"), non-square input throws
/// `CandidateError.notSquare`, and a NaN or infinite norm takes T8 with s = 0 so that the
/// non-finite entries propagate.
public struct MLXProposalT8<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "mlx-proposal-t8" }

    public var source: String {
        "Posted in ml-explore/mlx issue #1779 (Feature-Request: Matrix Exponentiation), comment by "
            + "N8python, 2025-01-19: a Python port of PyTorch's matrix_exp, which uses Bader, Blanes & "
            + "Casas, \"Computing the matrix exponential with an optimized Taylor polynomial "
            + "approximation\", Mathematics 7(12):1174, 2019, doi:10.3390/math7121174. Only degrees "
            + "1, 2, 4, 8 are kept (degrees 12 and 18 absent, as posted); thresholds and T8 coefficients "
            + "as posted, including x7 = (89 - sqrt177)/(5040*x3) where the paper has 5040*x3^2 "
            + "(reproduced, not corrected)."
    }

    /// The posted thresholds θ1, θ2, θ4, θ8 rounded to T, in that order.
    public static var thresholds: (theta1: T, theta2: T, theta4: T, theta8: T) {
        let t = PrecisionSelect.value(
            for: T.self, float32: MLXProposalT8Thresholds.float32,
            float64: MLXProposalT8Thresholds.float64)
        return (T(t.theta1), T(t.theta2), T(t.theta4), T(t.theta8))
    }

    /// exp(A) by the posted scheme, with the branch taken ("T1", "T2", "T4", "T8", "1x1", "empty").
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        let norm = a.norm1
        let th = Self.thresholds
        if norm <= th.theta1 { return Self.result(Self.t1(a), degree: 1, scaling: 0) }
        if norm <= th.theta2 { return Self.result(Self.t2(a), degree: 2, scaling: 0) }
        if norm <= th.theta4 { return Self.result(Self.t4(a), degree: 4, scaling: 0) }
        let s = ScalingAndSquaring.exponent(norm: norm, theta: th.theta8)
        let x = Self.t8(ScalingAndSquaring.scaled(a, by: s))
        return Self.result(ScalingAndSquaring.squared(x, times: s), degree: 8, scaling: s)
    }

    private static func result(_ value: Matrix<T>, degree: Int, scaling: Int) -> ExpmResult<T> {
        ExpmResult(value: value, choice: ExpmChoice(approximant: "T\(degree)", degree: degree, scaling: scaling))
    }

    // MARK: The posted polynomials (see `MLXProposalT8Scheme`), on matrices.

    /// Posted `_compute_T1`: I + A.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func t1(_ a: Matrix<T>) -> Matrix<T> { MLXProposalT8Scheme.t1(a) }

    /// Posted `_compute_T2`: I + A + A²/2.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func t2(_ a: Matrix<T>) -> Matrix<T> { MLXProposalT8Scheme.t2(a) }

    /// Posted `_compute_T4`: I + A + A²·(I/2 + A/6 + A²/24).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func t4(_ a: Matrix<T>) -> Matrix<T> { MLXProposalT8Scheme.t4(a) }

    /// Posted `_compute_T8` with the posted scalars.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func t8(_ a: Matrix<T>) -> Matrix<T> { MLXProposalT8Scheme.t8(a) }
}

/// The posted polynomials of mlx-proposal-t8, written once against `SchemeAlgebra` so that the same
/// text computes exp and is audited. Posted operation order (sums left to right), divisions where the
/// post divides; the posted scalars of `MLXProposalT8Coefficients` rounded once to the working precision.
public enum MLXProposalT8Scheme {
    /// Posted `_compute_T1`: I + A (no products).
    @inlinable
    public static func t1<M: SchemeAlgebra>(_ a: M) -> M {
        a.one + a
    }

    /// Posted `_compute_T2`: I + A + A²/2 (one product; /2 is a division, as posted).
    @inlinable
    public static func t2<M: SchemeAlgebra>(_ a: M) -> M {
        let a2 = a * a
        return (a.one + a) + a2.divided(by: 2)
    }

    /// Posted `_compute_T4`: I + A + A²·(I/2 + A/6 + A²/24) (two products; divisions as posted).
    @inlinable
    public static func t4<M: SchemeAlgebra>(_ a: M) -> M {
        let id = a.one
        let a2 = a * a
        let inner = (id.divided(by: 2) + a.divided(by: 6)) + a2.divided(by: 24)
        return (id + a) + a2 * inner
    }

    /// Posted `_compute_T8` (three products):
    /// A2 = A·A; A4 = A2·(x1·A + x2·A2); A8 = (x3·A2 + A4)·(x4·I + x5·A + x6·A2 + x7·A4);
    /// T8 = I + A + y2·A2 + A8.
    @inlinable
    public static func t8<M: SchemeAlgebra>(_ a: M) -> M {
        typealias C = MLXProposalT8Coefficients
        typealias K = M.Coefficient
        let id = a.one
        let a2 = a * a
        let a4 = a2 * (K(C.x1) * a + K(C.x2) * a2)
        let left = K(C.x3) * a2 + a4
        let right = ((K(C.x4) * id + K(C.x5) * a) + K(C.x6) * a2) + K(C.x7) * a4
        let a8 = left * right
        return ((id + a) + K(C.y2) * a2) + a8
    }
}

