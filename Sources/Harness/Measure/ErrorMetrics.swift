import Linalg

/// How far a computed exponential X is from the reference E = hi + lo (a double-double value, so
/// the reference's own rounding, ~1e-32 relative, does not pollute errors near Double's 1e-16).
public struct ErrorMetrics: Codable, Equatable, Sendable {
    /// ‖X − E‖₁ / ‖E‖₁ (1-norm: max column sum).
    public var normwiseRelative: Double
    /// max over entries of |x_ij − e_ij| / |e_ij|; an entry whose reference is exactly zero
    /// contributes |x_ij| / max|E| instead (measured against the largest entry), so an exact zero
    /// reproduced exactly costs nothing and a spurious nonzero is not divided by zero.
    public var componentwiseRelative: Double
    /// max over entries of |x_ij − e_ij|.
    public var maxAbsolute: Double
    /// Row and column (0-based) of the entry that sets `componentwiseRelative`.
    public var worstEntry: [Int]?
    /// Entries left out because exp(A) overflows there in the candidate's precision (the candidate
    /// returned the right ±Inf; a finite value there is reported by the runner, not measured here).
    public var overflowEntries: Int = 0

    /// Metrics of X against the reference (hi, lo); X, hi, lo are n×n.
    ///
    /// Entries flagged in `skip` (where exp(A) overflows the candidate's precision) are left out of
    /// every measure; X must be finite elsewhere. Reference entries of magnitude below `tiny` (the
    /// precision's smallest normal number: they underflow to subnormals or zero) are measured like
    /// exact zeros, against max|E|, since no relative accuracy can be asked of them.
    public init(x: Matrix<Double>, hi: Matrix<Double>, lo: Matrix<Double>, skip: [Bool]? = nil, tiny: Double = 0) {
        precondition(x.rows == hi.rows && x.cols == hi.cols && hi.rows == lo.rows && hi.cols == lo.cols,
                     "shape mismatch between result and reference")
        let n = x.rows
        let skipped = skip ?? Array(repeating: false, count: x.elements.count)
        var diff = Matrix<Double>(rows: n, cols: x.cols)
        var kept = Matrix<Double>(rows: n, cols: x.cols)
        var refMax = 0.0
        for k in x.elements.indices where !skipped[k] {
            diff.elements[k] = (x.elements[k] - hi.elements[k]) - lo.elements[k]
            kept.elements[k] = hi.elements[k]
            refMax = max(refMax, abs(hi.elements[k]))
        }
        overflowEntries = skipped.filter { $0 }.count
        let refNorm = kept.norm1
        normwiseRelative = refNorm > 0 ? diff.norm1 / refNorm : (diff.norm1 == 0 ? 0 : .infinity)
        maxAbsolute = diff.maxAbs
        var worst = 0.0
        var at: [Int]?
        for j in 0..<x.cols {
            for i in 0..<n where !skipped[i + j * n] {
                let e = hi[i, j]
                let d = abs(diff[i, j])
                let r: Double
                if abs(e + lo[i, j]) >= tiny && (e != 0 || lo[i, j] != 0) {
                    r = d / abs(e + lo[i, j])
                } else {
                    r = refMax > 0 ? d / refMax : (d == 0 ? 0 : .infinity)
                }
                if r > worst || at == nil {
                    worst = r
                    at = [i, j]
                }
            }
        }
        componentwiseRelative = worst
        worstEntry = at
    }
}
