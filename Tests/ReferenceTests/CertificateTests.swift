import Foundation
import Linalg
import Reference
import Testing

@Suite("Agreement: digits between two matrices")
struct AgreementTests {
    static let cap = Certificate.digitCap(bits: 192)

    static func randomMP(_ n: Int, seed: UInt64) -> MPMatrix {
        var g = SplitMix64(seed: seed)
        return mpMatrix(order: n, precision: 256) { _, _ in
            MPFloat(g.gaussian(), precision: 256) / MPFloat(7, precision: 256)
        }
    }

    @Test("Digit caps: floor(bits·log10 2) − 2", arguments: [(192, 55.0), (256, 75), (40, 10), (53, 13)])
    func caps(bits: Int, cap: Double) {
        #expect(Certificate.digitCap(bits: bits) == cap)
    }

    @Test("Identical matrices agree to exactly the cap, never infinity")
    func identical() {
        let x = Self.randomMP(5, seed: 11)
        let d = Agreement.digits(x, x.copy(), cap: Self.cap)
        #expect(d == AgreementDigits(normwise: Self.cap, componentwise: Self.cap))
    }

    @Test("A relative perturbation of 1e-20 per entry gives 20 digits (±1)", arguments: [3, 8])
    func perturbed(n: Int) {
        let x = Self.randomMP(n, seed: 12)
        var g = SplitMix64(seed: 13)
        let y = mpMatrix(order: n, precision: 256) { i, j in
            // |ε| in [0.5, 1]·1e-20: the worst ratio is within a factor 2 of 1e-20.
            let epsilon = Double.random(in: 0.5...1, using: &g) * 1e-20 * (Bool.random(using: &g) ? 1 : -1)
            return x[i, j] * (MPFloat(1, precision: 256) + MPFloat(epsilon, precision: 256))
        }
        let d = Agreement.digits(x, y, cap: Self.cap)
        #expect(abs(d.normwise - 20) <= 1)
        #expect(abs(d.componentwise - 20) <= 1)
    }

    @Test("Zero entries: matching zeros count as agreement; a spurious nonzero is measured against max|X₁|")
    func zeroEntries() {
        let x = Self.randomMP(4, seed: 14)
        x[0, 1] = MPFloat(precision: 256)
        let y = x.copy()
        #expect(Agreement.digits(x, y, cap: Self.cap).componentwise == Self.cap)
        var largest = MPFloat(precision: 256)
        for j in 0..<4 { for i in 0..<4 where largest < x[i, j].magnitude { largest = x[i, j].magnitude } }
        y[0, 1] = largest * MPFloat(1e-30, precision: 256)
        let d = Agreement.digits(x, y, cap: Self.cap)
        #expect(abs(d.componentwise - 30) <= 1e-9)
        #expect(d.normwise > 30)  // one column sum changes by 1e-30·max|X₁| ≤ 1e-30·‖X₁‖₁
    }

    @Test("Degenerate inputs: zero reference, NaN, empty")
    func degenerate() {
        let zero = MPMatrix(order: 3, precision: 64)
        #expect(Agreement.digits(zero, zero.copy(), cap: 10) == AgreementDigits(normwise: 10, componentwise: 10))
        let other = zero.copy()
        other[1, 1] = MPFloat(1e-300, precision: 64)
        #expect(Agreement.digits(zero, other, cap: 10) == AgreementDigits(normwise: 0, componentwise: 0))
        let x = Self.randomMP(3, seed: 15), y = x.copy()
        y[2, 0] = MPFloat(.nan, precision: 256)
        #expect(Agreement.digits(x, y, cap: 10) == AgreementDigits(normwise: 0, componentwise: 0))
        let empty = MPMatrix(order: 0, precision: 64)
        #expect(Agreement.digits(empty, empty, cap: 10).normwise == 10)
    }

    @Test("A difference as large as the matrix itself gives 0 digits, not negative")
    func noAgreement() {
        let x = Self.randomMP(3, seed: 16), y = x.copy()
        y.scale(byPowerOfTwo: 5)
        #expect(Agreement.digits(x, y, cap: Self.cap) == AgreementDigits(normwise: 0, componentwise: 0))
    }

    @Test("hi/lo pairs: identical pairs give the cap; dropping lo leaves about 16 digits")
    func hiLoPairs() {
        var g = SplitMix64(seed: 17)
        let r = TaylorReference.compute(g.gaussianMatrix(4))
        let same = Agreement.digits(hi1: r.hi, lo1: r.lo, hi2: r.hi, lo2: r.lo, cap: 30)
        #expect(same == AgreementDigits(normwise: 30, componentwise: 30))
        let zeroLo = Matrix<Double>(rows: 4, cols: 4)
        let dropped = Agreement.digits(hi1: r.hi, lo1: r.lo, hi2: r.hi, lo2: zeroLo, cap: 30)
        // |lo| ≤ ulp(hi)/2 ≤ 2^-53|hi|, so at least 53·log10 2 ≈ 15.95 digits remain.
        #expect(dropped.componentwise >= 15.9 && dropped.componentwise < 20)
        #expect(dropped.normwise >= 15.9 && dropped.normwise < 20)
    }
}

@Suite("Certificate: the self-check of TaylorReference.compute")
struct CertificateTests {
    @Test("A well-conditioned random matrix is certified to ≥ 25 digits", arguments: [3, 10])
    func wellConditioned(n: Int) throws {
        var g = SplitMix64(seed: 21)
        let a = g.gaussianMatrix(n, scale: 1 / Double(n).squareRoot())
        let clock = ContinuousClock()
        var certificate: Certificate?
        let wall = clock.measure { certificate = TaylorReference.compute(a).certificate }.inSeconds
        let c = try #require(certificate)
        #expect(c.normwiseDigits >= 25 && c.componentwiseDigits >= 25)
        #expect(c.isCertified() && c.isCertified(targetDigits: 40))
        #expect(c.normwiseDigits <= Certificate.digitCap(bits: 192))
        #expect(c.bits == [256, 192])
        #expect(c.scalings.count == 2 && c.scalings[1] == c.scalings[0] + 1)
        #expect(c.degrees.count == 2 && c.degrees.allSatisfy { $0 >= 1 })
        #expect(c.method == TaylorReference.method)
        // The certificate times the computation it describes: not zero, not more than the call took.
        #expect(c.seconds > 0 && c.seconds <= wall, "certificate \(c.seconds) s, call \(wall) s")
    }

    @Test("With a 40-bit check run the certificate falls below 25 digits: uncertain is possible")
    func lowCheckPrecision() {
        var g = SplitMix64(seed: 21)
        let a = g.gaussianMatrix(10, scale: 1 / 10.0.squareRoot())
        let c = TaylorReference.compute(a, checkBits: 40).certificate
        #expect(c.normwiseDigits < 25 && c.normwiseDigits <= Certificate.digitCap(bits: 40))
        #expect(!c.isCertified())
        #expect(!c.isComponentwiseCertified())
        #expect(c.normwiseDigits >= 5)  // yet the two runs do agree to about 40 bits' worth
    }

    @Test("The returned value comes from the primary run, whatever the check precision")
    func primaryIsReturned() {
        var g = SplitMix64(seed: 22)
        let a = g.gaussianMatrix(6)
        let full = TaylorReference.compute(a), weakCheck = TaylorReference.compute(a, checkBits: 40)
        #expect(full.hi == weakCheck.hi && full.lo == weakCheck.lo)
        #expect(full.hi == TaylorReference.exponential(a, bits: 256).splitHiLo().hi)
    }

    @Test("Non-finite input: no crash, NaN result, 0 digits", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(bad: Double) {
        var a = Matrix<Double>.identity(3)
        a[1, 2] = bad
        let r = TaylorReference.compute(a)
        #expect(r.order == 3)
        #expect(r.hi.elements.allSatisfy(\.isNaN) && r.lo.elements.allSatisfy(\.isNaN))
        #expect(r.certificate.normwiseDigits == 0 && r.certificate.componentwiseDigits == 0)
        #expect(!r.certificate.isCertified())
        #expect(r.certificate.scalings.isEmpty && r.certificate.degrees.isEmpty)
    }

    @Test("exp beyond Double's range: hi is +Inf, lo 0, still certified (MPFR has the range)")
    func doubleOverflow() {
        let r = TaylorReference.compute(Matrix(order: 1) { _, _ in 1000 })
        #expect(r.hi[0, 0] == .infinity && r.lo[0, 0] == 0)
        #expect(r.certificate.isCertified())
        // e^-1000 ≈ 5e-435 underflows Double to 0, yet MPFR holds it: certified, hi = 0.
        let small = TaylorReference.compute(Matrix(order: 1) { _, _ in -1000 })
        #expect(small.hi[0, 0] == 0 && small.certificate.isCertified())
    }

    @Test("Results beyond MPFR's own exponent range get 0 digits", arguments: [1e9, -1e9, 1e300, -1e300])
    func mpfrRangeExceeded(a: Double) {
        let r = TaylorReference.compute(Matrix(order: 1) { _, _ in a })
        #expect(r.certificate.normwiseDigits == 0)
        #expect(r.hi[0, 0] == (a > 0 ? .infinity : 0))
    }

    @Test("Certificates round-trip through JSON")
    func codable() throws {
        let c = TaylorReference.compute(Matrix(order: 2) { i, j in Double(i - j) }).certificate
        let back = try JSONDecoder().decode(Certificate.self, from: JSONEncoder().encode(c))
        #expect(back == c)
    }
}
