import CMPFR
import Foundation
import Linalg

/// A square matrix of MPFR numbers, all of one precision, stored column-major like
/// `Matrix`: entry (i, j) is element i + j·order.
///
/// Owns its storage (one MPFR variable per entry, each initialised with the matrix's explicit
/// precision). A reference type whose operations mutate in place; not `Sendable`, but distinct
/// instances can be used on distinct threads at the same time (no shared mutable state).
public final class MPMatrix {
    /// Number of rows (= columns).
    public let order: Int
    /// Significand bits of every entry.
    public let precision: Int
    /// order² MPFR variables, column-major.
    let entries: UnsafeMutablePointer<__mpfr_struct>

    /// The order×order zero matrix with `precision`-bit entries.
    public init(order: Int, precision: Int) {
        precondition(order >= 0, "matrix order must be non-negative")
        let bits = mpfrPrecision(precision)
        self.order = order
        self.precision = precision
        entries = .allocate(capacity: order * order)
        for e in 0..<(order * order) {
            mpfr_init2(entries + e, bits)
            mpfr_set_zero(entries + e, 1)
        }
    }

    deinit {
        for e in 0..<(order * order) { mpfr_clear(entries + e) }
        entries.deallocate()
    }

    /// The square Double matrix `a` rounded entrywise to `precision` bits (exact when
    /// `precision` ≥ 53). NaN and ±Inf entries are carried over.
    public convenience init(_ a: Matrix<Double>, precision: Int) {
        precondition(a.isSquare, "MPMatrix needs a square matrix, got \(a.rows)×\(a.cols)")
        self.init(order: a.rows, precision: precision)
        for e in 0..<(order * order) { mpfr_set_d(entries + e, a.elements[e], rnd) }
    }

    /// The order×order identity with `precision`-bit entries.
    public static func identity(order: Int, precision: Int) -> MPMatrix {
        let m = MPMatrix(order: order, precision: precision)
        for i in 0..<order { mpfr_set_si(m.entry(i, i), 1, rnd) }
        return m
    }

    /// The MPFR variable of entry (i, j). Internal: raw pointers never leave the module.
    @inline(__always)
    func entry(_ i: Int, _ j: Int) -> UnsafeMutablePointer<__mpfr_struct> {
        entries + (i + j * order)
    }

    /// Entry (i, j): read as an exact copy at the matrix's precision; written rounded to
    /// nearest at the matrix's precision.
    public subscript(i: Int, j: Int) -> MPFloat {
        get {
            checkIndex(i, j)
            let r = MPFloat(precision: precision)
            mpfr_set(r.value, entry(i, j), rnd)
            return r
        }
        set {
            checkIndex(i, j)
            mpfr_set(entry(i, j), newValue.value, rnd)
        }
    }

    private func checkIndex(_ i: Int, _ j: Int) {
        precondition(i >= 0 && i < order && j >= 0 && j < order, "index (\(i), \(j)) out of range")
    }

    /// A copy rounded entrywise to `precision` bits (default: the same precision, exact).
    public func copy(precision: Int? = nil) -> MPMatrix {
        let r = MPMatrix(order: order, precision: precision ?? self.precision)
        r.assign(self)
        return r
    }

    /// self ← x entrywise (rounded to self's precision); same order required.
    func assign(_ x: MPMatrix) {
        precondition(x.order == order, "order mismatch")
        for e in 0..<(order * order) { mpfr_set(entries + e, x.entries + e, rnd) }
    }
}

// MARK: - Conversions

extension MPMatrix {
    /// Each entry rounded to the nearest Double (±Inf where it exceeds Double's range).
    public func toDouble() -> Matrix<Double> {
        Matrix(rows: order, cols: order, elements: (0..<(order * order)).map {
            mpfr_get_d(entries + $0, rnd)
        })
    }

    /// Each entry as hi + lo: hi is the entry rounded to nearest Double, lo the exact remainder
    /// rounded to nearest, so hi + lo carries about 106 bits (see `MPFloat.hiLo`). Where an
    /// entry overflows Double, hi is ±Inf and lo is 0.
    public func splitHiLo() -> (hi: Matrix<Double>, lo: Matrix<Double>) {
        var hi = [Double](), lo = [Double]()
        hi.reserveCapacity(order * order)
        lo.reserveCapacity(order * order)
        for e in 0..<(order * order) {
            let (h, l) = Reference.splitHiLo(entries + e)
            hi.append(h)
            lo.append(l)
        }
        return (Matrix(rows: order, cols: order, elements: hi),
                Matrix(rows: order, cols: order, elements: lo))
    }

    /// The exact sum hi + lo of two Double matrices, rounded to `precision` bits: the inverse
    /// of `splitHiLo` up to that rounding.
    public static func fromHiLo(_ hi: Matrix<Double>, _ lo: Matrix<Double>, precision: Int) -> MPMatrix {
        precondition(hi.isSquare && hi.rows == lo.rows && hi.cols == lo.cols, "hi/lo shape mismatch")
        let m = MPMatrix(hi, precision: precision)
        for e in 0..<(m.order * m.order) { mpfr_add_d(m.entries + e, m.entries + e, lo.elements[e], rnd) }
        return m
    }
}

// MARK: - Norms and predicates

extension MPMatrix {
    /// True when no entry is NaN or ±Inf.
    public var isFinite: Bool {
        (0..<(order * order)).allSatisfy { mpfr_number_p(entries + $0) != 0 }
    }

    /// ‖A‖₁ (largest column sum of absolute values), computed in MPFR at 64 bits and rounded
    /// to the nearest Double: relative error about n·2^-64. NaN if an entry is NaN.
    public var norm1: Double { norm1(rounding: MPFR_RNDN).double }

    /// An upper bound of ‖A‖₁: every addition rounded upward, the result rounded up to Double
    /// (+Inf if it exceeds Double's range). Used to choose the scaling, so it must not be low.
    public var norm1UpperBound: Double { norm1(rounding: MPFR_RNDU).double(rounding: MPFR_RNDU) }

    /// log2 of an upper bound of ‖A‖₁ (−∞ for the zero matrix), valid even when the norm
    /// exceeds Double's range.
    var log2Norm1UpperBound: Double {
        let bound = norm1(rounding: MPFR_RNDU)
        if bound.isZero { return -.infinity }
        let (mantissa, exponent) = bound.mantissaExponent(rounding: MPFR_RNDU)  // in [0.5, 1)
        // Two ulps of slack cover the rounding of log2 itself.
        return (Foundation.log2(mantissa) + Double(exponent)).nextUp.nextUp
    }

    /// ‖A‖₁ at 64 bits with every sum rounded in direction `mode`.
    func norm1(rounding mode: mpfr_rnd_t) -> MPFloat {
        let best = MPFloat(precision: 64), column = MPFloat(precision: 64)
        let magnitude = MPFloat(precision: precision)
        return withExtendedLifetime((column, magnitude)) {
            for j in 0..<order {
                mpfr_set_zero(column.value, 1)
                for i in 0..<order {
                    mpfr_abs(magnitude.value, entry(i, j), rnd)  // exact
                    mpfr_add(column.value, column.value, magnitude.value, mode)
                }
                if column.isNaN { return column }
                mpfr_max(best.value, best.value, column.value, mode)
            }
            return best
        }
    }
}
