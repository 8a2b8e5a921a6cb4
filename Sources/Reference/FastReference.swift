import Foundation
import Linalg

/// exp(A) by the fast double-double engine (`DoubleDoubleExp`), with the same kind of self-check as
/// the MPFR reference: a second run with one more squaring (its own degree), whose agreement with the
/// first is the certificate's digits. The reference for large matrices, where MPFR at 256 bits costs
/// minutes to hours; what certifies it is an independent witness (see the harness's `Witnesses`).
///
/// Applicable when A is finite and ‖A‖₁ ≤ `maximumNorm1` (2^30, so s ≤ 30). Its accuracy falls with
/// the number of squarings s: hi + lo stores 2^-106 relative, and each squaring can double a relative
/// error, so expect about 2^(s−104) (≈ 27 digits at s = 13, 22 at s = 30); the independent witness
/// measures what is reached, and a case below the target is reported uncertified, not hidden. If
/// exp(A) or a squaring leaves Double's range the result is not finite, and the certifier falls back
/// to the MPFR reference (exponent range 2^(±2^30)).
public enum FastReference {
    /// The `Certificate.method` of references computed here.
    public static let method =
        "taylor-dd-ozaki: scaling and squaring, Paterson-Stockmeyer Taylor polynomial in double-double "
        + "with Ozaki-split gemm products; self-check with scaling s+1"

    /// Both runs carry about 106 bits (double-double).
    public static let bits = 106

    /// Largest ‖A‖₁ for which the engine is used (see the type's documentation).
    public static let maximumNorm1 = 0x1p30

    /// True when the fast engine may be tried on `a` (finite input, ‖a‖₁ ≤ `maximumNorm1`).
    public static func isApplicable(_ a: Matrix<Double>) -> Bool {
        a.isSquare && a.isFinite && a.norm1 <= maximumNorm1
    }

    /// exp(a) as hi + lo with a self-check certificate (normwise and componentwise agreement of the
    /// runs at s and s + 1, capped at `Certificate.digitCap(bits: 106)` = 29 digits). Its digits
    /// are a self-check only: both runs share the algorithm and the product kernel.
    public static func compute(_ a: Matrix<Double>) -> ReferenceExp {
        precondition(isApplicable(a), "the fast reference needs a finite square matrix with ‖A‖₁ ≤ \(maximumNorm1)")
        let clock = ContinuousClock()
        let start = clock.now
        let primary = DoubleDoubleExp.evaluate(a)
        let check = DoubleDoubleExp.evaluate(a, extraScalings: 1)
        var digits = AgreementDigits(normwise: 0, componentwise: 0)
        if primary.value.hi.isFinite && check.value.hi.isFinite {
            digits = Agreement.digits(hi1: primary.value.hi, lo1: primary.value.lo,
                                      hi2: check.value.hi, lo2: check.value.lo,
                                      cap: Certificate.digitCap(bits: bits))
        }
        let certificate = Certificate(
            method: method, bits: [bits, bits], scalings: [primary.scaling, check.scaling],
            degrees: [primary.degree, check.degree],
            normwiseDigits: digits.normwise, componentwiseDigits: digits.componentwise,
            seconds: start.duration(to: clock.now).inSeconds)
        return ReferenceExp(order: a.rows, hi: primary.value.hi, lo: primary.value.lo, certificate: certificate)
    }
}
