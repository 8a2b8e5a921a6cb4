import Linalg
import Reference

/// exp of a complex matrix A = X + iY through the real embedding M = [[X, −Y], [Y, X]] (order 2n):
/// M represents A acting on (Re v, Im v), so exp(M) = [[Re E, −Im E], [Im E, Re E]] with E = exp(A).
///
/// The certificate is `TaylorReference`'s for M. Its normwise digits carry over to E within
/// log₁₀√2 ≈ 0.15 digit (a column of [Re E; Im E] has 1-norm between ‖·‖₁ of the complex column and
/// √2 times it); its worst-entry digits bound the real and imaginary parts separately, which is at
/// least as strict as the complex modulus.
public enum ComplexReference {
    /// exp(real + i·imaginary) as real and imaginary double-double parts, with a certificate.
    public static func compute(real x: Matrix<Double>, imaginary y: Matrix<Double>,
                               bits: Int = 256, checkBits: Int = 192) -> UserReference {
        let r = TaylorReference.compute(embedding(real: x, imaginary: y), bits: bits, checkBits: checkBits)
        let n = x.rows
        return UserReference(
            real: HiLoMatrix(hi: block(r.hi, rowOffset: 0, n), lo: block(r.lo, rowOffset: 0, n)),
            imaginary: HiLoMatrix(hi: block(r.hi, rowOffset: n, n), lo: block(r.lo, rowOffset: n, n)),
            certificate: r.certificate)
    }

    /// [[X, −Y], [Y, X]].
    public static func embedding(real x: Matrix<Double>, imaginary y: Matrix<Double>) -> Matrix<Double> {
        precondition(x.isSquare && y.rows == x.rows && y.cols == x.cols, "complex parts must be square and of one shape")
        let n = x.rows
        return Matrix(order: 2 * n) { i, j in
            switch (i < n, j < n) {
            case (true, true): return x[i, j]
            case (true, false): return -y[i, j - n]
            case (false, true): return y[i - n, j]
            case (false, false): return x[i - n, j - n]
            }
        }
    }

    /// The n×n block of `m` starting at (rowOffset, 0): Re E at row 0, Im E at row n.
    static func block(_ m: Matrix<Double>, rowOffset: Int, _ n: Int) -> Matrix<Double> {
        Matrix(order: n) { i, j in m[i + rowOffset, j] }
    }
}
