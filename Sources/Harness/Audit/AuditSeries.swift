import Linalg
import Reference

/// A power series in one variable x, truncated after `degree`, with MPFR coefficients: the algebra in
/// which `harness audit` runs an evaluation scheme. Feeding it x (the series 0 + 1·x) makes the
/// scheme's code compute the polynomial it really evaluates, coefficient by coefficient.
///
/// Constants arrive already rounded to the working precision T (`Coefficient`), exactly as the
/// candidate uses them; their conversion to MPFR is exact. The series arithmetic itself is done at
/// `precision` bits, so its own rounding (~2^-256 relative) is far below anything reported.
///
/// Beside each coefficient it carries its magnitude: the same expansion with every constant and
/// every contribution taken in absolute value. A coefficient assembled from constants that each carry
/// a relative error ε is then off by at most (number of constant factors)·ε·magnitude, which tells
/// rounding of the constants apart from a wrong constant.
struct AuditSeries<T: BLASScalar>: SchemeAlgebra {
    typealias Coefficient = T

    var coefficients: [MPFloat]
    var magnitudes: [MPFloat]
    let precision: Int

    var degree: Int { coefficients.count - 1 }

    /// The series of x itself, truncated after `degree`.
    static func variable(degree: Int, precision: Int) -> AuditSeries {
        var c = (0...degree).map { _ in MPFloat(0, precision: precision) }
        if degree >= 1 { c[1] = MPFloat(1, precision: precision) }
        return AuditSeries(coefficients: c, magnitudes: c, precision: precision)
    }

    private func constant(_ t: T) -> MPFloat { MPFloat(Double(t), precision: precision) }

    var one: AuditSeries {
        var c = coefficients.map { _ in MPFloat(0, precision: precision) }
        c[0] = MPFloat(1, precision: precision)
        return AuditSeries(coefficients: c, magnitudes: c, precision: precision)
    }

    static func + (a: AuditSeries, b: AuditSeries) -> AuditSeries {
        AuditSeries(coefficients: zip(a.coefficients, b.coefficients).map { $0 + $1 },
                    magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 }, precision: a.precision)
    }

    static func - (a: AuditSeries, b: AuditSeries) -> AuditSeries {
        AuditSeries(coefficients: zip(a.coefficients, b.coefficients).map { $0 - $1 },
                    magnitudes: zip(a.magnitudes, b.magnitudes).map { $0 + $1 }, precision: a.precision)
    }

    /// The Cauchy product, truncated after `degree`.
    static func * (a: AuditSeries, b: AuditSeries) -> AuditSeries {
        AuditSeries(coefficients: cauchy(a.coefficients, b.coefficients, a.precision),
                    magnitudes: cauchy(a.magnitudes, b.magnitudes, a.precision), precision: a.precision)
    }

    private static func cauchy(_ a: [MPFloat], _ b: [MPFloat], _ precision: Int) -> [MPFloat] {
        (0..<a.count).map { k in
            var s = MPFloat(0, precision: precision)
            for i in 0...k where !a[i].isZero && !b[k - i].isZero { s = s + a[i] * b[k - i] }
            return s
        }
    }

    static func * (c: T, x: AuditSeries) -> AuditSeries {
        let k = x.constant(c), m = k.magnitude
        return AuditSeries(coefficients: x.coefficients.map { k * $0 }, magnitudes: x.magnitudes.map { m * $0 },
                           precision: x.precision)
    }

    /// Division of every coefficient by d: the exact mathematical quotient (to `precision` bits).
    /// Entrywise division rounds in the candidate's precision; that is an evaluation rounding, not a
    /// coefficient of the scheme.
    func divided(by d: T) -> AuditSeries {
        let k = constant(d), m = k.magnitude
        return AuditSeries(coefficients: coefficients.map { $0 / k }, magnitudes: magnitudes.map { $0 / m },
                           precision: precision)
    }

    func addingDiagonal(_ c: T) -> AuditSeries {
        var r = self
        r.coefficients[0] = r.coefficients[0] + constant(c)
        r.magnitudes[0] = r.magnitudes[0] + constant(c).magnitude
        return r
    }

    /// The series of p/q (q₀ ≠ 0), truncated after `degree`; magnitudes by the same recurrence in
    /// absolute values (the usual running bound for series division).
    static func quotient(_ p: AuditSeries, _ q: AuditSeries) -> AuditSeries {
        var r = [MPFloat](), m = [MPFloat]()
        let q0 = q.coefficients[0].magnitude
        for k in 0...p.degree {
            var s = p.coefficients[k], t = p.magnitudes[k]
            for i in 0..<k {
                s = s - r[i] * q.coefficients[k - i]
                t = t + m[i] * q.magnitudes[k - i]
            }
            r.append(s / q.coefficients[0])
            m.append(t / q0)
        }
        return AuditSeries(coefficients: r, magnitudes: m, precision: p.precision)
    }
}
