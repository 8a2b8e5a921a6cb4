import Foundation
import Linalg
import Reference

/// Writes square matrices as Matrix Market `array … general` text (real or complex), one entry
/// per line, column by column.
public enum MatrixMarketWriter {
    /// A Double matrix (and imaginary part) with 17 significant digits, which read back exactly.
    static func text(real: Matrix<Double>, imaginary: Matrix<Double>? = nil, comments: [String] = []) -> String {
        render(order: real.rows, complex: imaginary != nil, comments: comments) { i, j in
            (double17(real[i, j]), imaginary.map { double17($0[i, j]) })
        }
    }

    /// Double-double values hi + lo (and imaginary hiIm + loIm), each entry the correctly rounded
    /// decimal of the exact sum with `digits` significant digits (formed in MPFR).
    public static func text(real: (hi: Matrix<Double>, lo: Matrix<Double>),
                     imaginary: (hi: Matrix<Double>, lo: Matrix<Double>)? = nil,
                     digits: Int, comments: [String] = []) -> String {
        render(order: real.hi.rows, complex: imaginary != nil, comments: comments) { i, j in
            (decimal(real.hi[i, j], real.lo[i, j], digits: digits),
             imaginary.map { decimal($0.hi[i, j], $0.lo[i, j], digits: digits) })
        }
    }

    /// The header, comments and one line per entry from `entry(i, j)` = (real, imaginary) text.
    public static func render(order n: Int, complex: Bool, comments: [String],
                       entry: (Int, Int) -> (String, String?)) -> String {
        var out = "%%MatrixMarket matrix array \(complex ? "complex" : "real") general\n"
        for c in comments { out += "% \(c)\n" }
        out += "\(n) \(n)\n"
        for j in 0..<n {
            for i in 0..<n {
                let (re, im) = entry(i, j)
                out += im.map { "\(re) \($0)\n" } ?? "\(re)\n"
            }
        }
        return out
    }

    /// 17 significant digits: enough for any Double to read back exactly.
    static func double17(_ x: Double) -> String { String(format: "%.16e", x) }

    /// hi + lo exactly, then rounded once to `digits` significant decimal digits.
    static func decimal(_ hi: Double, _ lo: Double, digits: Int) -> String {
        guard hi.isFinite, lo.isFinite else { return double17(hi) }
        guard lo != 0, hi != 0 else { return MPFloat(hi + lo, precision: 53).decimalString(digits: digits) }
        // Enough bits for the sum to be exact: the span between the two leading bits plus 53.
        let bits = abs(Int(hi.exponent) - Int(lo.exponent)) + 54
        let sum = MPFloat(hi, precision: bits) + MPFloat(lo, precision: bits)
        return sum.decimalString(digits: digits)
    }
}
