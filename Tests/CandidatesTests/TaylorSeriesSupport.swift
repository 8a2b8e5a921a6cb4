import Foundation
import Linalg
@testable import Candidates

/// A double-double number hi + lo (|lo| ≤ ulp(hi)/2): about 106 significant bits, enough that the
/// arithmetic of a scheme's expansion (a few dozen operations) adds errors of order 1e-30, far below the
/// effects being checked (the rounding of the scheme's scalars to Float or Double, ≥ 1e-17).
/// Error-free transformations: two-sum (Knuth) and the fma-based two-product.
struct DoubleDouble: Equatable, CustomStringConvertible {
    var hi: Double
    var lo: Double

    init(_ x: Double) { (hi, lo) = (x, 0) }
    init(hi: Double, lo: Double) { (self.hi, self.lo) = (hi, lo) }

    static let zero = DoubleDouble(0)

    var value: Double { hi + lo }
    var description: String { "\(hi) + \(lo)" }

    /// a + b = s + e exactly.
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(hi: s, lo: (a - (s - bb)) + (b - bb))
    }

    /// Renormalise (hi, lo) when |hi| ≥ |lo|.
    static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        return fastTwoSum(s.hi, s.lo + a.lo + b.lo)
    }

    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -a.hi, lo: -a.lo) }

    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = a.hi * b.hi
        let e = (-p).addingProduct(a.hi, b.hi)  // a.hi·b.hi − p, exact
        return fastTwoSum(p, e + (a.hi * b.lo + a.lo * b.hi))
    }

    /// a/d for a Double d: one long-division step on top of the leading quotient.
    static func / (a: DoubleDouble, d: Double) -> DoubleDouble {
        let q1 = a.hi / d
        let p = q1 * d
        let pe = (-p).addingProduct(q1, d)  // q1·d − p, exact
        let r = ((a.hi - p) - pe) + a.lo
        return fastTwoSum(q1, r / d)
    }

    var magnitude: Double { abs(value) }
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
struct TaylorSeries<K: BLASScalar>: SchemeAlgebra {
    typealias Coefficient = K

    /// Highest power kept (20: two beyond T18, to see that nothing lies beyond a scheme's degree).
    static var order: Int { 20 }

    var coefficients: [DoubleDouble]
    var magnitudes: [Double]

    init(coefficients: [DoubleDouble], magnitudes: [Double]) {
        self.coefficients = coefficients
        self.magnitudes = magnitudes
    }

    /// The series of x itself.
    static var variable: TaylorSeries {
        var c = [DoubleDouble](repeating: .zero, count: order + 1)
        var m = [Double](repeating: 0, count: order + 1)
        c[1] = DoubleDouble(1)
        m[1] = 1
        return TaylorSeries(coefficients: c, magnitudes: m)
    }

    var one: TaylorSeries {
        var c = [DoubleDouble](repeating: .zero, count: Self.order + 1)
        var m = [Double](repeating: 0, count: Self.order + 1)
        c[0] = DoubleDouble(1)
        m[0] = 1
        return TaylorSeries(coefficients: c, magnitudes: m)
    }

    static func + (a: TaylorSeries, b: TaylorSeries) -> TaylorSeries {
        TaylorSeries(
            coefficients: zip(a.coefficients, b.coefficients).map { $0 + $1 },
            magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 })
    }

    static func - (a: TaylorSeries, b: TaylorSeries) -> TaylorSeries {
        TaylorSeries(
            coefficients: zip(a.coefficients, b.coefficients).map { $0 - $1 },
            magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 })
    }

    static func * (a: TaylorSeries, b: TaylorSeries) -> TaylorSeries {
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

    static func * (s: K, x: TaylorSeries) -> TaylorSeries {
        let d = DoubleDouble(Double(s))  // exact: Float and Double are subsets of double-double
        return TaylorSeries(coefficients: x.coefficients.map { d * $0 }, magnitudes: x.magnitudes.map { abs(Double(s)) * $0 })
    }

    func divided(by d: K) -> TaylorSeries {
        TaylorSeries(coefficients: coefficients.map { $0 / Double(d) }, magnitudes: magnitudes.map { $0 / abs(Double(d)) })
    }

    func addingDiagonal(_ s: K) -> TaylorSeries {
        var r = self
        r.coefficients[0] = r.coefficients[0] + DoubleDouble(Double(s))
        r.magnitudes[0] += abs(Double(s))
        return r
    }
}

/// k! as a Double (exact for k ≤ 22).
func factorial(_ k: Int) -> Double { k < 2 ? 1 : (2...k).reduce(1.0) { $0 * Double($1) } }

/// c_k·k! − 1 in double-double, rounded to Double: the relative departure of c_k from 1/k!.
func departureFromTaylor(_ c: DoubleDouble, _ k: Int) -> Double {
    (c * DoubleDouble(factorial(k)) - DoubleDouble(1)).value
}
