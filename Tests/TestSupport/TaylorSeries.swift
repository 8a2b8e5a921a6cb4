import Foundation
import Linalg
@testable import Candidates

/// A double-double number hi + lo (|lo| ≤ ulp(hi)/2): about 106 significant bits, enough that the
/// arithmetic of a scheme's expansion (a few dozen operations) adds errors of order 1e-30, far below the
/// effects being checked (the rounding of the scheme's scalars to Float or Double, ≥ 1e-17).
/// Error-free transformations: two-sum (Knuth) and the fma-based two-product.
public struct DoubleDouble: Equatable, Sendable, CustomStringConvertible {
    public var hi: Double
    public var lo: Double

    public init(_ x: Double) { (hi, lo) = (x, 0) }
    public init(hi: Double, lo: Double) { (self.hi, self.lo) = (hi, lo) }

    public static let zero = DoubleDouble(0)

    public var value: Double { hi + lo }
    public var description: String { "\(hi) + \(lo)" }

    /// a + b = s + e exactly.
    public static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(hi: s, lo: (a - (s - bb)) + (b - bb))
    }

    /// Renormalise (hi, lo) when |hi| ≥ |lo|.
    public static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        return fastTwoSum(s.hi, s.lo + a.lo + b.lo)
    }

    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -a.hi, lo: -a.lo) }

    public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = a.hi * b.hi
        let e = (-p).addingProduct(a.hi, b.hi)  // a.hi·b.hi − p, exact
        return fastTwoSum(p, e + (a.hi * b.lo + a.lo * b.hi))
    }

    /// a/d for a Double d: one long-division step on top of the leading quotient.
    public static func / (a: DoubleDouble, d: Double) -> DoubleDouble {
        let q1 = a.hi / d
        let p = q1 * d
        let pe = (-p).addingProduct(q1, d)  // q1·d − p, exact
        let r = ((a.hi - p) - pe) + a.lo
        return fastTwoSum(q1, r / d)
    }

    public var magnitude: Double { abs(value) }
}

/// A truncated power series Σ_{k ≤ order} c_k·x^k that runs a `SchemeAlgebra` scheme in working
/// precision K: the scheme's scalars arrive rounded to K exactly as on matrices, and the series
/// arithmetic is double-double, so the coefficients are those of the polynomial the scheme really
/// evaluates (up to ~1e-30 relative to `magnitudes`).
///
/// Alongside, `magnitudes` holds the same expansion with every scalar and every sign replaced by its
/// absolute value: m_k = Σ over the terms feeding x^k of |term|. It measures cancellation, and bounds
/// the effect of perturbing the scalars: if each scalar carries a relative error ≤ ρ and no term is a
/// product of more than p scalars, then |c_k − c̃_k| ≤ ((1 + ρ)^p − 1)·m_k ≈ p·ρ·m_k.
public struct TaylorSeries<K: BLASScalar>: SchemeAlgebra {
    public typealias Coefficient = K

    /// Highest power kept (20: two beyond T18, to see that nothing lies beyond a scheme's degree).
    public static var order: Int { 20 }

    public var coefficients: [DoubleDouble]
    public var magnitudes: [Double]

    public init(coefficients: [DoubleDouble], magnitudes: [Double]) {
        self.coefficients = coefficients
        self.magnitudes = magnitudes
    }

    /// The series of x itself.
    public static var variable: TaylorSeries {
        var c = [DoubleDouble](repeating: .zero, count: order + 1)
        var m = [Double](repeating: 0, count: order + 1)
        c[1] = DoubleDouble(1)
        m[1] = 1
        return TaylorSeries(coefficients: c, magnitudes: m)
    }

    public var one: TaylorSeries {
        var c = [DoubleDouble](repeating: .zero, count: Self.order + 1)
        var m = [Double](repeating: 0, count: Self.order + 1)
        c[0] = DoubleDouble(1)
        m[0] = 1
        return TaylorSeries(coefficients: c, magnitudes: m)
    }

    public static func + (a: TaylorSeries, b: TaylorSeries) -> TaylorSeries {
        TaylorSeries(
            coefficients: zip(a.coefficients, b.coefficients).map { $0 + $1 },
            magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 })
    }

    public static func - (a: TaylorSeries, b: TaylorSeries) -> TaylorSeries {
        TaylorSeries(
            coefficients: zip(a.coefficients, b.coefficients).map { $0 - $1 },
            magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 })
    }

    public static func * (a: TaylorSeries, b: TaylorSeries) -> TaylorSeries {
        var c = [DoubleDouble](repeating: .zero, count: order + 1)
        var m = [Double](repeating: 0, count: order + 1)
        for i in 0...order where a.magnitudes[i] != 0 {
            for j in 0...(order - i) where b.magnitudes[j] != 0 {
                c[i + j] = c[i + j] + a.coefficients[i] * b.coefficients[j]
                m[i + j] += a.magnitudes[i] * b.magnitudes[j]
            }
        }
        return TaylorSeries(coefficients: c, magnitudes: m)
    }

    public static func * (s: K, x: TaylorSeries) -> TaylorSeries {
        let d = DoubleDouble(Double(s))  // exact: Float and Double are subsets of double-double
        return TaylorSeries(coefficients: x.coefficients.map { d * $0 }, magnitudes: x.magnitudes.map { abs(Double(s)) * $0 })
    }

    public func divided(by d: K) -> TaylorSeries {
        TaylorSeries(coefficients: coefficients.map { $0 / Double(d) }, magnitudes: magnitudes.map { $0 / abs(Double(d)) })
    }

    public func addingDiagonal(_ s: K) -> TaylorSeries {
        var r = self
        r.coefficients[0] = r.coefficients[0] + DoubleDouble(Double(s))
        r.magnitudes[0] += abs(Double(s))
        return r
    }
}

/// k! as a Double (exact for k ≤ 22).
public func factorial(_ k: Int) -> Double { k < 2 ? 1 : (2...k).reduce(1.0) { $0 * Double($1) } }

/// c_k·k! − 1 in double-double, rounded to Double: the relative departure of c_k from 1/k!.
public func departureFromTaylor(_ c: DoubleDouble, _ k: Int) -> Double {
    (c * DoubleDouble(factorial(k)) - DoubleDouble(1)).value
}

// MARK: A-priori error bounds for the Taylor family

/// The scheme behind a choice of the Taylor family, run on the series type (so the magnitudes are those
/// of the code that ran).
public func taylorScheme<K: BLASScalar>(for choice: ExpmChoice, _: K.Type) -> TaylorSeries<K> {
    let x = TaylorSeries<K>.variable
    switch choice.approximant {
    case "T1": return TaylorBBC18Scheme.t1(x)
    case "T2": return TaylorBBC18Scheme.t2(x)
    case "T4": return TaylorBBC18Scheme.t4(x)
    case "T8": return TaylorBBC18Scheme.t8(x)
    case "T12": return TaylorBBC18Scheme.t12(x)
    case "T18", "T18-fixed": return TaylorBBC18Scheme.t18(x)
    case "T12-naive": return TaylorNaiveScheme.horner(x, degree: 12)
    default: preconditionFailure("not a Taylor-family choice: \(choice)")
    }
}

/// A-priori bounds for the Taylor family, from the scheme's own magnitude polynomial
/// M(x) = Σ_k m_k·x^k (`TaylorSeries.magnitudes`: every scalar and sign replaced by its absolute value).
///
/// Evaluating a scheme on B = 2^-s·A in floating point gives p(B) + E₀ with, entry by entry,
/// |E₀| ≤ c·u·p̃(|B|) where p̃ is the scheme with absolute values and c counts the roundings along any
/// path through it (the classical bound for polynomial evaluation, first order in u); since
/// ‖p̃(|B|)‖₁ ≤ M(‖B‖₁), every entry of E₀ is at most c·u·M(x), x = ‖B‖₁. Here
/// - taylor-bbc18's schemes: at most 5 nested products (T18: A², A³, A⁶, B1·B5, (B3 + A9)·A9), each an
///   n-term dot product (≤ n roundings), at most 8 roundings in the linear combinations on a path, and
///   4·u·M for the rounding of the scalars to T (≤ 4 scalars per term, see `TaylorSchemeExpansionTests`):
///   c = 5n + 12;
/// - taylor-naive's Horner: 11 nested products, 12 divisions and 12 additions: c = 11n + 24.
/// The truncation adds the Taylor remainder Σ_{k>m} x^k/k! ≤ x^(m+1)/(m+1)!·e^x.
public enum TaylorBounds {
    public static func roundingConstant(_ choice: ExpmChoice, n: Int) -> Double {
        choice.approximant == "T12-naive" ? Double(11 * n + 24) : Double(5 * n + 12)
    }

    /// M(x) for the scheme of `choice` with scalars rounded to K.
    public static func magnitude<K: BLASScalar>(_ choice: ExpmChoice, at x: Double, _: K.Type) -> Double {
        let series = taylorScheme(for: choice, K.self)
        var sum = 0.0, power = 1.0
        for m in series.magnitudes {
            sum += m * power
            power *= x
        }
        return sum
    }

    /// x^(m+1)/(m+1)!·e^x, a bound on Σ_{k>m} x^k/k!.
    public static func remainder(degree m: Int, at x: Double) -> Double {
        Foundation.pow(x, Double(m + 1)) / factorial(m + 1) * Foundation.exp(x)
    }

    /// Max-entry error of the unscaled evaluation at ‖B‖₁ = x: c·u·M(x) + remainder.
    public static func evaluation<K: BLASScalar>(_ choice: ExpmChoice, at x: Double, n: Int, _: K.Type) -> Double {
        let u = unitRoundoff(K.self)
        return roundingConstant(choice, n: n) * u * magnitude(choice, at: x, K.self)
            + remainder(degree: choice.degree!, at: x)
    }

    /// Max-entry error of exp(A) for an n×n A with ‖A‖₁ = `norm`, where G ≥ max_{0≤t≤1} ‖e^{tA}‖₁.
    ///
    /// Squaring X = e^B + E₀ s times leaves Σ_{i<2^s} X^i·E₀·X^(2^s−1−i) plus the propagated rounding of
    /// each squaring (≤ n·u·‖X_j‖² each): with every power of X bounded by G, the error is at most
    /// 2^s·G²·(‖E₀‖₁ + n·u·G²) to first order, and ‖E₀‖₁ ≤ n·(max-entry bound).
    public static func matrix<K: BLASScalar>(_ choice: ExpmChoice, norm: Double, n: Int, growth g: Double, _: K.Type) -> Double {
        let s = choice.scaling!  // the native candidates always report s
        let x = norm / Double(1 << s)
        let u = unitRoundoff(K.self)
        return Double(1 << s) * g * g * (Double(n) * evaluation(choice, at: x, n: n, K.self) + Double(n) * u * g * g)
    }

    /// Relative error of exp(v) computed as an entry of a diagonal matrix: the scheme at w = v/2^s has
    /// relative error ε₀ ≤ (c·u·M(|w|) + remainder(|w|))·e^(−w), and s exact squarings (one rounding each)
    /// turn 1 + ε into at most (1 + ε₀ + u)^(2^s).
    public static func diagonal<K: BLASScalar>(_ choice: ExpmChoice, entry v: Double, n: Int, _: K.Type) -> Double {
        let s = choice.scaling!  // the native candidates always report s
        let w = v / Double(1 << s)
        let u = unitRoundoff(K.self)
        let epsilon = evaluation(choice, at: abs(w), n: n, K.self) * Foundation.exp(-w)
        return Foundation.expm1(Double(1 << s) * Foundation.log1p(epsilon + u))
    }
}
