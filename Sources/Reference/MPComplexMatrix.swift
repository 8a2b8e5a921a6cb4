import CMPFR
import Linalg

/// A square complex matrix in MPFR: real and imaginary parts as two `MPMatrix` of one order and
/// one precision. Owns its storage through them; not `Sendable`, but distinct instances may be
/// used on distinct threads at the same time (no shared mutable state).
///
/// Only what the eigendecomposition witness needs: products, column and row scaling,
/// differences, 1-norm bounds, and an LU factorisation with partial pivoting (`MPComplexLU`).
final class MPComplexMatrix {
    let re: MPMatrix
    let im: MPMatrix

    var order: Int { re.order }
    var precision: Int { re.precision }

    init(re: MPMatrix, im: MPMatrix) {
        precondition(re.order == im.order && re.precision == im.precision, "parts must match")
        self.re = re
        self.im = im
    }

    /// The order×order zero matrix at `precision` bits.
    convenience init(order: Int, precision: Int) {
        self.init(re: MPMatrix(order: order, precision: precision),
                  im: MPMatrix(order: order, precision: precision))
    }

    /// A square Double complex matrix rounded entrywise to `precision` bits (exact for ≥ 53).
    convenience init(_ c: ComplexMatrix<Double>, precision: Int) {
        precondition(c.rows == c.cols, "MPComplexMatrix needs a square matrix")
        self.init(re: MPMatrix(c.real, precision: precision),
                  im: MPMatrix(c.imaginary, precision: precision))
    }

    /// The identity at `precision` bits.
    static func identity(order: Int, precision: Int) -> MPComplexMatrix {
        MPComplexMatrix(re: .identity(order: order, precision: precision),
                        im: MPMatrix(order: order, precision: precision))
    }

    /// Entry (i, j), an exact copy; written rounded to nearest at the matrix's precision.
    subscript(i: Int, j: Int) -> MPComplex {
        get { MPComplex(re: re[i, j], im: im[i, j]) }
        set {
            re[i, j] = newValue.re
            im[i, j] = newValue.im
        }
    }

    /// An exact copy.
    func copy() -> MPComplexMatrix { MPComplexMatrix(re: re.copy(), im: im.copy()) }

    /// True when no part of any entry is NaN or ±Inf.
    var isFinite: Bool { re.isFinite && im.isFinite }
}

// MARK: - Arithmetic

extension MPComplexMatrix {
    /// a·b at the precision of `a`, each real part accumulated as in `MPMatrix.multiply`:
    /// Re = Re a·Re b − Im a·Im b, Im = Re a·Im b + Im a·Re b, every scalar product and sum
    /// rounded to nearest. Normwise, ‖fl(a·b) − a·b‖₁ ≤ √2·(2n+1)·2^-p·‖a‖₁‖b‖₁ to first order
    /// (each real part is a sum of 2n rounded products, Σ(|Re·Re| + |Im·Im|) ≤ Σ|a_ik||b_kj|).
    static func * (a: MPComplexMatrix, b: MPComplexMatrix) -> MPComplexMatrix {
        precondition(a.precision == b.precision, "precision mismatch in product")
        let c = MPComplexMatrix(order: a.order, precision: a.precision)
        let t = MPFloat(precision: a.precision)
        MPMatrix.accumulate(a.re, b.re, into: c.re, subtract: false, scratch: t)
        MPMatrix.accumulate(a.im, b.im, into: c.re, subtract: true, scratch: t)
        MPMatrix.accumulate(a.re, b.im, into: c.im, subtract: false, scratch: t)
        MPMatrix.accumulate(a.im, b.re, into: c.im, subtract: false, scratch: t)
        return c
    }

    /// a·b for a real a, at the precision of `b` (two real products, error as for `*`).
    static func * (a: MPMatrix, b: MPComplexMatrix) -> MPComplexMatrix {
        let c = MPComplexMatrix(order: b.order, precision: b.precision)
        let t = MPFloat(precision: b.precision)
        MPMatrix.accumulate(a, b.re, into: c.re, subtract: false, scratch: t)
        MPMatrix.accumulate(a, b.im, into: c.im, subtract: false, scratch: t)
        return c
    }

    /// self·diag(d): column j times d[j], each entry one rounded complex product.
    func scalingColumns(by d: [MPComplex]) -> MPComplexMatrix {
        precondition(d.count == order, "one factor per column")
        let c = MPComplexMatrix(order: order, precision: precision)
        for j in 0..<order { for i in 0..<order { c[i, j] = self[i, j] * d[j] } }
        return c
    }

    /// diag(d)·self: row i times d[i], each entry one rounded complex product.
    func scalingRows(by d: [MPComplex]) -> MPComplexMatrix {
        precondition(d.count == order, "one factor per row")
        let c = MPComplexMatrix(order: order, precision: precision)
        for j in 0..<order { for i in 0..<order { c[i, j] = d[i] * self[i, j] } }
        return c
    }

    /// self ← self + x (entrywise, rounded to nearest).
    func add(_ x: MPComplexMatrix) { combine(x, subtract: false) }

    /// self ← self − x (entrywise, rounded to nearest).
    func subtract(_ x: MPComplexMatrix) { combine(x, subtract: true) }

    private func combine(_ x: MPComplexMatrix, subtract: Bool) {
        precondition(x.order == order, "order mismatch")
        for part in [(re, x.re), (im, x.im)] {
            let (target, source) = part
            withExtendedLifetime(source) {
                for e in 0..<(order * order) {
                    if subtract { mpfr_sub(target.entries + e, target.entries + e, source.entries + e, rnd) }
                    else { mpfr_add(target.entries + e, target.entries + e, source.entries + e, rnd) }
                }
            }
        }
    }

    /// self ← self − I.
    func subtractIdentity() {
        for i in 0..<order { mpfr_sub_si(re.entry(i, i), re.entry(i, i), 1, rnd) }
    }

    /// An upper bound of ‖self‖₁ = max_j Σ_i |z_ij| (|z| the complex modulus), at 64 bits: every
    /// modulus and sum rounded upward, so the result is never below the exact norm.
    var norm1UpperBound: MPFloat {
        let best = MPFloat(precision: 64), column = MPFloat(precision: 64)
        let modulus = MPFloat(precision: 64)
        withExtendedLifetime((column, modulus)) {
            for j in 0..<order {
                mpfr_set_zero(column.value, 1)
                for i in 0..<order {
                    mpfr_hypot(modulus.value, re.entry(i, j), im.entry(i, j), MPFR_RNDU)
                    mpfr_add(column.value, column.value, modulus.value, MPFR_RNDU)
                }
                mpfr_max(best.value, best.value, column.value, MPFR_RNDU)
            }
        }
        return best
    }
}

// MARK: - LU factorisation

/// P·A = L·U of a complex MPFR matrix by Gaussian elimination with partial pivoting (the pivot
/// of largest modulus in its column), all at the matrix's precision, rounding to nearest.
///
/// Backward stable in the usual sense: the computed factors satisfy P(A + ΔA) = L̂Û with
/// ‖ΔA‖ of order n·ρ·2^-p·‖A‖ (ρ the growth factor). Callers that need a guarantee should measure
/// the result (the witness checks ‖Z·V − I‖ of its computed inverse Z), not rely on this.
final class MPComplexLU {
    /// L (unit lower, below the diagonal) and U (on and above it), overwritten in place.
    private let lu: MPComplexMatrix
    /// Row interchanges: at step k, row k was swapped with row `swaps[k]` (≥ k).
    private var swaps: [Int] = []
    /// 1/u_kk at the working precision.
    private var pivotInverses: [MPComplex] = []

    var order: Int { lu.order }

    /// Factorises a copy of `a`; nil when a pivot is exactly zero (A singular to working
    /// precision in the sense that elimination cannot proceed) or not finite.
    init?(_ a: MPComplexMatrix) {
        lu = a.copy()
        let n = a.order, p = a.precision
        let best = MPFloat(precision: 64), modulus = MPFloat(precision: 64)
        let t = MPFloat(precision: p)
        let re = lu.re, im = lu.im
        for k in 0..<n {
            // Pivot: largest modulus in column k at or below the diagonal (moduli at 64 bits
            // suffice to choose; ties go to the first).
            var pivotRow = k
            mpfr_set_si(best.value, -1, rnd)
            for i in k..<n {
                mpfr_hypot(modulus.value, re.entry(i, k), im.entry(i, k), rnd)
                if mpfr_greater_p(modulus.value, best.value) != 0 {
                    mpfr_set(best.value, modulus.value, rnd)
                    pivotRow = i
                }
            }
            if mpfr_zero_p(best.value) != 0 || mpfr_number_p(best.value) == 0 { return nil }
            swaps.append(pivotRow)
            if pivotRow != k {
                for j in 0..<n {
                    mpfr_swap(re.entry(k, j), re.entry(pivotRow, j))
                    mpfr_swap(im.entry(k, j), im.entry(pivotRow, j))
                }
            }
            let inverse = MPComplex(1, 0, precision: p) / lu[k, k]
            pivotInverses.append(inverse)
            // Multipliers l_ik = a_ik / u_kk.
            for i in (k + 1)..<n {
                lu[i, k] = lu[i, k] * inverse
            }
            // Schur complement: a_ij ← a_ij − l_ik·u_kj for i, j > k.
            withExtendedLifetime(t) {
                for j in (k + 1)..<n {
                    let ur = re.entry(k, j), ui = im.entry(k, j)
                    if mpfr_zero_p(ur) != 0 && mpfr_zero_p(ui) != 0 { continue }
                    for i in (k + 1)..<n {
                        Self.subtractProduct(
                            re.entry(i, j), im.entry(i, j), re.entry(i, k), im.entry(i, k), ur, ui,
                            t.value)
                    }
                }
            }
        }
    }

    /// c ← c − x·y for complex c, x, y given by their parts; `t` is a scratch variable of c's
    /// precision. Four rounded products, four rounded sums.
    @inline(__always)
    private static func subtractProduct(
        _ cr: UnsafeMutablePointer<__mpfr_struct>, _ ci: UnsafeMutablePointer<__mpfr_struct>,
        _ xr: UnsafeMutablePointer<__mpfr_struct>, _ xi: UnsafeMutablePointer<__mpfr_struct>,
        _ yr: UnsafeMutablePointer<__mpfr_struct>, _ yi: UnsafeMutablePointer<__mpfr_struct>,
        _ t: UnsafeMutablePointer<__mpfr_struct>
    ) {
        mpfr_mul(t, xr, yr, rnd)
        mpfr_sub(cr, cr, t, rnd)
        mpfr_mul(t, xi, yi, rnd)
        mpfr_add(cr, cr, t, rnd)
        mpfr_mul(t, xr, yi, rnd)
        mpfr_sub(ci, ci, t, rnd)
        mpfr_mul(t, xi, yr, rnd)
        mpfr_sub(ci, ci, t, rnd)
    }

    /// X with A·X = B (every column of B), by the row interchanges, forward substitution with L
    /// and back substitution with U, at the factorisation's precision.
    func solve(_ b: MPComplexMatrix) -> MPComplexMatrix {
        let n = order
        precondition(b.order == n, "order mismatch in solve")
        let x = MPComplexMatrix(order: n, precision: lu.precision)
        x.re.assign(b.re)
        x.im.assign(b.im)
        let t = MPFloat(precision: lu.precision)
        let lr = lu.re, li = lu.im, xr = x.re, xi = x.im
        withExtendedLifetime(t) {
            for j in 0..<n {
                for k in 0..<n where swaps[k] != k {
                    mpfr_swap(xr.entry(k, j), xr.entry(swaps[k], j))
                    mpfr_swap(xi.entry(k, j), xi.entry(swaps[k], j))
                }
                // Forward: L y = P b (unit diagonal).
                for k in 0..<n {
                    let yr = xr.entry(k, j), yi = xi.entry(k, j)
                    if mpfr_zero_p(yr) != 0 && mpfr_zero_p(yi) != 0 { continue }
                    for i in (k + 1)..<n {
                        Self.subtractProduct(
                            xr.entry(i, j), xi.entry(i, j), lr.entry(i, k), li.entry(i, k), yr, yi, t.value)
                    }
                }
                // Back: U x = y.
                for k in stride(from: n - 1, through: 0, by: -1) {
                    x[k, j] = x[k, j] * pivotInverses[k]
                    let zr = xr.entry(k, j), zi = xi.entry(k, j)
                    if mpfr_zero_p(zr) != 0 && mpfr_zero_p(zi) != 0 { continue }
                    for i in 0..<k {
                        Self.subtractProduct(
                            xr.entry(i, j), xi.entry(i, j), lr.entry(i, k), li.entry(i, k), zr, zi, t.value)
                    }
                }
            }
        }
        return x
    }
}
