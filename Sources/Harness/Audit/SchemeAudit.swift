import Foundation
import Candidates
import Linalg
import Reference

/// The audit of one evaluation scheme in one precision: the polynomial (or rational function) its
/// code really evaluates, expanded in MPFR and compared with exp's Taylor coefficients 1/k!.
///
/// A coefficient error matters where it changes results: at the largest norm θ where the candidate
/// applies the scheme, the error in the degree-k coefficient moves the result by up to
/// |ĉ_k − 1/k!|·θ^k (relative to ‖I‖ = 1). The scheme *departs* at the first degree k within its claimed
/// order where that exceeds the unit roundoff u of the precision with its constants as written, and
/// the coefficient is further from 1/k! than rounding its constants to Double can explain (a defect of
/// the scheme, not of rounding); it then does not deliver the accuracy its threshold θ was derived for. Separately, `coefficientErrorOverU` weighs the coefficients as the precision really
/// rounds them. The leading term beyond the claimed order is the scheme's truncation error at θ,
/// which its θ is meant to keep near u.
public struct SchemeAuditEntry: Codable, Sendable, Equatable {
    public struct Departure: Codable, Sendable, Equatable {
        public var degree: Int
        /// 1/k! (Taylor) — the coefficient the scheme should have.
        public var expected: Double
        /// The coefficient the scheme's code produces (constants rounded to the precision).
        public var actual: Double
        /// (actual − expected)/expected.
        public var relative: Double
        /// |actual − expected|·θ^k ÷ u.
        public var effectOverU: Double
    }

    public var candidate: String
    public var scheme: String
    public var precision: Precision
    /// "Taylor 8" or "Padé [13/13]".
    public var target: String
    /// The order through which it should agree with exp's series (m, or 2m for Padé).
    public var claimedOrder: Int
    /// Largest ‖A‖₁ at which the candidate applies it, in this precision.
    public var theta: Double
    public var usage: String
    /// It agrees with 1/k! (within u at θ) for every k ≤ this.
    public var matchesThrough: Int
    public var firstDeparture: Departure?
    /// Σ_{k ≤ claimed} |ĉ_k − 1/k!|·θ^k ÷ u with the constants rounded to this precision: the whole
    /// coefficient error the computation carries at θ, in units of u.
    public var coefficientErrorOverU: Double
    /// |ĉ_{m+1} − 1/(m+1)!|·θ^{m+1} ÷ u with m the claimed order: the leading truncation term at θ.
    public var truncationOverU: Double
    /// For Padé schemes: the largest relative deviation of p_m's and q_m's normalised coefficients
    /// from the closed form (2m−j)!·m!/((2m)!·j!·(m−j)!); nil for Taylor schemes.
    public var padeCoefficientDeviation: Double?

    /// True when the scheme departs below its claimed order: a finding.
    public var departs: Bool { firstDeparture != nil }
}

/// Runs the audit over the scheme catalogue.
public enum SchemeAudit {
    /// Working precision of the expansions (bits).
    static let bits = 256

    /// How far rounding of constants written as Double literals can move a coefficient, per unit of
    /// its magnitude (the sum of |contributions|): each contribution is a product of at most ~8 constants
    /// in the schemes here, each within 2^-53 relative of its intended value (literals with 16–20
    /// significant digits, or closed forms rounded once), so 16·2^-53 with a factor 2 to spare.
    static let constantRounding = 16 * 0x1p-53

    /// Audit of every scheme of the given candidates in their precisions (schemes a candidate does
    /// not use in a precision are left out).
    public static func run(_ candidates: [any ExpmCandidate]) -> [SchemeAuditEntry] {
        SchemeCatalog.all.flatMap { scheme in
            [Precision.float32, .float64].compactMap { p -> SchemeAuditEntry? in
                guard candidates.contains(where: { $0.name == scheme.candidate && $0.precision == p }),
                      scheme.maxNorm(precision: p) > 0
                else { return nil }
                return p == .float32 ? audit(scheme, Float.self) : audit(scheme, Double.self)
            }
        }
    }

    /// Audit of one scheme in precision T.
    ///
    /// The scheme is expanded twice: with its constants as written (Double literals, or exact
    /// integers), which tells whether the scheme itself departs from exp's series; and with its
    /// constants rounded to T, which gives the coefficient error the computation in T really carries.
    /// Both are weighed at θ, the largest norm where the candidate applies the scheme in T (at
    /// ‖A‖₁ = 1 for a scheme applied at every norm, θ = ∞), against T's unit roundoff.
    public static func audit<T: BLASScalar>(_ scheme: any AuditableScheme, _: T.Type) -> SchemeAuditEntry {
        let order = scheme.target.orderOfAgreement
        let asWritten = expand(scheme, Double.self, order: order)
        let rounded = expand(scheme, T.self, order: order)
        let precision = T.precision
        let theta = scheme.maxNorm(precision: precision)
        let at = theta.isFinite ? theta : 1
        let u = Double(T.unitRoundoff)
        var entry = SchemeAuditEntry(
            candidate: scheme.candidate, scheme: scheme.label, precision: precision,
            target: describe(scheme.target), claimedOrder: order, theta: theta,
            usage: scheme.usage(precision: precision), matchesThrough: order, firstDeparture: nil,
            coefficientErrorOverU: 0, truncationOverU: 0, padeCoefficientDeviation: rounded.padeDeviation)
        for k in 0...(order + 1) {
            let expected = MPFloat.reciprocalFactorial(k, precision: bits)
            let weight = pow(at, Double(k)) / u
            let writtenError = (asWritten.series.coefficients[k] - expected).magnitude.double
            let written = writtenError * weight
            let roundingAllowance = constantRounding * asWritten.series.magnitudes[k].double
            let inT = (rounded.series.coefficients[k] - expected).magnitude.double * weight
            if k > order {
                entry.truncationOverU = inT
                break
            }
            entry.coefficientErrorOverU += inT
            if written > 1 && writtenError > roundingAllowance && entry.firstDeparture == nil {
                let c = asWritten.series.coefficients[k]
                entry.matchesThrough = k - 1
                entry.firstDeparture = .init(
                    degree: k, expected: expected.double, actual: c.double,
                    relative: ((c - expected) / expected).double, effectOverU: written)
            }
        }
        return entry
    }

    /// The scheme run on x in the series algebra with constants in precision C.
    private static func expand<C: BLASScalar>(_ scheme: any AuditableScheme, _: C.Type, order: Int)
        -> (series: AuditSeries<C>, padeDeviation: Double?)
    {
        let x = AuditSeries<C>.variable(degree: order + 2, precision: bits)
        switch scheme.evaluate(x) {
        case .polynomial(let p):
            return (p, nil)
        case .rational(let p, let q):
            if case .pade(let m) = scheme.target { return (AuditSeries.quotient(p, q), padeDeviationOf(p, q, m)) }
            return (AuditSeries.quotient(p, q), nil)
        }
    }

    private static func describe(_ t: SchemeTarget) -> String {
        switch t {
        case .taylor(let m): return "Taylor \(m)"
        case .pade(let m): return "Padé [\(m)/\(m)]"
        }
    }

    /// max_j of |p_j/p_0 − c_j|/c_j and |q_j/q_0 − (−1)^j c_j|/c_j, with c_j the [m/m] Padé coefficients
    /// of exp from their closed form, c_j = (2m−j)!·m!/((2m)!·j!·(m−j)!), computed in MPFR.
    private static func padeDeviationOf<T>(_ p: AuditSeries<T>, _ q: AuditSeries<T>, _ m: Int) -> Double {
        func factorial(_ k: Int) -> MPFloat { (1 / MPFloat.reciprocalFactorial(k, precision: bits)) }
        var worst = 0.0
        for j in 0...m {
            let c = factorial(2 * m - j) * factorial(m) / (factorial(2 * m) * factorial(j) * factorial(m - j))
            let signed = j % 2 == 0 ? c : -c
            for (series, want) in [(p, c), (q, signed)] {
                let got = series.coefficients[j] / series.coefficients[0]
                worst = max(worst, ((got - want) / want).magnitude.double)
            }
        }
        return worst
    }
}

private func / (a: Int, b: MPFloat) -> MPFloat { MPFloat(a, precision: b.precision) / b }
