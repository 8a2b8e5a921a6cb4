import Foundation
import Linalg
import Reference
import Testing

@Suite("MPMatrix: MPFR matrices and their arithmetic")
struct MPMatrixTests {
    /// A random 256-bit matrix (entries N(0,1)/3 at full precision) with some exact zeros.
    static func randomMatrix(_ n: Int, seed: UInt64, zeros: Bool) -> MPMatrix {
        var g = SplitMix64(seed: seed)
        return mpMatrix(order: n, precision: 256) { _, _ in
            if zeros && Double.random(in: 0..<1, using: &g) < 0.3 { return MPFloat(precision: 256) }
            return MPFloat(g.gaussian(), precision: 256) / MPFloat(3, precision: 256)
        }
    }

    @Test("Product equals the textbook triple loop bit for bit (same roundings, zeros skipped exactly)",
          arguments: [(1, false), (4, false), (7, true), (12, true)])
    func productMatchesNaive(n: Int, zeros: Bool) {
        let a = Self.randomMatrix(n, seed: 1, zeros: zeros), b = Self.randomMatrix(n, seed: 2, zeros: zeros)
        let c = a * b, reference = naiveProduct(a, b, precision: 256)
        for j in 0..<n { for i in 0..<n { #expect(c[i, j] == reference[i, j]) } }
    }

    @Test("Product with the identity, and of strictly triangular matrices, is exact")
    func structuredProducts() {
        let a = Self.randomMatrix(6, seed: 3, zeros: false)
        let i6 = MPMatrix.identity(order: 6, precision: 256)
        let left = i6 * a, right = a * i6
        for j in 0..<6 { for i in 0..<6 { #expect(left[i, j] == a[i, j] && right[i, j] == a[i, j]) } }
        // The square of the 4×4 upper shift is the shift by two: ones on the second superdiagonal.
        let shift = MPMatrix(Matrix(order: 4) { i, j in j == i + 1 ? 1 : 0 }, precision: 256)
        #expect((shift * shift).toDouble() == Matrix(order: 4) { i, j in j == i + 2 ? 1 : 0 })
    }

    @Test("Empty matrices are fine")
    func empty() {
        let e = MPMatrix(order: 0, precision: 64)
        #expect((e * e).order == 0)
        #expect(e.norm1 == 0)
        #expect(e.splitHiLo().hi.rows == 0)
    }

    @Test("Scaled addition rounds once; identity addition touches only the diagonal")
    func scaledAddition() {
        let x = MPMatrix(Matrix(order: 2) { i, j in Double(1 + i + 2 * j) }, precision: 256)
        let y = MPMatrix.identity(order: 2, precision: 256)
        let third = MPFloat(1, precision: 256) / MPFloat(3, precision: 256)
        y.add(x, times: third)
        y.addIdentity(times: MPFloat(2, precision: 256))
        for j in 0..<2 {
            for i in 0..<2 {
                let exact = mp(Double(1 + i + 2 * j)) / mp(3) + mp(i == j ? 3 : 0)
                // One rounding to 256 bits for the fused add, one for the diagonal add.
                #expect(((y[i, j] - exact) / exact).magnitude.double <= 0x1p-255)
            }
        }
    }

    @Test("Scaling by 2^k is exact")
    func scaling() {
        let a = Self.randomMatrix(5, seed: 4, zeros: true), b = a.copy()
        b.scale(byPowerOfTwo: -700)
        b.scale(byPowerOfTwo: 700)
        for j in 0..<5 { for i in 0..<5 { #expect(a[i, j] == b[i, j]) } }
    }

    @Test("1-norm: matches Double's for Double data; the upper bound is never below the exact norm")
    func norms() {
        var g = SplitMix64(seed: 5)
        let a = g.gaussianMatrix(9)
        let m = MPMatrix(a, precision: 53)
        #expect(abs(m.norm1 - a.norm1) <= 16 * a.norm1 * Double.ulpOfOne)
        // Exact norm: every column sum formed at 2048 bits is exact for Doubles of this size.
        var exact = MPFloat(precision: 2048)
        for j in 0..<9 {
            var column = MPFloat(precision: 2048)
            for i in 0..<9 { column = column + mp(abs(a[i, j])) }
            if exact < column { exact = column }
        }
        #expect(!(MPFloat(m.norm1UpperBound, precision: 2048) < exact))
        #expect(m.norm1UpperBound <= exact.double * (1 + 1e-15))
    }

    @Test("hi/lo split: hi is entrywise rounding, |lo| ≤ ulp(hi)/2, hi + lo within 2^-105")
    func hiLoSplit() {
        let a = Self.randomMatrix(6, seed: 6, zeros: true)
        let (hi, lo) = a.splitHiLo()
        #expect(hi == a.toDouble())
        for e in 0..<36 { #expect(abs(lo.elements[e]) <= hi.elements[e].ulp / 2) }
        let back = MPMatrix.fromHiLo(hi, lo, precision: 256)
        #expect(componentwiseError(back, a) <= 0x1p-105)
    }

    @Test("Conversion from Double is exact at 53 bits and entries read back unchanged")
    func conversion() {
        var g = SplitMix64(seed: 7)
        let a = g.gaussianMatrix(5, scale: 1e-300)
        let m = MPMatrix(a, precision: 53)
        #expect(m.toDouble() == a)
        #expect(m[2, 3].double == a[2, 3])
        #expect(m.isFinite)
        m[0, 0] = MPFloat(.nan, precision: 53)
        #expect(!m.isFinite)
    }
}
