import Foundation
import Linalg
import Reference
import Testing

/// The exact κ_exp (1-norm of the Kronecker matrix of L(A), see `ExpCondition`) against closed forms.
///
/// Tolerance for both closed forms: the closed form is evaluated at 512 bits and rounded once to Double.
/// `exact` at 128 bits gets each column ratio to within ~2^-100 relative for these small, mild examples
/// (norms ≤ 8: few squarings, no cancellation worth more than e^{2·8} ≈ 2^23 against 2^-128), then rounds
/// three times in Double (the ratio, ‖A‖₁'s 64-bit sum, the product). So the two Doubles differ by at most
/// about 4 units of 2^-53 relative; 8·2^-53 (8.9e-16) is demanded. This is far tighter than the ~1e-12
/// suggested for "a few correct digits", because nothing here should lose more than roundings.
@Suite("ExpCondition: exact κ_exp against closed forms")
struct ExpConditionTests {
    let tolerance = 8 * 0x1p-53

    func relative(_ x: Double, _ y: Double) -> Double {
        x == y ? 0 : abs(x - y) / abs(y)
    }

    @Test("0×0 gives 0, non-finite input gives NaN")
    func edges() {
        #expect(ExpCondition.exact(Matrix(rows: 0, cols: 0)) == 0)
        #expect(ExpCondition.exact(Matrix(order: 2) { i, j in i == j ? .nan : 0 }).isNaN)
        #expect(ExpCondition.exact(Matrix(order: 1) { _, _ in .infinity }).isNaN)
    }

    /// L(a, e) = e^a·e, so ‖L‖ = e^a and κ = e^a·|a|/e^a = |a|.
    @Test("1×1: κ = |a|", arguments: [0.0, 0.3, -5, 7, 40, -600])
    func scalar(a: Double) {
        let k = ExpCondition.exact(Matrix(order: 1) { _, _ in a })
        #expect(relative(k, abs(a)) <= tolerance, "κ = \(k), |a| = \(abs(a))")
    }

    /// For A = diag(d), L(A, E)_kl = E_kl·f[d_k, d_l] with the divided difference
    /// f[x, y] = (e^x − e^y)/(x − y) (e^x when x = y), so K(A) is diagonal and
    /// ‖K(A)‖₁ = max_kl f[d_k, d_l]; κ = that · max|d_i| / max e^{d_i}.
    @Test("Diagonal: divided differences of exp",
          arguments: [[1.0, -1], [-3, 0.5, 2, 2 + 0x1p-20, 4], [-0.25, -0.25, 3.5, 3.5], [0, 0], [8, -8, 0.125]] as [[Double]])
    func diagonal(d: [Double]) {
        let n = d.count
        let a = Matrix<Double>(order: n) { i, j in i == j ? d[i] : 0 }
        var worst = mp(0)
        for x in d {
            for y in d {
                let f = x == y ? mp(x).exp() : (mp(x).exp() - mp(y).exp()) / (mp(x) - mp(y))
                if worst < f { worst = f }
            }
        }
        let expNorm = d.map { mp($0).exp() }.reduce(mp(0)) { $0 < $1 ? $1 : $0 }
        let normA = d.map { abs($0) }.max()!
        let closed = (worst / expNorm).double * normA
        let k = ExpCondition.exact(a)
        #expect(relative(k, closed) <= tolerance, "κ = \(k), closed form \(closed)")
    }

    /// Not a correctness check: how long the exact path takes (n² block exponentials of order 2n).
    @Test("Timing of exact at n = 8 and 16 (reported, not asserted)", arguments: [8, 16])
    func timing(n: Int) {
        var rng = SplitMix64(seed: 0x6B61_7070 + UInt64(n))
        let a = rng.gaussianMatrix(n)
        let clock = ContinuousClock()
        var k = 0.0
        let elapsed = clock.measure { k = ExpCondition.exact(a) }
        print("ExpCondition.exact n=\(n): κ = \(k), \(elapsed)")
        #expect(k.isFinite && k > 0)
    }
}
