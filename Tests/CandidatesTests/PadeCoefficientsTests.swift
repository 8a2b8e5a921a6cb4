import Testing
import TestSupport
@testable import Candidates

@Suite("Padé coefficients b_j = (2m−j)!/(j!(m−j)!)")
struct PadeCoefficientsTests {
    /// n! in UInt128 (exact for n ≤ 34), computed here independently of the implementation.
    static func factorial(_ n: Int) -> UInt128 {
        (1...max(1, n)).reduce(UInt128(1)) { $0 * UInt128($1) }
    }

    @Test("integers satisfy b_j·j!·(m−j)! = (2m−j)! exactly", arguments: 1...14)
    func exactClosedForm(m: Int) {
        let b = PadeCoefficients.integers(degree: m)
        #expect(b.count == m + 1)
        for j in 0...m {
            let lhs = UInt128(b[j]) * Self.factorial(j) * Self.factorial(m - j)
            #expect(lhs == Self.factorial(2 * m - j), "m = \(m), j = \(j)")
        }
    }

    /// The normalised closed form c_j = (2m−j)!·m!/((2m)!·j!·(m−j)!) of Higham 2005 §2 equals b_j/b_0.
    /// Checked exactly through the ratio of consecutive terms, c_{j+1}/c_j = (m−j)/((j+1)(2m−j)),
    /// i.e. b_{j+1}·(j+1)·(2m−j) = b_j·(m−j) in integers, and c_0 = 1 ⇔ b_0 = (2m)!/m!.
    @Test("b_j/b_0 equals the normalised closed form (exact ratios)", arguments: [3, 5, 7, 9, 13])
    func normalisedClosedForm(m: Int) {
        let b = PadeCoefficients.integers(degree: m).map { UInt128($0) }
        #expect(b[0] == Self.factorial(2 * m) / Self.factorial(m))
        for j in 0..<m {
            #expect(b[j + 1] * UInt128((j + 1) * (2 * m - j)) == b[j] * UInt128(m - j), "m = \(m), j = \(j)")
        }
        #expect(b[m] == 1)
    }

    @Test("well-known values: m = 3 and m = 13 (Higham 2005's b for r_13)")
    func wellKnownValues() {
        #expect(PadeCoefficients.integers(degree: 3) == [120, 60, 12, 1])
        #expect(PadeCoefficients.integers(degree: 5) == [30240, 15120, 3360, 420, 30, 1])
        let b13 = PadeCoefficients.integers(degree: 13)
        #expect(b13[0] == 64_764_752_532_480_000)  // 26!/13!
        #expect(b13[1] == 32_382_376_266_240_000)
        #expect(b13[12] == 182)
        #expect(b13[13] == 1)
    }

    /// Conversion to the working precision is one rounding of the exact integer; for m ≤ 13 every b_j is
    /// exact in Double (its odd part is below 2^53).
    @Test("conversion to Float and Double rounds the exact integers once")
    func conversion() {
        for m in [3, 5, 7, 9, 13] {
            let b = PadeCoefficients.integers(degree: m)
            #expect(PadeCoefficients.coefficients(degree: m, as: Float.self) == b.map { Float($0) })
            let d = PadeCoefficients.coefficients(degree: m, as: Double.self)
            #expect(d == b.map { Double($0) })
            #expect(zip(d, b).allSatisfy { UInt64(exactly: $0) == $1 }, "m = \(m) not exact in Double")
        }
    }
}
