import Foundation
import Linalg
import Reference

/// Deterministic 64-bit generator (SplitMix64) so every test sees the same matrices.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A standard normal sample (Box–Muller).
    mutating func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * .pi * v)
    }

    /// An n×n matrix with independent N(0, scale²) entries.
    mutating func gaussianMatrix(_ n: Int, scale: Double = 1) -> Matrix<Double> {
        Matrix(order: n) { _, _ in scale * self.gaussian() }
    }
}

/// Precision of closed forms in the tests: twice the reference's working precision, so their own
/// rounding (a few units of 2^-512) is invisible next to the tolerances used.
let closedFormBits = 512

/// The a-priori accuracy expected from a 256-bit run on the examples in these tests.
///
/// Rounding in one run is bounded to first order by 2^-p · 2^(s+1) · (m + products·n) · e^{2b}:
/// every product or Taylor term adds a relative error of n·2^-p at most, e^{2b} ≤ e² covers
/// cancellation inside the Taylor sum (‖B‖ = b ≤ 1 for all plans here), and each of the s
/// squarings at most doubles the relative error. For the examples here (s ≤ 10,
/// m + products·n ≤ 2^11) that is ≤ 2^-256 · 2^11 · 2^11 · 2^3 = 2^-231. The tests demand
/// 2^-200, leaving a factor 2^31 for the conditioning of exp at these examples, which are all
/// either normal or triangular with sign-consistent off-diagonal entries (no cancellation in the
/// squarings). A failure therefore means a real defect, not bad luck.
let tolerance256 = 0x1p-200

/// What hi + lo can hold: hi = RN(x) and lo = RN(x − hi) leave |hi + lo − x| ≤ 2^-106·|x| for x in
/// Double's normal range; 2^-104 adds room for the reference's own error (≤ 2^-200). 2^-104 is
/// 4.9e-32, i.e. more than 31 correct digits per entry.
let hiLoTolerance = 0x1p-104

/// The worst entrywise relative error |x̂ − x|/|x| of `computed` against the closed form `exact`
/// (both as MPMatrix), requiring exact zeros where the closed form is zero: a nonzero computed
/// value there counts as relative error +∞.
func componentwiseError(_ computed: MPMatrix, _ exact: MPMatrix) -> Double {
    var worst = 0.0
    for j in 0..<exact.order {
        for i in 0..<exact.order {
            let x = exact[i, j], y = computed[i, j]
            if x.isZero {
                if !y.isZero { return .infinity }
                continue
            }
            worst = max(worst, ((y - x) / x).magnitude.double)
        }
    }
    return worst
}

/// ‖computed − exact‖₁ / ‖exact‖₁, evaluated at the closed form's precision.
func normwiseError(_ computed: MPMatrix, _ exact: MPMatrix) -> Double {
    let difference = MPMatrix(order: exact.order, precision: closedFormBits)
    for j in 0..<exact.order {
        for i in 0..<exact.order { difference[i, j] = computed[i, j] - exact[i, j] }
    }
    return difference.norm1 / exact.norm1
}

/// hi + lo of a reference as an MPMatrix (exact up to 2^-512 relative).
func hiPlusLo(_ r: ReferenceExp) -> MPMatrix {
    MPMatrix.fromHiLo(r.hi, r.lo, precision: closedFormBits)
}

/// A·B by the textbook triple loop in MPFloat arithmetic at `precision`, summing over k in
/// increasing order: independent of the library's product kernel.
func naiveProduct(_ a: MPMatrix, _ b: MPMatrix, precision: Int) -> MPMatrix {
    let n = a.order
    let c = MPMatrix(order: n, precision: precision)
    for j in 0..<n {
        for i in 0..<n {
            var sum = MPFloat(precision: precision)
            for k in 0..<n { sum = (sum + (a[i, k] * b[k, j]).copy(precision: precision)).copy(precision: precision) }
            c[i, j] = sum
        }
    }
    return c
}

/// An MPMatrix filled entry by entry from `f(i, j)`.
func mpMatrix(order n: Int, precision: Int, _ f: (Int, Int) -> MPFloat) -> MPMatrix {
    let m = MPMatrix(order: n, precision: precision)
    for j in 0..<n { for i in 0..<n { m[i, j] = f(i, j) } }
    return m
}

/// `x` as a `closedFormBits` MPFloat.
func mp(_ x: Double) -> MPFloat { MPFloat(x, precision: closedFormBits) }
