import Candidates
@testable import Cases
import Foundation
import Linalg
import Reference
import Testing


/// The Double estimate of κ_exp (Normest1 on E ↦ L(A, E)) against the exact MPFR value.
///
/// What may be asserted: Normest1 returns ‖K·x‖₁ for a unit vector x, so in exact arithmetic it never
/// exceeds ‖K‖₁; Higham & Tisseur (2000) and Al-Mohy & Higham (2009) report it almost always within a
/// factor 3 and rarely worse than a factor 10 — an empirical statement, hence the "≥ 90 % within 3, all
/// within 10" test rather than "all within 3". The overshoot allowance covers the Double evaluation: each
/// L(A, E) and exp(A) come from Padé 13 (Higham 2005) on matrices with κ_exp ≲ 10³ here, so their relative
/// errors are ≲ κ·n·u ≈ 10³·32·1.1e-16 ≈ 4e-12; 1e-10 leaves a margin of 25 for the combination of the two.
@Suite("ExpCondition: Double estimate against the exact value")
struct ExpConditionEstimateTests {
    static let overshoot = 1e-10

    /// Seeded examples: N(0,1) entries, and non-normal ones — 2×2 blocks [[1, b], [0, −1]] on the diagonal
    /// plus 0.1·N(0,1) everywhere (b = 10, 100), the triangular part making L(A) far from normal.
    static func examples() -> [(name: String, a: Matrix<Double>)] {
        var out: [(String, Matrix<Double>)] = []
        var rng = PortableRandom(key: "exp-condition-estimate")
        for (n, count) in [(8, 12), (16, 4)] {
            for c in 0..<count { out.append(("gauss n=\(n) #\(c)", Matrix(order: n) { _, _ in rng.normal() })) }
            for b in [10.0, 100] {
                let a = Matrix<Double>(order: n) { i, j in
                    var v = 0.1 * rng.normal()
                    if i / 2 == j / 2 { v += i == j ? (i % 2 == 0 ? 1 : -1) : (i < j ? b : 0) }
                    return v
                }
                out.append(("blocks b=\(b) n=\(n)", a))
            }
        }
        return out
    }

    @Test("Estimate ≤ exact (up to rounding); ≥ 90 % within a factor 3, all within 10")
    func againstExact() {
        var ratios: [Double] = []
        for (name, a) in Self.examples() {
            let exact = ExpCondition.exact(a)
            let estimate = ExpCondition.estimate(a)
            let r = estimate / exact
            print("κ_exp \(name): exact \(exact), estimate \(estimate), ratio \(r)")
            #expect(r <= 1 + Self.overshoot, "\(name): estimate above exact")
            #expect(r >= 0.1, "\(name): estimate below exact/10")
            ratios.append(r)
        }
        let within3 = ratios.filter { $0 >= 1.0 / 3 }.count
        print("κ_exp estimate/exact: \(within3)/\(ratios.count) within a factor 3; sorted ratios \(ratios.sorted())")
        #expect(Double(within3) >= 0.9 * Double(ratios.count))
    }

    @Test("kappa chooses exact for n ≤ 16; edge cases")
    func choice() {
        let a = Matrix<Double>(order: 3) { i, j in Double(i - 2 * j) / 4 }
        let k = ExpCondition.kappa(a, expNorm1: .nan)
        #expect(k.exact && k.value == ExpCondition.exact(a))
        #expect(ExpCondition.estimate(Matrix(rows: 0, cols: 0)) == 0)
        #expect(ExpCondition.estimate(Matrix(order: 2) { _, _ in .nan }).isNaN)
        let one = ExpCondition.estimate(Matrix(order: 1) { _, _ in -5 })
        #expect(abs(one - 5) <= 5 * Self.overshoot)
    }

    /// Reported, not asserted: cost of the estimate at n = 64 and 256 (block expm of order 2n per column).
    @Test("Timing of estimate at n = 64 and 256", arguments: [64, 256])
    func timing(n: Int) throws {
        var rng = PortableRandom(key: "exp-condition-timing-\(n)")
        let a = Matrix<Double>(order: n) { _, _ in rng.normal() / Double(n).squareRoot() }
        let x = try Pade13Higham05<Double>().exp(a).value
        let clock = ContinuousClock()
        var k = (value: 0.0, exact: true)
        let elapsed = clock.measure { k = ExpCondition.kappa(a, expNorm1: x.norm1) }
        print("ExpCondition.kappa n=\(n): κ ≈ \(k.value) (exact: \(k.exact)), \(elapsed)")
        #expect(!k.exact && k.value.isFinite && k.value > 0)
    }
}
