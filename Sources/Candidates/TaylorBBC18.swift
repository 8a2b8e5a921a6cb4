import Linalg

/// `taylor-bbc18`: scaling and squaring with the optimised Taylor polynomials of Bader, Blanes & Casas,
/// "Computing the matrix exponential with an optimized Taylor polynomial approximation", Mathematics
/// 7(12):1174, 2019 (doi:10.3390/math7121174), as PyTorch's `matrix_exp` uses them
/// (aten/src/ATen/native/LinearAlgebra.cpp, `mexp_impl` on a single matrix).
///
/// With ‖A‖₁ the maximum column sum and θ_m rounded to T (`TaylorBBC18Thresholds`):
/// - ‖A‖₁ ≤ θ1: T1; ≤ θ2: T2; ≤ θ4: T4; ≤ θ8: T8; < θ12: T12 (schemes in `TaylorBBC18Scheme`);
/// - ‖A‖₁ ≥ θ12: s = max(0, ⌈log2(‖A‖₁/θ18)⌉) and T18(2^-s·A) squared s times (s = 0 up to θ18).
///
/// ‖A‖₁ = θ12 exactly takes T18 (with s = 0), as in PyTorch, where the T18 branch (norm ≥ θ12) runs
/// after the T12 band (θ8 < norm ≤ θ12) and overwrites it. PyTorch picks the degree this way only for a
/// single matrix; a batch of several always takes the T18 branch (see `TaylorBBC18Fixed`).
///
/// Departures from PyTorch, none of which changes the polynomial evaluated: s is computed exactly as the
/// smallest s ≥ 0 with ‖A‖₁·2^-s ≤ θ18 in T (`ScalingAndSquaring.exponent`) rather than by a
/// floating-point ceil(log2(·)); T8 uses the paper's x7 (PyTorch's `compute_T8` has 5040·x3 for
/// 5040·x3², reported as pytorch/pytorch issue #196592, fix proposed in PR #196658);
/// sums are formed left to right in PyTorch's term order, but not by its kernels, so results can differ
/// in the last bits. Conventions of this harness: 0×0 input returns itself ("empty"), 1×1 input the C
/// library's scalar exp ("1x1"), non-square input throws, and a NaN or infinite norm takes T18 with
/// s = 0 so that the non-finite entries propagate (PyTorch returns all NaN for NaN input).
public struct TaylorBBC18<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "taylor-bbc18" }

    public var source: String {
        "Bader, Blanes & Casas, \"Computing the matrix exponential with an optimized Taylor polynomial "
            + "approximation\", Mathematics 7(12):1174, 2019, doi:10.3390/math7121174, as used by "
            + "PyTorch matrix_exp (aten/src/ATen/native/LinearAlgebra.cpp): Taylor degrees 1, 2, 4, 8, 12 "
            + "unscaled and 18 with scaling and squaring, chosen by the 1-norm against PyTorch's thetas. "
            + "T8 with the paper's x7 = (89 - sqrt177)/(5040*x3^2), scalars from the closed form; T12 "
            + "coefficients as in PyTorch (the authors' MATLAB set, not the paper's table; same "
            + "polynomial); T18 as in PyTorch (same Double/Float values as the paper's table). s exact."
    }

    /// θ1 … θ18 for T (as Double; compared after rounding to T).
    public static var thresholds: TaylorBBC18Thresholds {
        PrecisionSelect.value(for: T.self, float32: .float32, float64: .float64)
    }

    /// exp(A) with the degree chosen by ‖A‖₁ ("T1" … "T18", "1x1", "empty").
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        let norm = a.norm1
        let th = Self.thresholds
        if norm <= T(th.theta1) { return Self.result(TaylorBBC18Scheme.t1(a), degree: 1) }
        if norm <= T(th.theta2) { return Self.result(TaylorBBC18Scheme.t2(a), degree: 2) }
        if norm <= T(th.theta4) { return Self.result(TaylorBBC18Scheme.t4(a), degree: 4) }
        if norm <= T(th.theta8) { return Self.result(TaylorBBC18Scheme.t8(a), degree: 8) }
        if norm < T(th.theta12) { return Self.result(TaylorBBC18Scheme.t12(a), degree: 12) }
        let (value, s) = Self.scaledT18(a, norm: norm)
        return Self.result(value, degree: 18, scaling: s)
    }

    /// T18(2^-s·A) squared s times, with s = max(0, ⌈log2(‖A‖₁/θ18)⌉) computed exactly; shared with
    /// `TaylorBBC18Fixed`. `norm` is ‖A‖₁ in T.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scaledT18(_ a: Matrix<T>, norm: T) -> (value: Matrix<T>, scaling: Int) {
        let s = ScalingAndSquaring.exponent(norm: norm, theta: T(thresholds.theta18))
        let x = TaylorBBC18Scheme.t18(ScalingAndSquaring.scaled(a, by: s))
        return (ScalingAndSquaring.squared(x, times: s), s)
    }

    private static func result(_ value: Matrix<T>, degree: Int, scaling: Int = 0) -> ExpmResult<T> {
        ExpmResult(value: value, choice: ExpmChoice(approximant: "T\(degree)", degree: degree, scaling: scaling))
    }
}

/// The evaluation schemes of taylor-bbc18, written once against `SchemeAlgebra` so that the same text
/// computes exp and is audited. Scalars (`TaylorBBC18Coefficients`) are rounded once to the working
/// precision; linear combinations are summed left to right in PyTorch's term order (I, A, A², A³, A⁶…),
/// the identity term being added to the first scaled term's diagonal.
public enum TaylorBBC18Scheme {
    /// c0·I + Σ c_j·X_j, summed left to right (no products).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    static func combination<M: SchemeAlgebra>(identity c0: Double, _ terms: [(Double, M)]) -> M {
        typealias K = M.Coefficient
        var r = (K(terms[0].0) * terms[0].1).addingDiagonal(K(c0))
        for (c, x) in terms.dropFirst() { r = r + K(c) * x }
        return r
    }

    /// T1 = I + A (no products).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func t1<M: SchemeAlgebra>(_ a: M) -> M {
        a.addingDiagonal(1)
    }

    /// T2 = I + A + A²/2 (one product; ·1/2 is exact).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func t2<M: SchemeAlgebra>(_ a: M) -> M {
        combination(identity: 1, [(1, a), (0.5, a * a)])
    }

    /// T4 = I + A + A²·(I/2 + A/6 + A²/24) (two products), as PyTorch's `compute_T4`: the scalars
    /// 1/2, 1/6, 1/24 are rounded to T and multiplied.
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func t4<M: SchemeAlgebra>(_ a: M) -> M {
        let a2 = a * a
        let inner = combination(identity: 1.0 / 2, [(1.0 / 6, a), (1.0 / 24, a2)])
        return combination(identity: 1, [(1, a), (1, a2 * inner)])
    }

    /// T8 (three products): A4 = A²·(x1·A + x2·A²), A8 = (x3·A² + A4)·(x4·I + x5·A + x6·A² + x7·A4),
    /// T8 = I + A + y2·A² + A8, scalars `TaylorBBC18Coefficients.x1` … `y2` (paper's x7).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func t8<M: SchemeAlgebra>(_ a: M) -> M {
        typealias C = TaylorBBC18Coefficients
        typealias K = M.Coefficient
        let a2 = a * a
        let a4 = a2 * (K(C.x1) * a + K(C.x2) * a2)
        let left = K(C.x3) * a2 + a4
        let right = combination(identity: C.x4, [(C.x5, a), (C.x6, a2), (C.x7, a4)])
        let a8 = left * right
        return combination(identity: 1, [(1, a), (C.y2, a2), (1, a8)])
    }

    /// T12 (four products): A², A³ = A·A², B_i = Σ_j b[i−1][j]·(I, A, A², A³)_j, A6 = B3 + B4·B4,
    /// T12 = B1 + (B2 + A6)·A6. `b` defaults to `TaylorBBC18Coefficients.t12` (the tests also pass the
    /// paper's table through this same code).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func t12<M: SchemeAlgebra>(_ a: M, coefficients b: [[Double]] = TaylorBBC18Coefficients.t12) -> M {
        precondition(b.count == 4 && b.allSatisfy { $0.count == 4 }, "T12 needs a 4×4 coefficient table")
        let a2 = a * a
        let a3 = a * a2
        let bs = b.map { combination(identity: $0[0], [($0[1], a), ($0[2], a2), ($0[3], a3)]) }
        let a6 = bs[2] + bs[3] * bs[3]
        return bs[0] + (bs[1] + a6) * a6
    }

    /// T18 (five products): A², A³ = A·A², A⁶ = A³·A³, B_i = Σ_j b[i−1][j]·(I, A, A², A³, A⁶)_j,
    /// A9 = B4 + B1·B5, T18 = B2 + (B3 + A9)·A9. `b` defaults to `TaylorBBC18Coefficients.t18`.
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func t18<M: SchemeAlgebra>(_ a: M, coefficients b: [[Double]] = TaylorBBC18Coefficients.t18) -> M {
        precondition(b.count == 5 && b.allSatisfy { $0.count == 5 }, "T18 needs a 5×5 coefficient table")
        let a2 = a * a
        let a3 = a * a2
        let a6 = a3 * a3
        let bs = b.map { combination(identity: $0[0], [($0[1], a), ($0[2], a2), ($0[3], a3), ($0[4], a6)]) }
        let a9 = bs[3] + bs[0] * bs[4]
        return bs[1] + (bs[2] + a9) * a9
    }
}

/// The T1, T2, T4, T8, T12, T18 of taylor-bbc18, for the audit.
struct TaylorBBC18Schemes: AuditableScheme {
    let degree: Int
    var label: String { "T\(degree)" }
    var candidate: String { "taylor-bbc18" }
    var target: SchemeTarget { .taylor(degree: degree) }

    static let degrees = [1, 2, 4, 8, 12, 18]
    static let all: [any AuditableScheme] = degrees.map { TaylorBBC18Schemes(degree: $0) }

    private var index: Int { Self.degrees.firstIndex(of: degree)! }

    func usage(precision: Precision) -> String {
        switch degree {
        case 1: return "‖A‖₁ ≤ θ1"
        case 12: return "θ8 < ‖A‖₁ < θ12"
        case 18: return "θ12 ≤ ‖A‖₁ ≤ θ18, and on A/2^s for every ‖A‖₁ > θ18"
        default: return "θ\(Self.degrees[index - 1]) < ‖A‖₁ ≤ θ\(degree)"
        }
    }

    func maxNorm(precision: Precision) -> Double {
        let t = precision == .float32 ? TaylorBBC18Thresholds.float32 : TaylorBBC18Thresholds.float64
        return t.bands[index].theta
    }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        switch degree {
        case 1: return .polynomial(TaylorBBC18Scheme.t1(a))
        case 2: return .polynomial(TaylorBBC18Scheme.t2(a))
        case 4: return .polynomial(TaylorBBC18Scheme.t4(a))
        case 8: return .polynomial(TaylorBBC18Scheme.t8(a))
        case 12: return .polynomial(TaylorBBC18Scheme.t12(a))
        default: return .polynomial(TaylorBBC18Scheme.t18(a))
        }
    }
}
