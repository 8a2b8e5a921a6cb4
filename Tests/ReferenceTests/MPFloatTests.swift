import Foundation
import Reference
import Testing

@Suite("MPFloat: scalar MPFR wrapper")
struct MPFloatTests {
    @Test("Doubles round-trip exactly at 53 bits and above",
          arguments: [0.0, -0.0, 1.0, -1.5, .pi, 0x1p-1030, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1])
    func doubleRoundTrip(x: Double) {
        for bits in [53, 64, 256] {
            let y = MPFloat(x, precision: bits).double
            #expect(y.bitPattern == x.bitPattern)
        }
    }

    @Test("NaN and infinities are carried, and reported by the predicates")
    func specialValues() {
        #expect(MPFloat(.nan, precision: 64).isNaN)
        #expect(MPFloat(.nan, precision: 64).double.isNaN)
        #expect(MPFloat(.infinity, precision: 64).double == .infinity)
        #expect(!MPFloat(-.infinity, precision: 64).isFinite)
        #expect(MPFloat(0.0, precision: 64).isZero)
        #expect(MPFloat(1.0, precision: 64).isFinite)
    }

    @Test("hi/lo of 1/3 at 256 bits: hi is the rounded value, hi + lo holds ~106 bits")
    func hiLoOfOneThird() {
        let third = MPFloat(1, precision: 256) / MPFloat(3, precision: 256)
        let (hi, lo) = third.hiLo
        #expect(hi == 1.0 / 3.0)
        #expect(abs(lo) <= hi.ulp / 2)
        // Error of hi + lo: the rounding of lo, ≤ ulp(lo)/2 ≤ 2^-106 relative to 1/3.
        let error = ((mp(hi) + mp(lo) - third) / third).magnitude.double
        #expect(error <= 0x1p-106)
    }

    @Test("hi/lo beyond Double's range: hi is ±Inf, lo 0")
    func hiLoOverflow() {
        let big = MPFloat(1.0, precision: 256).scaled(byPowerOfTwo: 5000)
        #expect(big.hiLo.hi == .infinity)
        #expect(big.hiLo.lo == 0)
        #expect((-big).hiLo.hi == -.infinity)
        #expect(MPFloat(.nan, precision: 64).hiLo.lo.isNaN)
    }

    @Test("1/k! times k! is 1 to within 2^-p", arguments: [0, 1, 2, 5, 20, 57, 170])
    func reciprocalFactorial(k: Int) {
        let bits = 256
        var factorial = MPFloat(1, precision: 2048)  // exact: 170! has < 1300 bits
        if k > 1 { for i in 2...k { factorial = factorial * MPFloat(i, precision: 2048) } }
        let product = MPFloat.reciprocalFactorial(k, precision: bits) * factorial
        // Correct rounding of 1/k! (2^-p) plus the rounding of k! at p + 32 bits.
        let error = (product - MPFloat(1, precision: 2048)).magnitude.double
        #expect(error <= 1.01 * Double(sign: .plus, exponent: -bits, significand: 1))
    }

    @Test("Scaling by a power of two is exact and invertible")
    func scaling() {
        let x = MPFloat(1, precision: 256) / MPFloat(7, precision: 256)
        let y = x.scaled(byPowerOfTwo: 3000).scaled(byPowerOfTwo: -3000)
        #expect(y == x)
        #expect(x.scaled(byPowerOfTwo: 1) == x + x)
    }

    @Test("exp, sin, cos agree with Double and with sin² + cos² = 1", arguments: [0.1, 1.0, 3.0, 100.0])
    func elementaryFunctions(x: Double) {
        let t = mp(x)
        #expect(abs(t.exp().double - Foundation.exp(x)) <= 2 * Foundation.exp(x).ulp)
        #expect(abs(t.sin().double - Foundation.sin(x)) <= 2 * Double.ulpOfOne)
        let s = t.sin(), c = t.cos()
        // Three correctly rounded operations at 512 bits: error ≤ 4·2^-512.
        #expect((s * s + c * c - mp(1)).magnitude.double <= 0x1p-509)
    }

    @Test("Comparison is numeric across precisions")
    func comparison() {
        #expect(MPFloat(0.5, precision: 53) == MPFloat(0.5, precision: 512))
        #expect(MPFloat(0.5, precision: 53) < MPFloat(0.75, precision: 512))
        #expect(!(MPFloat(.nan, precision: 53) == MPFloat(.nan, precision: 53)))
        #expect(-mp(2) < mp(-1.5))
    }

    @Test("Decimal strings")
    func decimalString() {
        #expect(mp(1.5).decimalString(digits: 3) == "1.50e0")
        #expect(mp(-0.0015).decimalString(digits: 2) == "-1.5e-3")
        #expect(mp(0).decimalString() == "0")
        #expect(MPFloat(.infinity, precision: 53).description == "inf")
        #expect(MPFloat(1, precision: 53).log10Magnitude == 0)
        #expect(abs(mp(1000).log10Magnitude - 3) <= 4 * Double.ulpOfOne)
    }
}
