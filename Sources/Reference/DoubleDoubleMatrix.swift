import Foundation
import Linalg

/// A matrix of double-double numbers: entry (i, j) is the unevaluated sum hi[i, j] + lo[i, j],
/// both column-major `Matrix<Double>` of one shape.
///
/// Normalised (every operation here returns normalised values): hi = fl(hi + lo), hence
/// |lo| ≤ ulp(hi)/2 and hi + lo carries about 106 significant bits per entry. Valid for entries in
/// Double's normal range; below about 2^-969 the lo parts become subnormal and precision degrades
/// gracefully towards Double's. Non-finite entries propagate as NaN/Inf, with no guarantee.
///
/// Elementwise operations use error-free transformations (TwoSum, FastTwoSum, TwoProduct by fma;
/// see `DoubleDoubleArithmetic`); each returns the exact result rounded with a relative error of a
/// few units of 2^-106 per entry. Products of matrices are in `OzakiProduct`.
public struct DDMatrix: Equatable, Sendable {
    /// The leading parts, fl(hi + lo).
    public var hi: Matrix<Double>
    /// The trailing parts, |lo| ≤ ulp(hi)/2.
    public var lo: Matrix<Double>

    /// hi + lo, normalised entry by entry (hi and lo may be any finite Doubles of one shape).
    public init(hi: Matrix<Double>, lo: Matrix<Double>) {
        precondition(hi.rows == lo.rows && hi.cols == lo.cols, "hi/lo shape mismatch")
        self.hi = hi
        self.lo = lo
        normalize()
    }

    /// hi + lo taken as they are: the caller guarantees hi = fl(hi + lo) entrywise.
    init(normalizedHi hi: Matrix<Double>, lo: Matrix<Double>) {
        precondition(hi.rows == lo.rows && hi.cols == lo.cols, "hi/lo shape mismatch")
        self.hi = hi
        self.lo = lo
    }

    /// The Double matrix `a` held exactly (lo = 0).
    public init(_ a: Matrix<Double>) {
        hi = a
        lo = Matrix(rows: a.rows, cols: a.cols)
    }

    /// The rows×cols zero matrix.
    public init(rows: Int, cols: Int) {
        self.init(Matrix(rows: rows, cols: cols))
    }

    /// The n×n identity.
    public static func identity(_ n: Int) -> DDMatrix { DDMatrix(Matrix<Double>.identity(n)) }

    public var rows: Int { hi.rows }
    public var cols: Int { hi.cols }

    /// Entry (i, j) as (hi, lo).
    public subscript(i: Int, j: Int) -> (hi: Double, lo: Double) {
        (hi[i, j], lo[i, j])
    }

    /// Re-establishes hi = fl(hi + lo) entrywise by TwoSum (exact: hi + lo is unchanged).
    public mutating func normalize() {
        hi.elements.withUnsafeMutableBufferPointer { h in
            lo.elements.withUnsafeMutableBufferPointer { l in
                for e in 0..<h.count {
                    (h[e], l[e]) = DoubleDoubleArithmetic.twoSum(h[e], l[e])
                }
            }
        }
    }

    /// ‖hi + lo‖₁ (largest column sum of absolute values), computed from hi in Double: relative
    /// error ≤ (rows + 1)·2^-53 to first order. NaN if an entry is NaN.
    public var norm1: Double { hi.norm1 }

    /// The entrywise sum a + b in double-double (accurate addition: relative error ≤ 3·2^-106 of
    /// |a| + |b| per entry).
    public static func + (a: DDMatrix, b: DDMatrix) -> DDMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in +")
        var r = a
        r.add(b, times: (1, 0))
        return r
    }

    /// The negation (exact).
    public static prefix func - (a: DDMatrix) -> DDMatrix {
        var r = a
        r.hi = -r.hi
        r.lo = -r.lo
        return r
    }

    /// c·A for a double-double scalar c = (hi, lo): relative error ≤ 8·2^-106 per entry.
    public func scaled(by c: (hi: Double, lo: Double)) -> DDMatrix {
        var r = self
        r.hi.elements.withUnsafeMutableBufferPointer { h in
            r.lo.elements.withUnsafeMutableBufferPointer { l in
                for e in 0..<h.count {
                    (h[e], l[e]) = DoubleDoubleArithmetic.multiply((h[e], l[e]), c)
                }
            }
        }
        return r
    }

    /// 2^k·A, exact while the results stay in Double's normal range.
    public func scaled(byPowerOfTwo k: Int) -> DDMatrix {
        var r = self
        r.hi = r.hi.mapEntries { Foundation.scalbn($0, k) }
        r.lo = r.lo.mapEntries { Foundation.scalbn($0, k) }
        return r
    }

    /// self ← self + c·x entrywise, with c = (hi, lo) a double-double scalar: the product is
    /// formed as in `DoubleDoubleArithmetic.multiply` (relative error ≤ 8·2^-106), the sum by
    /// accurate double-double addition (≤ 3·2^-106 of |self| + |c·x|).
    public mutating func add(_ x: DDMatrix, times c: (hi: Double, lo: Double)) {
        precondition(x.rows == rows && x.cols == cols, "shape mismatch in add")
        let isOne = c.hi == 1 && c.lo == 0
        hi.elements.withUnsafeMutableBufferPointer { h in
            lo.elements.withUnsafeMutableBufferPointer { l in
                x.hi.elements.withUnsafeBufferPointer { xh in
                    x.lo.elements.withUnsafeBufferPointer { xl in
                        for e in 0..<h.count {
                            let term = isOne ? (xh[e], xl[e]) : DoubleDoubleArithmetic.multiply((xh[e], xl[e]), c)
                            (h[e], l[e]) = DoubleDoubleArithmetic.add((h[e], l[e]), term)
                        }
                    }
                }
            }
        }
    }

    /// self ← self + c·I (square), one accurate double-double addition per diagonal entry.
    public mutating func addIdentity(times c: (hi: Double, lo: Double)) {
        precondition(rows == cols, "addIdentity needs a square matrix")
        for i in 0..<rows {
            (hi[i, i], lo[i, i]) = DoubleDoubleArithmetic.add((hi[i, i], lo[i, i]), c)
        }
    }
}

/// Error-free transformations and double-double scalar arithmetic (Dekker 1971; Knuth TAOCP vol. 2
/// §4.2.2; the accurate addition is the one of Bailey's QD library, written here from its
/// definition). Round-to-nearest Double arithmetic is assumed, as everywhere on this platform.
enum DoubleDoubleArithmetic {
    /// s + e = a + b exactly, s = fl(a + b) (Knuth's TwoSum: any magnitudes).
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// s + e = a + b exactly, s = fl(a + b), provided |a| ≥ |b| or a = 0 (Dekker's FastTwoSum).
    @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    /// p + e = a·b exactly (barring underflow), p = fl(a·b), by one fused multiply-add.
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    /// Accurate double-double addition, normalised: error ≤ 3u²·(|a| + |b|) to first order
    /// (u = 2^-53): 2u² from adding the low parts, u² at the end; TwoSum and FastTwoSum are exact.
    @inline(__always)
    static func add(_ a: (Double, Double), _ b: (Double, Double)) -> (Double, Double) {
        var (s, e) = twoSum(a.0, b.0)
        let (t, f) = twoSum(a.1, b.1)
        e += t
        (s, e) = fastTwoSum(s, e)
        e += f
        return fastTwoSum(s, e)
    }

    /// Double-double product, normalised: relative error ≤ 8u² to first order (u = 2^-53; inputs
    /// normalised, |lo| ≤ u|hi|): u² for the dropped lo·lo term, u² for rounding each of hi·lo and
    /// lo·hi, 2u² for their sum, 3u² for adding it to the TwoProduct error; the rest is exact.
    @inline(__always)
    static func multiply(_ a: (Double, Double), _ b: (Double, Double)) -> (Double, Double) {
        var (p, e) = twoProduct(a.0, b.0)
        e += a.0 * b.1 + a.1 * b.0
        return fastTwoSum(p, e)
    }
}
