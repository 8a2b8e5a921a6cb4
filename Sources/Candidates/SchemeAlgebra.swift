import Linalg

/// What a scheme evaluates: a polynomial p(A), or a rational approximant given by its numerator
/// and denominator (exp ≈ q(A)⁻¹·p(A)).
public enum SchemeValue<M> {
    case polynomial(M)
    case rational(p: M, q: M)
}

/// What an evaluation scheme is supposed to evaluate.
public enum SchemeTarget: Sendable, Equatable {
    /// The Taylor polynomial of exp of this degree: coefficients 1/k!.
    case taylor(degree: Int)
    /// The [m/m] Padé approximant of exp: p_m and q_m with the closed-form coefficients.
    case pade(degree: Int)

    /// The degree to which the approximant agrees with exp's series (m for Taylor, 2m for Padé).
    public var orderOfAgreement: Int {
        switch self {
        case .taylor(let m): return m
        case .pade(let m): return 2 * m
        }
    }
}

/// One evaluation scheme of one candidate, as the audit sees it.
public protocol AuditableScheme: Sendable {
    /// Short label, e.g. "T8" or "P13".
    var label: String { get }
    /// The candidate that uses it.
    var candidate: String { get }
    /// What it claims to evaluate.
    var target: SchemeTarget { get }
    /// Where the candidate uses it in precision `precision` ("float32"/"float64"), in words,
    /// e.g. "θ4 < ‖A‖₁ ≤ θ8, and after scaling above θ8".
    func usage(precision: Precision) -> String
    /// The largest ‖A‖₁ at which the candidate applies it (after scaling), in that precision.
    func maxNorm(precision: Precision) -> Double
    /// The scheme, evaluated on `a` in the algebra M.
    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M>
}
