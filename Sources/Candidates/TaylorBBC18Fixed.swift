import Linalg

/// `taylor-bbc18-fixed`: the T18 branch of taylor-bbc18 for every input — s = max(0, ⌈log2(‖A‖₁/θ18)⌉)
/// (computed exactly) and T18(2^-s·A) squared s times, with no other data-dependent branch.
///
/// This is what a framework with lazy compute graphs (MLX, JAX) would ship to avoid branching on the
/// host on the value of the norm: one polynomial of fixed cost (5 products) plus s squarings, where
/// only s depends on the data. PyTorch's `matrix_exp` itself does this for batches of more than one
/// matrix (`mexp_impl` sets `compute_highest_degree_approx` when the batch size exceeds 1, since
/// pytorch/pytorch PR #110848). The T18
/// scheme, its coefficients and θ18 are taylor-bbc18's (`TaylorBBC18.scaledT18`); see there and
/// `TaylorBBC18Coefficients.t18`.
///
/// Cost for small norms: 5 products where taylor-bbc18 spends 0 to 4. Accuracy there is not always as
/// good: T18's scalars are larger (|b_20| ≈ 11) and its terms cancel more (Σ|terms| per power up to
/// 6.4/k!, against 1.8/k! for T12), so where taylor-bbc18 takes a lower degree the rounding error of T18
/// can be larger — measured on float32 rotations, 2.0 u at ‖A‖₁ = 0.32 (T8: 0.15 u) and 6.9 u at 1.02
/// (T12: 0.12 u); the truncation error is smaller, but it was already below u. Conventions as
/// taylor-bbc18 (0×0, 1×1, non-square, non-finite norm → s = 0).
public struct TaylorBBC18Fixed<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "taylor-bbc18-fixed" }

    public var source: String {
        "Bader, Blanes & Casas, Mathematics 7(12):1174, 2019, doi:10.3390/math7121174: the degree-18 "
            + "optimised Taylor polynomial with scaling and squaring for every input, s = max(0, "
            + "ceil(log2(norm1/theta18))) computed exactly, theta18 and T18 coefficients as in PyTorch "
            + "matrix_exp (which takes this branch for batches of more than one matrix). No other "
            + "data-dependent branch, as a lazy-graph framework (MLX, JAX) would implement it."
    }

    /// exp(A) by T18 with scaling and squaring ("T18-fixed", "1x1", "empty").
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        let (value, s) = TaylorBBC18<T>.scaledT18(a, norm: a.norm1)
        return ExpmResult(value: value, choice: ExpmChoice(approximant: "T18-fixed", degree: 18, scaling: s))
    }
}

/// The one scheme of taylor-bbc18-fixed (taylor-bbc18's T18), for the audit.
struct TaylorBBC18FixedSchemes: AuditableScheme {
    var label: String { "T18" }
    var candidate: String { "taylor-bbc18-fixed" }
    var target: SchemeTarget { .taylor(degree: 18) }

    static let all: [any AuditableScheme] = [TaylorBBC18FixedSchemes()]

    func usage(precision: Precision) -> String { "every ‖A‖₁: unscaled up to θ18, on A/2^s above" }

    func maxNorm(precision: Precision) -> Double {
        (precision == .float32 ? TaylorBBC18Thresholds.float32 : TaylorBBC18Thresholds.float64).theta18
    }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> { .polynomial(TaylorBBC18Scheme.t18(a)) }
}
