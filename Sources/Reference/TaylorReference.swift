import Foundation
import Linalg

/// exp(A) in MPFR by scaling and squaring a truncated Taylor series, with a self-check.
///
/// Each run: B = A/2^s exactly, T_m(B) by Paterson–Stockmeyer with coefficients 1/k! formed in
/// MPFR, then s squarings, all at one working precision; (s, m) come from `TaylorPlan`, which
/// keeps truncation 10 bits below the working precision. Each call is single-threaded and uses
/// no shared mutable state, so calls for different matrices may run concurrently.
public enum TaylorReference {
    /// The `Certificate.method` of references computed here.
    public static let method =
        "taylor-mpfr: scaling and squaring, Paterson-Stockmeyer Taylor polynomial; "
        + "self-check at a second precision and scaling s+1"

    /// True when MPFR was built thread-safe (thread-local caches and flags), which concurrent
    /// calls of `compute` rely on.
    public static var isThreadSafe: Bool { mpfrIsThreadSafe }

    /// exp(a) for a square Double matrix, as hi + lo Doubles with a certificate.
    ///
    /// The returned value comes from a run at `bits` bits with the cheapest plan. A second run at
    /// `checkBits` bits, with one more squaring (and its own cheapest degree), checks it; the
    /// certificate reports their normwise (1-norm) and componentwise agreement in decimal digits,
    /// capped at `Certificate.digitCap(bits: min(bits, checkBits))`.
    ///
    /// - Non-finite input (any NaN or ±Inf entry): nothing is computed; hi and lo are all NaN and
    ///   the certificate reports 0 digits with empty `scalings` and `degrees`.
    /// - exp(a) beyond Double's range: hi holds ±Inf there (lo 0); the certificate is unaffected.
    /// - Any intermediate or final value beyond MPFR's own exponent range (magnitudes past
    ///   2^±(2^30), i.e. e^±7·10^8, so for instance a = [[10^9]]): the certificate reports
    ///   0 digits, since over- or underflowed values cannot be trusted.
    public static func compute(_ a: Matrix<Double>, bits: Int = 256, checkBits: Int = 192) -> ReferenceExp {
        precondition(a.isSquare, "exp needs a square matrix, got \(a.rows)×\(a.cols)")
        let clock = ContinuousClock()
        let start = clock.now
        guard a.isFinite else { return notFinite(order: a.rows, bits: bits, checkBits: checkBits) }

        let a53 = MPMatrix(a, precision: 53)  // exact
        let log2Norm = a53.log2Norm1UpperBound
        let primaryPlan = TaylorPlan(log2Norm: log2Norm, bits: bits)
        let checkPlan = TaylorPlan(log2Norm: log2Norm, bits: checkBits, scaling: primaryPlan.scaling + 1)
        let primary = evaluate(a53, bits: bits, plan: primaryPlan)
        let check = evaluate(a53, bits: checkBits, plan: checkPlan)

        var digits = AgreementDigits(normwise: 0, componentwise: 0)
        if primary.inRange && check.inRange {
            let cap = Certificate.digitCap(bits: min(bits, checkBits))
            digits = Agreement.digits(primary.value, check.value, cap: cap)
        }
        let (hi, lo) = primary.value.splitHiLo()
        let certificate = Certificate(
            method: method, bits: [bits, checkBits],
            scalings: [primaryPlan.scaling, checkPlan.scaling],
            degrees: [primaryPlan.degree, checkPlan.degree],
            normwiseDigits: digits.normwise, componentwiseDigits: digits.componentwise,
            seconds: start.duration(to: clock.now).inSeconds)
        return ReferenceExp(order: a.rows, hi: hi, lo: lo, certificate: certificate)
    }

    /// The cheapest plan for `a` at `bits` bits, from an upper bound of ‖a‖₁.
    public static func plan(for a: Matrix<Double>, bits: Int) -> TaylorPlan {
        TaylorPlan(log2Norm: MPMatrix(a, precision: 53).log2Norm1UpperBound, bits: bits)
    }

    /// exp(a) as an MPFR matrix at `bits` bits, with `plan` (default: the cheapest one).
    /// No self-check: the accuracy is what the plan promises for truncation (2^-(bits+10)
    /// relative, before squaring) plus rounding errors of order (products)·n·2^-bits, both
    /// magnified by the squarings and by the conditioning of exp at a. Entries are NaN for
    /// non-finite input.
    public static func exponential(_ a: Matrix<Double>, bits: Int, plan: TaylorPlan? = nil) -> MPMatrix {
        precondition(a.isSquare, "exp needs a square matrix, got \(a.rows)×\(a.cols)")
        if !a.isFinite {
            let nan = Matrix<Double>(rows: a.rows, cols: a.cols, elements: a.elements.map { _ in .nan })
            return MPMatrix(nan, precision: bits)
        }
        let a53 = MPMatrix(a, precision: 53)  // exact
        let chosen = plan ?? TaylorPlan(log2Norm: a53.log2Norm1UpperBound, bits: bits)
        return evaluate(a53, bits: bits, plan: chosen).value
    }
}

// MARK: - Evaluation

extension TaylorReference {
    /// One run: T_m(A/2^s)^(2^s) at `bits` bits. `a53` is A held exactly at 53 bits.
    /// `inRange` is false when any MPFR result left MPFR's exponent range.
    static func evaluate(_ a53: MPMatrix, bits: Int, plan: TaylorPlan) -> (value: MPMatrix, inRange: Bool) {
        MPFRFlags.clear()
        let b = a53.copy()
        b.scale(byPowerOfTwo: -plan.scaling)  // exact: MPFR's exponent range is vast
        var x = taylorPolynomial(b, bits: bits, degree: plan.degree, blockSize: plan.blockSize)
        var spare = MPMatrix(order: b.order, precision: bits)
        let scratch = MPFloat(precision: bits)
        for _ in 0..<plan.scaling {
            MPMatrix.multiply(x, x, into: spare, scratch: scratch)
            swap(&x, &spare)
        }
        return (x, !MPFRFlags.rangeExceeded)
    }

    /// T_m(B) = Σ_{k≤m} B^k/k! at `bits` bits by Paterson–Stockmeyer with block size q:
    /// with powers B, …, B^q, T_m(B) = Σ_j (B^q)^j·P_j(B), where P_j holds coefficients jq … jq+q−1,
    /// evaluated by Horner in B^q. When q divides m the top block is the scalar 1/m!, so the
    /// first Horner product reduces to a scaled addition of B^q.
    ///
    /// `b` is used as-is for the first power: it holds Double entries exactly at 53 bits, and
    /// products with 53-bit left factors are measurably cheaper.
    static func taylorPolynomial(_ b: MPMatrix, bits: Int, degree m: Int, blockSize q: Int) -> MPMatrix {
        let n = b.order
        if m == 0 { return MPMatrix.identity(order: n, precision: bits) }
        precondition(q >= 1 && q <= m, "block size must be in 1...degree")
        let coefficient = (0...m).map { MPFloat.reciprocalFactorial($0, precision: bits) }
        let scratch = MPFloat(precision: bits)
        var powers = [b]  // powers[i - 1] = B^i
        for _ in 1..<q {
            let next = MPMatrix(order: n, precision: bits)
            MPMatrix.multiply(b, powers[powers.count - 1], into: next, scratch: scratch)
            powers.append(next)
        }
        func addBlock(_ j: Int, to y: MPMatrix) {
            for i in 0..<q where j * q + i <= m {
                if i == 0 { y.addIdentity(times: coefficient[j * q]) }
                else { y.add(powers[i - 1], times: coefficient[j * q + i]) }
            }
        }
        var y = MPMatrix(order: n, precision: bits)
        var spare = MPMatrix(order: n, precision: bits)
        let top = m % q == 0 ? m / q - 1 : m / q
        if m % q == 0 { y.add(powers[q - 1], times: coefficient[m]) }
        addBlock(top, to: y)
        for j in stride(from: top - 1, through: 0, by: -1) {
            MPMatrix.multiply(y, powers[q - 1], into: spare, scratch: scratch)
            addBlock(j, to: spare)
            swap(&y, &spare)
        }
        return y
    }

    /// The reference for input with NaN or ±Inf entries: all NaN, 0 digits.
    private static func notFinite(order n: Int, bits: Int, checkBits: Int) -> ReferenceExp {
        let nan = Matrix<Double>(rows: n, cols: n, elements: Array(repeating: .nan, count: n * n))
        let certificate = Certificate(
            method: "taylor-mpfr: input has NaN or Inf entries; nothing computed",
            bits: [bits, checkBits], scalings: [], degrees: [],
            normwiseDigits: 0, componentwiseDigits: 0, seconds: 0)
        return ReferenceExp(order: n, hi: nan, lo: nan, certificate: certificate)
    }

}
