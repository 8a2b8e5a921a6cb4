import Foundation
import Linalg
import Reference
import Testing

/// exp(A) against closed forms evaluated in MPFR at 512 bits. Each example is checked twice:
/// the 256-bit MPFR result normwise against `tolerance256`, and the returned hi + lo entrywise
/// against `hiLoTolerance` (> 31 digits), with exact zeros required where exp(A) is zero.
/// See TestSupport.swift for how both tolerances follow from the precisions involved.
@Suite("TaylorReference: exp against closed forms")
struct ClosedFormTests {
    /// Checks both the MPFR result and hi/lo of `compute` against `exact`.
    func check(_ a: Matrix<Double>, exact: MPMatrix, componentwise: Bool = true) {
        let value = TaylorReference.exponential(a, bits: 256)
        #expect(normwiseError(value, exact) <= tolerance256)
        if componentwise { #expect(componentwiseError(value, exact) <= tolerance256) }
        let r = TaylorReference.compute(a)
        #expect(r.order == a.rows)
        #expect(componentwiseError(hiPlusLo(r), exact) <= hiLoTolerance)
        #expect(r.certificate.isCertified())
    }

    @Test("0×0: the empty matrix, certified at the cap")
    func empty() {
        let r = TaylorReference.compute(Matrix(rows: 0, cols: 0))
        #expect(r.order == 0 && r.hi.rows == 0 && r.lo.cols == 0)
        #expect(r.certificate.normwiseDigits == Certificate.digitCap(bits: 192))
        #expect(r.certificate.componentwiseDigits == Certificate.digitCap(bits: 192))
    }

    @Test("1×1: e^a", arguments: [-30.0, -1, -1e-10, 0, 0.5, 1, 20, 700])
    func scalar(a: Double) {
        check(Matrix(order: 1) { _, _ in a }, exact: mpMatrix(order: 1, precision: closedFormBits) { _, _ in
            mp(a).exp()
        })
    }

    @Test("Diagonal: e^{d_i} on the diagonal, exact zeros elsewhere",
          arguments: [[-30.0, -1, 0, 0.5, 20], [1e-3, -2e-3, 7], [-0.25, -0.25, 3.5, 3.5]])
    func diagonal(d: [Double]) {
        let a = Matrix(order: d.count) { i, j in i == j ? d[i] : 0 }
        check(a, exact: mpMatrix(order: d.count, precision: closedFormBits) { i, j in
            i == j ? mp(d[i]).exp() : mp(0)
        })
    }

    @Test("Rotation generator [[0, −θ], [θ, 0]] → [[cos θ, −sin θ], [sin θ, cos θ]]",
          arguments: [0.1, 1, 3, 10, 100])
    func rotation(theta: Double) {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [0, theta, -theta, 0])
        let c = mp(theta).cos(), s = mp(theta).sin()
        let exact = mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == j ? c : (i == 1 ? s : -s)
        }
        check(a, exact: exact)
    }

    @Test("Nilpotent: strictly upper triangular N with small integers, exp = Σ_{k<n} N^k/k!",
          arguments: [2, 5, 8])
    func nilpotent(n: Int) {
        // Entries 0…3 (some zero), nonnegative so exp(N) has no cancellation.
        let a = Matrix<Double>(order: n) { i, j in j > i ? Double((i + 2 * j) % 4) : 0 }
        let nMP = MPMatrix(a, precision: closedFormBits)
        // Powers of an integer matrix are exact at 512 bits; only the divisions by k! round.
        var power = MPMatrix.identity(order: n, precision: closedFormBits)
        let sum = MPMatrix.identity(order: n, precision: closedFormBits)
        for k in 1..<n {
            power = naiveProduct(power, nMP, precision: closedFormBits)
            sum.add(power, times: MPFloat.reciprocalFactorial(k, precision: closedFormBits))
        }
        check(a, exact: sum)
    }

    @Test("Jordan shift: exp has 1/k! on the k-th superdiagonal", arguments: [2, 6, 12])
    func shift(n: Int) {
        let a = Matrix<Double>(order: n) { i, j in j == i + 1 ? 1 : 0 }
        check(a, exact: mpMatrix(order: n, precision: closedFormBits) { i, j in
            if j < i { return mp(0) }
            var f = mp(1)
            for k in stride(from: 2, through: j - i, by: 1) { f = f * mp(Double(k)) }
            return mp(1) / f
        })
    }

    @Test("Non-normal 2×2 [[a, b], [0, c]] → [[e^a, b(e^a − e^c)/(a − c)], [0, e^c]]",
          arguments: [(1.0, 2.0, -1.0), (-1, 100, -1.5), (2, -3, -5), (0.5, 1000, 0.5 + 0x1p-20)])
    func nonNormal(a: Double, b: Double, c: Double) {
        let m = Matrix<Double>(rows: 2, cols: 2, elements: [a, 0, b, c])
        let ea = mp(a).exp(), ec = mp(c).exp()
        // a − c is exact in Double for these cases; at 512 bits e^a − e^c loses at most 20 bits.
        let off = mp(b) * (ea - ec) / (mp(a) - mp(c))
        check(m, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == 0 ? (j == 0 ? ea : off) : (j == 0 ? mp(0) : ec)
        })
    }
}
