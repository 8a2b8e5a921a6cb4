import CArb
import CMPFR
import Foundation
import Linalg

// The Arb layer. This file is the only code in the package that touches Arb's C types. Rules:
//   * every Arb object (arb_mat, arf, mag) is owned by a Swift class that initialises it in
//     `init` and clears it in `deinit`; raw pointers never leave this file;
//   * every operation is given an explicit precision (Arb has no global default precision) and,
//     where it rounds, an explicit rounding direction chosen so that bounds stay bounds;
//   * nothing is shared between calls: each `ArbWitness.exp` owns all its objects, so calls for
//     different matrices may run concurrently (FLINT keeps its caches per thread).
//
// CMPFR is imported only to read MPMatrix entries exactly (`arf_set_mpfr`).

/// exp(A) enclosed by Arb's ball arithmetic: for every entry, a midpoint and a radius such that
/// the true entry of exp(A) lies within radius of the midpoint, rigorously (Arb's `arb_mat_exp`
/// bounds the Taylor truncation and every rounding error).
///
/// The midpoint is exposed as hi + lo Doubles (hi = midpoint rounded to nearest, lo = remainder
/// rounded to nearest); `radius` already includes what that rounding drops, so
/// |exp(A)ᵢⱼ − (hiᵢⱼ + loᵢⱼ)| ≤ radiusᵢⱼ holds for every entry, with hi + lo summed exactly.
/// Where an entry exceeds Double's range, hi is ±Inf, lo 0 and radius +Inf; the Arb ball itself
/// stays exact and is what `digits(hi:lo:cap:)` and `digits(_:cap:)` use.
public struct ArbExp: Sendable {
    /// n, for an n×n input.
    public var order: Int
    /// The midpoint rounded entrywise to the nearest Double.
    public var hi: Matrix<Double>
    /// The remainder midpoint − hi, rounded entrywise to the nearest Double.
    public var lo: Matrix<Double>
    /// Entrywise upper bounds, as Doubles rounded up, of |exp(A) − (hi + lo)|.
    public var radius: Matrix<Double>
    /// The working precision (bits) of the run whose enclosure is returned.
    public var workingBits: Int
    /// An upper bound (rounded up) of ‖rad‖₁ / ‖exp(A)‖₁, with rad the matrix of Arb's own
    /// radii (before rounding the midpoint to hi + lo) and ‖exp(A)‖₁ bounded from below by the
    /// balls: how tight the enclosure is, normwise.
    public var relativeRadius: Double
    /// True when `relativeRadius` ≤ 2^-(`targetBits`): the precision rule reached its goal.
    /// When false the enclosure is still rigorous, only wider than asked.
    public var meetsTarget: Bool
    /// The goal of the precision rule, in bits (see `ArbWitness.exp`).
    public var targetBits: Int
    /// Wall time of all runs, seconds.
    public var seconds: Double

    /// The balls themselves, kept for exact comparisons.
    let balls: ArbBallMatrix

    /// True when every entry of `x` lies in the corresponding closed ball (exact comparison).
    /// For a matrix that rounds exp(A), such as a closed form at 512 bits, this checks the
    /// enclosure up to that rounding, which must be far below `relativeRadius` to be meaningful.
    public func contains(_ x: MPMatrix) -> Bool {
        precondition(x.order == order, "matrix must be \(order)×\(order)")
        guard x.isFinite else { return false }
        let value = Arf()
        return withExtendedLifetime(x) {
            for j in 0..<order {
                for i in 0..<order {
                    arf_set_mpfr(value.pointer, x.entry(i, j))  // exact
                    if arb_contains_arf(balls.entry(i, j), value.pointer) == 0 { return false }
                }
            }
            return true
        }
    }

    /// Digits of a hi + lo reference that Arb's enclosure proves correct; see `ArbWitness`.
    public func digits(hi: Matrix<Double>, lo: Matrix<Double>, cap: Double) -> AgreementDigits {
        precondition(
            hi.rows == order && hi.cols == order && lo.rows == order && lo.cols == order,
            "reference must be \(order)×\(order)")
        guard hi.isFinite && lo.isFinite else { return AgreementDigits(normwise: 0, componentwise: 0) }
        let reference = Arf()
        let lower = Arf()
        return balls.provenDigits(cap: cap) { i, j in
            arf_set_d(reference.pointer, hi[i, j])
            arf_set_d(lower.pointer, lo[i, j])
            // hi + lo of two finite Doubles is exact within a few thousand bits.
            _ = arf_add(reference.pointer, reference.pointer, lower.pointer, ARF_PREC_EXACT, ARF_RND_NEAR)
            return reference
        }
    }

    /// Digits of an MPFR reference (e.g. `TaylorReference.exponential`) that Arb's enclosure
    /// proves correct, using every bit of the reference; see `ArbWitness`.
    public func digits(_ reference: MPMatrix, cap: Double) -> AgreementDigits {
        precondition(reference.order == order, "reference must be \(order)×\(order)")
        guard reference.isFinite else { return AgreementDigits(normwise: 0, componentwise: 0) }
        let value = Arf()
        return withExtendedLifetime(reference) {
            balls.provenDigits(cap: cap) { i, j in
                arf_set_mpfr(value.pointer, reference.entry(i, j))  // exact
                return value
            }
        }
    }
}

/// Arb (arbitrary-precision ball arithmetic) as an independent, rigorous witness for exp(A).
///
/// `exp` encloses exp(A) of the exact Double matrix A in balls; `ArbExp.digits` then turns a
/// reference X (hi + lo, or an MPFR matrix) into decimal digits that are *proved* correct:
/// for each entry, eᵢⱼ = |xᵢⱼ − midᵢⱼ| + radᵢⱼ ≥ |xᵢⱼ − exp(A)ᵢⱼ|, evaluated with every rounding
/// upward. Reported, clamped to [0, cap]:
///   * normwise: −log10(‖E‖₁ / L), where L ≤ ‖exp(A)‖₁ is a lower bound from the balls, so
///     ‖X − exp(A)‖₁/‖exp(A)‖₁ ≤ 10^-normwise;
///   * componentwise: −log10 of max eᵢⱼ/|exp(A)ᵢⱼ|, with |exp(A)ᵢⱼ| bounded below by its ball.
///     An entry whose ball contains 0 (a true zero, or too small to separate from 0) has no
///     relative scale and is measured against a lower bound of max|exp(A)| instead, as in
///     `Agreement`; an entry with eᵢⱼ = 0 (exact match of an exact ball) counts as full agreement.
/// A non-finite reference entry gives 0 digits. The digits are rounded down (the final log10 is
/// evaluated in Double, then lowered by two ulps), so the statement holds as written. They can
/// never exceed what Arb's own radius allows: about −log10(`relativeRadius`) normwise.
public enum ArbWitness {
    /// The default starting precision: 256 bits, like `TaylorReference.compute`.
    public static let defaultBits = 256

    /// How many bits the precision rule lets Arb lose to error growth at the starting precision
    /// before it doubles the precision: the goal is relativeRadius ≤ 2^-(bits − guardBits).
    /// 56 bits (17 digits) covers the n·2^-p rounding of each product (n ≤ 2^10) and the
    /// growth of 2^s through s ≤ 40 squarings of well-conditioned problems; more loss than that
    /// signals cancellation (a hump, large ‖A‖) that more working precision removes.
    public static let guardBits = 56

    /// exp(a) of the exact square Double matrix `a`, enclosed by Arb's `arb_mat_exp`.
    ///
    /// Precision rule: the goal is a normwise (1-norm) relative radius of at most
    /// 2^-(bits − `guardBits`), i.e. 2^-200 for the default 256 bits. The first run works at
    /// `bits`; while the goal is missed, the working precision is doubled (bits, 2·bits, 4·bits…)
    /// as long as it stays ≤ `maxBits`. The last run is returned; `meetsTarget` says whether it
    /// reached the goal.
    ///
    /// Returns nil ("no result") when `a` has a NaN or ±Inf entry, or when even the last run
    /// leaves some entry unbounded (infinite radius or midpoint), which happens when exp(A)
    /// exceeds Arb's exponent range or the Taylor bound cannot be established. The 0×0 matrix
    /// gives an empty, exact result.
    public static func exp(_ a: Matrix<Double>, bits: Int = defaultBits, maxBits: Int = 4096) -> ArbExp? {
        precondition(a.isSquare, "exp needs a square matrix, got \(a.rows)×\(a.cols)")
        precondition(bits > guardBits && bits <= maxBits && maxBits <= 1 << 20,
                     "need \(guardBits) < bits ≤ maxBits ≤ 2^20, got bits \(bits), maxBits \(maxBits)")
        guard a.isFinite else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        let n = a.rows
        let targetBits = bits - guardBits

        let input = ArbBallMatrix(order: n)
        input.set(a)  // exact: a Double is an arf with a 53-bit mantissa and zero radius
        var precision = bits
        while true {
            let result = ArbBallMatrix(order: n)
            arb_mat_exp(result.pointer, input.pointer, precision)
            let bounded = result.isFinite
            let relative = bounded ? result.relativeRadius() : nil
            let meets = relative.map { mag_cmp_2exp_si($0.pointer, -targetBits) <= 0 } ?? false
            if meets || 2 * precision > maxBits {
                guard let relative else { return nil }
                let (hi, lo, radius) = result.splitHiLoRadius()
                return ArbExp(
                    order: n, hi: hi, lo: lo, radius: radius, workingBits: precision,
                    relativeRadius: relative.upperDouble, meetsTarget: meets, targetBits: targetBits,
                    seconds: start.duration(to: clock.now).inSeconds, balls: result)
            }
            precision *= 2
        }
    }

}

// MARK: - Owned Arb objects

/// An arf (arbitrary-precision float) owned by Swift.
final class Arf {
    let pointer: UnsafeMutablePointer<arf_struct>
    init() {
        pointer = .allocate(capacity: 1)
        arf_init(pointer)
    }
    deinit {
        arf_clear(pointer)
        pointer.deallocate()
    }
}

/// A mag (unsigned upper or lower bound with a 30-bit mantissa) owned by Swift; starts at 0.
final class Mag {
    let pointer: UnsafeMutablePointer<mag_struct>
    init() {
        pointer = .allocate(capacity: 1)
        mag_init(pointer)
    }
    deinit {
        mag_clear(pointer)
        pointer.deallocate()
    }

    var isZero: Bool { mag_is_zero(pointer) != 0 }

    /// The smallest Double ≥ the value (+Inf beyond Double's range; the least subnormal for a
    /// nonzero value below it).
    var upperDouble: Double {
        if isZero { return 0 }
        if mag_is_inf(pointer) != 0 { return .infinity }
        let x = Arf()
        arf_set_mag(x.pointer, pointer)  // exact
        let d = arf_get_d(x.pointer, ARF_RND_UP)
        return d == 0 ? .leastNonzeroMagnitude : d
    }
}

/// A square matrix of Arb balls owned by Swift (`arb_mat_init` in init, `arb_mat_clear` in
/// deinit). Immutable once built by `ArbWitness.exp`, and only read afterwards (Arb reads do not
/// write), hence safe to share between threads.
final class ArbBallMatrix: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<arb_mat_struct>
    let order: Int

    /// The order×order zero matrix.
    init(order: Int) {
        self.order = order
        pointer = .allocate(capacity: 1)
        arb_mat_init(pointer, order, order)
    }
    deinit {
        arb_mat_clear(pointer)
        pointer.deallocate()
    }

    @inline(__always)
    func entry(_ i: Int, _ j: Int) -> UnsafeMutablePointer<arb_struct> {
        arb_mat_entry_ptr(pointer, i, j)
    }

    /// Sets every entry exactly to the corresponding Double (zero radius).
    func set(_ a: Matrix<Double>) {
        for j in 0..<order { for i in 0..<order { arb_set_d(entry(i, j), a[i, j]) } }
    }

    /// True when every midpoint and radius is finite.
    var isFinite: Bool { arb_mat_is_finite(pointer) != 0 }

    /// A lower bound of ‖X‖₁ over all X in the balls: max over columns of Σ lower|xᵢⱼ|.
    func norm1Lower() -> Mag {
        let best = Mag(), column = Mag(), term = Mag()
        for j in 0..<order {
            mag_zero(column.pointer)
            for i in 0..<order {
                arb_get_mag_lower(term.pointer, entry(i, j))
                mag_add_lower(column.pointer, column.pointer, term.pointer)
            }
            mag_max(best.pointer, best.pointer, column.pointer)
        }
        return best
    }

    /// An upper bound of max over columns of Σᵢ f(i, j), where f writes an upper bound into
    /// its argument.
    func columnSumUpper(_ f: (UnsafeMutablePointer<mag_struct>, Int, Int) -> Void) -> Mag {
        let best = Mag(), column = Mag(), term = Mag()
        for j in 0..<order {
            mag_zero(column.pointer)
            for i in 0..<order {
                f(term.pointer, i, j)
                mag_add(column.pointer, column.pointer, term.pointer)
            }
            mag_max(best.pointer, best.pointer, column.pointer)
        }
        return best
    }

    /// An upper bound of ‖rad‖₁ / ‖X‖₁ (0 when all radii are 0; +Inf when the lower bound of
    /// the norm is 0 but some radius is not).
    func relativeRadius() -> Mag {
        let radii = columnSumUpper { m, i, j in mag_set(m, arb_rad_ptr(self.entry(i, j))) }
        return Self.ratioUpper(radii, norm1Lower())
    }

    /// An upper bound of x / y for x, y ≥ 0, with 0/anything = 0 and x/0 = +Inf.
    static func ratioUpper(_ x: Mag, _ y: Mag) -> Mag {
        let r = Mag()
        if x.isZero { return r }
        if y.isZero { mag_inf(r.pointer); return r }
        mag_div(r.pointer, x.pointer, y.pointer)
        return r
    }

    /// Each midpoint as hi + lo Doubles and the radius enlarged by what hi + lo drops, rounded
    /// up to a Double. Overflowing entries give hi = ±Inf, lo = 0, radius = +Inf.
    func splitHiLoRadius() -> (hi: Matrix<Double>, lo: Matrix<Double>, radius: Matrix<Double>) {
        var hi = Matrix<Double>(rows: order, cols: order)
        var lo = hi, radius = hi
        let rest = Arf(), part = Arf(), bound = Mag()
        for j in 0..<order {
            for i in 0..<order {
                let ball = entry(i, j)
                let h = arf_get_d(arb_mid_ptr(ball), ARF_RND_NEAR)
                guard h.isFinite else {
                    hi[i, j] = h
                    radius[i, j] = .infinity
                    continue
                }
                // rest = mid − h and then rest − l, both exact (they fit in the midpoint's bits).
                arf_set_d(part.pointer, h)
                _ = arf_sub(rest.pointer, arb_mid_ptr(ball), part.pointer, ARF_PREC_EXACT, ARF_RND_NEAR)
                let l = arf_get_d(rest.pointer, ARF_RND_NEAR)
                arf_set_d(part.pointer, l)
                _ = arf_sub(rest.pointer, rest.pointer, part.pointer, ARF_PREC_EXACT, ARF_RND_NEAR)
                arf_get_mag(bound.pointer, rest.pointer)  // upper bound of |rest|
                mag_add(bound.pointer, bound.pointer, arb_rad_ptr(ball))
                hi[i, j] = h
                lo[i, j] = l
                radius[i, j] = bound.upperDouble
            }
        }
        return (hi, lo, radius)
    }

    /// Digits of the reference whose entry (i, j) `reference` yields (as an exact arf) that the
    /// balls prove correct, as documented on `ArbWitness`.
    func provenDigits(cap: Double, reference: (Int, Int) -> Arf) -> AgreementDigits {
        let errors = (0..<(order * order)).map { _ in Mag() }  // column-major eᵢⱼ
        let difference = Arf()
        for j in 0..<order {
            for i in 0..<order {
                let ball = entry(i, j)
                // |x − mid| rounded away from zero at 64 bits, then to a mag upward: an upper bound.
                _ = arf_sub(difference.pointer, reference(i, j).pointer, arb_mid_ptr(ball), 64, ARF_RND_UP)
                let e = errors[i + j * order].pointer
                arf_get_mag(e, difference.pointer)
                mag_add(e, e, arb_rad_ptr(ball))
            }
        }
        let normError = columnSumUpper { m, i, j in mag_set(m, errors[i + j * self.order].pointer) }
        let normwise = Self.ratioUpper(normError, norm1Lower())

        let largest = Mag(), magnitude = Mag()
        for j in 0..<order {
            for i in 0..<order {
                arb_get_mag_lower(magnitude.pointer, entry(i, j))
                mag_max(largest.pointer, largest.pointer, magnitude.pointer)
            }
        }
        var worst = 0.0
        let ratio = Mag()
        for j in 0..<order {
            for i in 0..<order {
                let e = errors[i + j * order]
                if e.isZero { continue }
                arb_get_mag_lower(magnitude.pointer, entry(i, j))
                let scale = mag_is_zero(magnitude.pointer) != 0 ? largest : magnitude
                if scale.isZero { worst = .infinity; continue }
                mag_div(ratio.pointer, e.pointer, scale.pointer)
                worst = max(worst, ratio.upperDouble)
            }
        }
        return AgreementDigits(
            normwise: Self.digits(ratio: normwise.upperDouble, cap: cap),
            componentwise: Self.digits(ratio: worst, cap: cap))
    }

    /// −log10(ratio) rounded down by two ulps and clamped to [0, cap]; ratio 0 gives cap.
    static func digits(ratio: Double, cap: Double) -> Double {
        if ratio == 0 { return cap }
        let d = (-Foundation.log10(ratio)).nextDown.nextDown
        if d.isNaN { return 0 }
        return min(cap, max(0, d))
    }
}
