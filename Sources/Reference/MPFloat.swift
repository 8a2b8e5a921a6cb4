import CMPFR

// The MPFR layer. This file, the MPMatrix files and the MPComplex files are the only code in the
// package that touches raw `__mpfr_struct` pointers. Rules kept throughout:
//   * every MPFR variable is created with `mpfr_init2` and an explicit precision, never with
//     MPFR's global default precision (the reference is computed from several threads at once);
//   * every operation is given an explicit rounding mode (`rnd`, round to nearest-even), except
//     the deliberate upward rounding of norm bounds in MPMatrix.swift;
//   * storage is owned by a class, cleared and freed in `deinit`, and never handed out.

/// The rounding mode of every MPFR operation in this module unless stated otherwise:
/// round to nearest, ties to even.
let rnd = MPFR_RNDN

/// The largest precision accepted here (bits). MPFR allows far more; nothing in this
/// package needs it, and a sane bound catches unit mistakes (bytes vs bits, digits vs bits).
let maximumPrecision = 1 << 20

/// Validates a precision in bits and converts it to MPFR's type.
func mpfrPrecision(_ bits: Int) -> mpfr_prec_t {
    precondition(
        bits >= Int(MPFR_PREC_MIN) && bits <= maximumPrecision,
        "MPFR precision must be in \(MPFR_PREC_MIN)...\(maximumPrecision) bits, got \(bits)")
    return mpfr_prec_t(bits)
}

/// A binary floating-point number with a fixed, explicit precision, backed by MPFR.
///
/// Every arithmetic result is correctly rounded to nearest (ties to even) to the precision
/// stated for that operation, so one operation has relative error at most 2^-precision.
/// The exponent range is MPFR's (about 2^±(2^30)), far beyond Double's.
///
/// A reference type that owns its MPFR storage; it is not `Sendable` (instances are mutable
/// through `MPMatrix`), but distinct instances may be used from distinct threads freely.
public final class MPFloat {
    /// The MPFR variable; valid only while `self` is alive. Swift may release an object right
    /// after its last use, so pass `value` to C only from methods of `self`, for parameters, or
    /// for locals kept alive by `withExtendedLifetime`; never from a temporary.
    let value: UnsafeMutablePointer<__mpfr_struct>

    /// Significand bits.
    public let precision: Int

    /// Zero with `precision` significand bits.
    public init(precision: Int) {
        value = .allocate(capacity: 1)
        mpfr_init2(value, mpfrPrecision(precision))
        mpfr_set_zero(value, 1)
        self.precision = precision
    }

    deinit {
        mpfr_clear(value)
        value.deallocate()
    }

    /// `x` rounded to `precision` bits (exact when `precision` ≥ 53). NaN and ±Inf are kept.
    public convenience init(_ x: Double, precision: Int) {
        self.init(precision: precision)
        mpfr_set_d(value, x, rnd)
    }

    /// `x` rounded to `precision` bits (exact when `precision` ≥ 64).
    public convenience init(_ x: Int, precision: Int) {
        self.init(precision: precision)
        mpfr_set_si(value, x, rnd)
    }

    /// A copy rounded to `precision` bits (default: this number's precision, exact).
    public func copy(precision: Int? = nil) -> MPFloat {
        let r = MPFloat(precision: precision ?? self.precision)
        mpfr_set(r.value, value, rnd)
        return r
    }

    /// 1/k! correctly rounded to `precision` bits up to a relative error of 2^-(precision+30):
    /// k! is formed at 32 extra bits, then inverted. Computed in MPFR, not from Double.
    public static func reciprocalFactorial(_ k: Int, precision: Int) -> MPFloat {
        precondition(k >= 0, "factorial of a negative number")
        let factorial = MPFloat(precision: precision + 32)
        let r = MPFloat(precision: precision)
        withExtendedLifetime(factorial) {
            mpfr_fac_ui(factorial.value, UInt(k), rnd)
            mpfr_ui_div(r.value, 1, factorial.value, rnd)
        }
        return r
    }
}

// MARK: - Conversions and predicates

extension MPFloat {
    /// The value rounded to the nearest Double (ties to even); ±Inf beyond Double's range.
    public var double: Double { mpfr_get_d(value, rnd) }

    /// The value rounded to a Double in direction `mode`.
    func double(rounding mode: mpfr_rnd_t) -> Double { mpfr_get_d(value, mode) }

    /// (mantissa, exponent) with value = mantissa·2^exponent, |mantissa| in [0.5, 1), the
    /// mantissa rounded to Double in direction `mode`. Works beyond Double's exponent range.
    func mantissaExponent(rounding mode: mpfr_rnd_t) -> (mantissa: Double, exponent: Int) {
        var exponent = 0
        let mantissa = mpfr_get_d_2exp(&exponent, value, mode)
        return (mantissa, exponent)
    }

    /// The value as an unevaluated sum hi + lo of Doubles: hi is the value rounded to nearest,
    /// lo is the exact remainder (value − hi) rounded to nearest. For values in Double's normal
    /// range hi + lo has relative error ≤ 2^-106 or so. When hi is ±Inf (the value overflows
    /// Double), lo is 0; when the value is NaN both are NaN.
    public var hiLo: (hi: Double, lo: Double) { splitHiLo(value) }

    /// True when the value is exactly zero (either sign).
    public var isZero: Bool { mpfr_zero_p(value) != 0 }

    /// True when the value is NaN.
    public var isNaN: Bool { mpfr_nan_p(value) != 0 }

    /// True when the value is neither NaN nor ±Inf.
    public var isFinite: Bool { mpfr_number_p(value) != 0 }

    /// The value in decimal with `digits` significant digits, e.g. "-1.2345e-7".
    public func decimalString(digits: Int = 20) -> String {
        if isNaN { return "nan" }
        if !isFinite { return mpfr_sgn(value) < 0 ? "-inf" : "inf" }
        if isZero { return "0" }
        var exponent: mpfr_exp_t = 0
        guard let raw = mpfr_get_str(nil, &exponent, 10, max(2, digits), value, rnd) else {
            return "?"
        }
        defer { mpfr_free_str(raw) }
        var text = String(cString: raw)
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        // mpfr_get_str means 0.d1d2d3… × 10^exponent.
        let lead = text.removeFirst()
        return (negative ? "-" : "") + "\(lead).\(text)e\(exponent - 1)"
    }
}

/// Splits an MPFR value into hi = round(x) and lo = round(x − hi), the subtraction done
/// exactly in MPFR (see `MPFloat.hiLo`).
func splitHiLo(_ x: UnsafePointer<__mpfr_struct>) -> (hi: Double, lo: Double) {
    let hi = mpfr_get_d(x, rnd)
    if hi.isNaN { return (.nan, .nan) }
    if hi.isInfinite { return (hi, 0) }
    // x − hi is an integer multiple of x's last place and smaller than half an ulp of hi, so it
    // fits in max(53, prec(x)) bits: the subtraction below is exact.
    let remainder = MPFloat(precision: max(53, Int(mpfr_get_prec(x))))
    let inexact = mpfr_sub_d(remainder.value, x, hi, rnd)
    assert(inexact == 0, "hi/lo split must be exact")
    return (hi, remainder.double)
}

// MARK: - Arithmetic

extension MPFloat {
    typealias BinaryOperation = (
        UnsafeMutablePointer<__mpfr_struct>?, UnsafePointer<__mpfr_struct>?,
        UnsafePointer<__mpfr_struct>?, mpfr_rnd_t
    ) -> Int32
    typealias UnaryOperation = (
        UnsafeMutablePointer<__mpfr_struct>?, UnsafePointer<__mpfr_struct>?, mpfr_rnd_t
    ) -> Int32

    private static func apply(_ op: BinaryOperation, _ x: MPFloat, _ y: MPFloat) -> MPFloat {
        let r = MPFloat(precision: max(x.precision, y.precision))
        _ = op(r.value, x.value, y.value, rnd)
        return r
    }

    private func apply(_ op: UnaryOperation) -> MPFloat {
        let r = MPFloat(precision: precision)
        _ = op(r.value, value, rnd)
        return r
    }

    /// x + y, correctly rounded to the larger of the two precisions.
    public static func + (x: MPFloat, y: MPFloat) -> MPFloat { apply(mpfr_add, x, y) }
    /// x − y, correctly rounded to the larger of the two precisions.
    public static func - (x: MPFloat, y: MPFloat) -> MPFloat { apply(mpfr_sub, x, y) }
    /// x · y, correctly rounded to the larger of the two precisions.
    public static func * (x: MPFloat, y: MPFloat) -> MPFloat { apply(mpfr_mul, x, y) }
    /// x / y, correctly rounded to the larger of the two precisions.
    public static func / (x: MPFloat, y: MPFloat) -> MPFloat { apply(mpfr_div, x, y) }
    /// −x (exact).
    public static prefix func - (x: MPFloat) -> MPFloat { x.apply(mpfr_neg) }

    /// |x| (exact).
    public var magnitude: MPFloat { apply(mpfr_abs) }
    /// e^x, correctly rounded to this number's precision.
    public func exp() -> MPFloat { apply(mpfr_exp) }
    /// sin x (radians), correctly rounded to this number's precision.
    public func sin() -> MPFloat { apply(mpfr_sin) }
    /// cos x (radians), correctly rounded to this number's precision.
    public func cos() -> MPFloat { apply(mpfr_cos) }

    /// √(x² + y²), correctly rounded to the larger of the two precisions in direction `mode`
    /// (no intermediate overflow or underflow).
    func hypot(_ y: MPFloat, rounding mode: mpfr_rnd_t = rnd) -> MPFloat {
        let r = MPFloat(precision: max(precision, y.precision))
        mpfr_hypot(r.value, value, y.value, mode)
        return r
    }

    /// π correctly rounded to `precision` bits.
    public static func pi(precision: Int) -> MPFloat {
        let r = MPFloat(precision: precision)
        mpfr_const_pi(r.value, rnd)
        return r
    }

    /// x · 2^k, exact (barring MPFR exponent overflow), at this number's precision.
    public func scaled(byPowerOfTwo k: Int) -> MPFloat {
        let r = MPFloat(precision: precision)
        mpfr_mul_2si(r.value, value, k, rnd)
        return r
    }

    /// log10|x| rounded to a Double (−∞ for zero, NaN for NaN). Computed in MPFR, so it is
    /// meaningful even when |x| lies outside Double's range.
    public var log10Magnitude: Double {
        let r = MPFloat(precision: 64)
        mpfr_abs(r.value, value, rnd)
        mpfr_log10(r.value, r.value, rnd)
        return r.double
    }
}

// MARK: - Comparison

extension MPFloat: Comparable {
    /// Numerical equality (any precisions; NaN equals nothing).
    public static func == (x: MPFloat, y: MPFloat) -> Bool { mpfr_equal_p(x.value, y.value) != 0 }
    /// Numerical order (any precisions; false whenever NaN is involved).
    public static func < (x: MPFloat, y: MPFloat) -> Bool { mpfr_less_p(x.value, y.value) != 0 }
}

extension MPFloat: CustomStringConvertible {
    /// The value with about as many decimal digits as its precision carries.
    public var description: String {
        decimalString(digits: Int((Double(precision) * 0.30103).rounded(.up)) + 1)
    }
}

// MARK: - Library state

/// MPFR's sticky exception flags. With a thread-safe MPFR build (see `mpfrIsThreadSafe`) they
/// are per thread, so clearing and reading them does not disturb other threads' computations.
enum MPFRFlags {
    /// Clears all flags of the current thread.
    static func clear() { mpfr_clear_flags() }

    /// True when a result left MPFR's exponent range (about 2^±(2^30)) since the last `clear`.
    static var rangeExceeded: Bool { mpfr_overflow_p() != 0 || mpfr_underflow_p() != 0 }
}

/// True when the MPFR library was built with thread-local storage, which makes its caches,
/// flags and exponent range per thread; concurrent computations rely on it.
let mpfrIsThreadSafe = mpfr_buildopt_tls_p() != 0
