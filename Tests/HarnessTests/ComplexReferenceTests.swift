@testable import Certification
@testable import FileIO
import Foundation
import Linalg
import Reference
import Testing


@Suite("Complex references")
struct ComplexReferenceTests {
    /// exp(diag(a_k + i b_k)) = diag(e^{a_k}(cos b_k + i sin b_k)), checked in MPFR to 30 digits.
    @Test("diagonal: e^(a+ib) entrywise")
    func diagonal() {
        let a = [0.5, -1.25, 2.0], b = [1.0, -3.0, 0.1]
        let x = Matrix<Double>(order: 3) { i, j in i == j ? a[i] : 0 }
        let y = Matrix<Double>(order: 3) { i, j in i == j ? b[i] : 0 }
        let r = ComplexReference.compute(real: x, imaginary: y)
        #expect(r.certificate.normwiseDigits >= 40)
        for k in 0..<3 {
            let e = MPFloat(a[k], precision: 200).exp()
            let re = e * MPFloat(b[k], precision: 200).cos(), im = e * MPFloat(b[k], precision: 200).sin()
            #expect(close(r.real, k, k, re) && close(r.imaginary!, k, k, im))
        }
        for i in 0..<3 { for j in 0..<3 where i != j { #expect(r.real.hi[i, j] == 0 && r.imaginary!.hi[i, j] == 0) } }
    }

    /// exp([[λ, c], [0, μ]]) = [[e^λ, c(e^λ − e^μ)/(λ − μ)], [0, e^μ]] for complex λ ≠ μ.
    @Test("2×2 upper triangular with complex entries")
    func triangular() {
        let (lr, li, mr, mi, cr, ci) = (0.3, 1.1, -0.7, 0.4, 2.0, -1.5)
        let x = Matrix<Double>(rows: 2, cols: 2, elements: [lr, 0, cr, mr])
        let y = Matrix<Double>(rows: 2, cols: 2, elements: [li, 0, ci, mi])
        let r = ComplexReference.compute(real: x, imaginary: y)
        let p = 200
        func cexp(_ re: Double, _ im: Double) -> (MPFloat, MPFloat) {
            let e = MPFloat(re, precision: p).exp()
            return (e * MPFloat(im, precision: p).cos(), e * MPFloat(im, precision: p).sin())
        }
        let (el, elI) = cexp(lr, li), (em, emI) = cexp(mr, mi)
        // c·(e^λ − e^μ)/(λ − μ) in complex MPFR arithmetic.
        let (nr, ni) = (el - em, elI - emI)
        let (dr, di) = (MPFloat(lr, precision: p) - MPFloat(mr, precision: p), MPFloat(li, precision: p) - MPFloat(mi, precision: p))
        let d2 = dr * dr + di * di
        let (qr, qi) = ((nr * dr + ni * di) / d2, (ni * dr - nr * di) / d2)
        let (c, cI) = (MPFloat(cr, precision: p), MPFloat(ci, precision: p))
        #expect(close(r.real, 0, 0, el) && close(r.imaginary!, 0, 0, elI))
        #expect(close(r.real, 1, 1, em) && close(r.imaginary!, 1, 1, emI))
        #expect(close(r.real, 0, 1, c * qr - cI * qi) && close(r.imaginary!, 0, 1, c * qi + cI * qr))
        #expect(r.real.hi[1, 0] == 0 && r.imaginary!.hi[1, 0] == 0)
    }

    @Test("a real user matrix goes through TaylorReference unchanged")
    func realInput() {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [1, 2, 3, 4])
        let r = UserReference.compute(UserMatrix(name: "a", path: "a", real: a))
        #expect(r.imaginary == nil && r.real.hi == TaylorReference.compute(a).hi)
    }

    /// hi + lo agrees with the MPFR value to 30 significant digits.
    private func close(_ m: HiLoMatrix, _ i: Int, _ j: Int, _ exact: MPFloat) -> Bool {
        let sum = MPFloat(m.hi[i, j], precision: 200) + MPFloat(m.lo[i, j], precision: 200)
        let err = (sum - exact).magnitude.double
        return err <= 1e-30 * abs(exact.double)
    }
}
