import FileIO
import Linalg
import Reference

/// A user reference as Matrix Market text with a chosen number of significant digits.
///
/// Up to `HiLoMatrix.carriedDigits` digits come from hi + lo. More digits than a double-double
/// carries come from the MPFR value itself: `TaylorReference.exponential` at the primary precision
/// with the cheapest plan is the very value `TaylorReference.compute` certified (checked: it must
/// split into the same hi and lo); if it ever did not, hi + lo is printed and only its digits are
/// claimed.
public enum ReferenceText {
    /// The text, and how many significant digits per entry the printed value carries (before the
    /// certificate is considered).
    public static func matrixMarket(_ m: UserMatrix, _ r: UserReference, digits: Int, bits: Int = 256,
                             comments: [String]) -> (text: String, carriedDigits: Int) {
        if digits > HiLoMatrix.carriedDigits, let exact = mpfrValue(m, r, bits: bits) {
            let n = m.order
            let text = MatrixMarketWriter.render(order: n, complex: m.isComplex, comments: comments) { i, j in
                (exact[i, j].decimalString(digits: digits), m.isComplex ? exact[i + n, j].decimalString(digits: digits) : nil)
            }
            return (text, Int(Double(bits) * 0.30103) - 2)
        }
        let text = MatrixMarketWriter.text(
            real: (r.real.hi, r.real.lo), imaginary: r.imaginary.map { ($0.hi, $0.lo) }, digits: digits, comments: comments)
        return (text, HiLoMatrix.carriedDigits)
    }

    /// exp of the matrix (of its real embedding, for complex input) at `bits` bits, when it is the
    /// value `r` was rounded from.
    private static func mpfrValue(_ m: UserMatrix, _ r: UserReference, bits: Int) -> MPMatrix? {
        let a = m.imaginary.map { ComplexReference.embedding(real: m.real, imaginary: $0) } ?? m.real
        let value = TaylorReference.exponential(a, bits: bits)
        let (hi, lo) = value.splitHiLo()
        let n = m.order
        let same = m.imaginary == nil
            ? hi == r.real.hi && lo == r.real.lo
            : ComplexReference.block(hi, rowOffset: 0, n) == r.real.hi && ComplexReference.block(lo, rowOffset: 0, n) == r.real.lo
                && ComplexReference.block(hi, rowOffset: n, n) == r.imaginary?.hi && ComplexReference.block(lo, rowOffset: n, n) == r.imaginary?.lo
        return same ? value : nil
    }
}
