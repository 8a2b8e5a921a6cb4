import Linalg

/// `taylor-naive`: a CONTROL, not a proposal. The truncated Taylor series Σ_{k≤12} A^k/k! evaluated by
/// Horner's rule, with no scaling and squaring: it must fail for large norms, and the harness must see it
/// fail.
///
/// Degree 12, the degree of taylor-bbc18's T12, so that inside its accurate range the control differs
/// from taylor-bbc18 only by the evaluation (11 products by Horner against 4). The first omitted term
/// bounds the truncation error: ‖A‖₁^13/13! ≤ u·e^(−‖A‖₁) holds up to ‖A‖₁ = 0.327 for u = 2^-53 and
/// 1.41 for u = 2^-24 (close to taylor-bbc18's θ12, 0.300 and 1.46, which bound the backward error
/// instead). Beyond that the error grows like the omitted terms ‖A‖₁^k/k!, k ≥ 13: at ‖A‖₁ = 20 they
/// reach 4e7, and the measured error is 6.3e6 on a rotation (result of size 1) and on diag(−20, −10)
/// (result e^-20). Choice "T12-naive", s = 0, always. 0×0, 1×1 and non-square input as the other
/// candidates.
public struct TaylorNaive<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "taylor-naive" }

    public var source: String {
        "Control: Moler & Van Loan, \"Nineteen dubious ways to compute the exponential of a matrix, "
            + "twenty-five years later\", SIAM Review 45(1):3-49, 2003, Method 1 (Taylor series): "
            + "truncated Taylor series sum_{k<=12} A^k/k! by Horner's rule, "
            + "I + A(I + A/2(I + A/3(... (I + A/12)))), 11 products, no scaling and squaring. Truncation "
            + "below u only for norm1(A) up to about 0.33 (float64) or 1.4 (float32); meant to fail above."
    }

    /// exp(A) ≈ T12(A) by Horner's rule ("T12-naive", s = 0).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        let value = TaylorNaiveScheme.horner(a, degree: TaylorNaiveScheme.degree)
        return ExpmResult(value: value, choice: ExpmChoice(approximant: "T12-naive", degree: 12, scaling: 0))
    }
}

/// The Horner evaluation of taylor-naive, written against `SchemeAlgebra`.
public enum TaylorNaiveScheme {
    /// The truncation degree m.
    public static let degree = 12

    /// Σ_{k≤m} A^k/k! as I + A(I + A/2(I + A/3(… (I + A/m)))): R_m = I + A/m, R_k = I + (A·R_{k+1})/k
    /// for k = m−1 … 1, so m − 1 products, and only exact integer divisors (no rounded 1/k! constants).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func horner<M: SchemeAlgebra>(_ a: M, degree m: Int) -> M {
        precondition(m >= 1, "Horner's rule needs degree ≥ 1")
        typealias K = M.Coefficient
        var r = a.divided(by: K(m)).addingDiagonal(1)
        for k in stride(from: m - 1, through: 1, by: -1) {
            r = (a * r).divided(by: K(k)).addingDiagonal(1)
        }
        return r
    }
}

/// taylor-naive's T12 for the audit. It is applied at every norm, unscaled, hence `maxNorm` = ∞.
struct TaylorNaiveSchemes: AuditableScheme {
    var label: String { "T12-naive" }
    var candidate: String { "taylor-naive" }
    var target: SchemeTarget { .taylor(degree: TaylorNaiveScheme.degree) }

    static let all: [any AuditableScheme] = [TaylorNaiveSchemes()]

    func usage(precision: Precision) -> String { "every ‖A‖₁, unscaled (a control, accurate only for small norms)" }

    func maxNorm(precision: Precision) -> Double { .infinity }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        .polynomial(TaylorNaiveScheme.horner(a, degree: TaylorNaiveScheme.degree))
    }
}
