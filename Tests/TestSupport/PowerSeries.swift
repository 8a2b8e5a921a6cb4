import Linalg

/// A truncated power series Σ_{k≤N} v_k x^k in the scheme algebra, for expanding an evaluation scheme
/// (test-only). Constants enter as `C` — rounded to the working precision exactly as the matrix
/// computation rounds them — and the arithmetic is Double.
///
/// Beside each coefficient v_k it carries m_k, the same expansion with every constant and every term
/// replaced by its absolute value: m_k bounds the sum of |contributions| to v_k, so the Double rounding
/// of v_k is a small multiple of u·m_k, and Σ m_k t^k is the magnitude polynomial that bounds every
/// intermediate value of the scheme at |x| = t (the usual running bound for rounding errors in
/// polynomial evaluation).
public struct PowerSeries<C: BLASScalar>: SchemeAlgebra {
    public typealias Coefficient = C
    /// Coefficients v_0 … v_N.
    public var values: [Double]
    /// Magnitudes m_0 … m_N.
    public var magnitudes: [Double]

    public init(values: [Double], magnitudes: [Double]) {
        self.values = values
        self.magnitudes = magnitudes
    }

    /// The variable x, truncated at degree `degree`.
    public static func variable(degree: Int) -> PowerSeries {
        var v = [Double](repeating: 0, count: degree + 1)
        v[1] = 1
        return PowerSeries(values: v, magnitudes: v)
    }

    public var degree: Int { values.count - 1 }

    public var one: PowerSeries {
        var v = [Double](repeating: 0, count: values.count)
        v[0] = 1
        return PowerSeries(values: v, magnitudes: v)
    }

    public static func + (a: PowerSeries, b: PowerSeries) -> PowerSeries {
        PowerSeries(
            values: zip(a.values, b.values).map { $0 + $1 },
            magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 })
    }

    public static func - (a: PowerSeries, b: PowerSeries) -> PowerSeries {
        PowerSeries(
            values: zip(a.values, b.values).map { $0 - $1 },
            magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 })
    }

    public static func * (a: PowerSeries, b: PowerSeries) -> PowerSeries {
        let n = a.values.count
        var v = [Double](repeating: 0, count: n)
        var m = [Double](repeating: 0, count: n)
        for i in 0..<n where a.magnitudes[i] != 0 {
            for j in 0..<(n - i) {
                v[i + j] += a.values[i] * b.values[j]
                m[i + j] += a.magnitudes[i] * b.magnitudes[j]
            }
        }
        return PowerSeries(values: v, magnitudes: m)
    }

    public static func * (c: C, x: PowerSeries) -> PowerSeries {
        let d = Double(c)
        return PowerSeries(values: x.values.map { d * $0 }, magnitudes: x.magnitudes.map { abs(d) * $0 })
    }

    public func divided(by d: C) -> PowerSeries {
        let e = Double(d)
        return PowerSeries(values: values.map { $0 / e }, magnitudes: magnitudes.map { $0 / abs(e) })
    }

    public func addingDiagonal(_ c: C) -> PowerSeries {
        var r = self
        r.values[0] += Double(c)
        r.magnitudes[0] += abs(Double(c))
        return r
    }

    /// Σ m_k t^k: the magnitude polynomial at t ≥ 0.
    public func magnitude(at t: Double) -> Double {
        magnitudes.reversed().reduce(0) { $0 * t + $1 }
    }

    /// Σ v_k t^k.
    public func value(at t: Double) -> Double {
        values.reversed().reduce(0) { $0 * t + $1 }
    }
}
