import Candidates
import Linalg

/// Properties a correct exp(A) has whatever the reference: identities every result should satisfy,
/// and structure that A's structure implies. All measured in Double on the candidate's results
/// (products through BLAS in Double, whose rounding, ~1e-16, is far below what these checks find).
public struct StructureMetrics: Codable, Equatable, Sendable {
    /// ‖X(A)·X(−A) − I‖₁ / (‖X(A)‖₁·‖X(−A)‖₁): exp(A)·exp(−A) = I.
    public var inverseIdentity: Double?
    /// ‖X(A)² − X(2A)‖₁ / ‖X(2A)‖₁: exp(A)² = exp(2A).
    public var squareIdentity: Double?
    /// ‖XᵀX − I‖₁ for skew-symmetric A (exp(A) is orthogonal).
    public var orthogonalityLoss: Double?
    /// ‖X·1 − 1‖∞ for a rate matrix A (exp(A) is stochastic: rows sum to 1).
    public var rowSumError: Double?
    /// The most negative entry of X for a rate matrix A (exp(A) is nonnegative): 0 if none.
    public var negativeEntry: Double?
    /// ‖X − Xᵀ‖₁ / ‖X‖₁ for symmetric A (exp(A) is symmetric).
    public var symmetryLoss: Double?

    /// The checks for the candidate's result `x` on `a`, calling the candidate on −A and 2A.
    static func measure(_ c: any ExpmCandidate, a: Matrix<Double>, x: Matrix<Double>) -> StructureMetrics {
        var m = StructureMetrics()
        let n = a.rows
        guard n > 0, x.isFinite else { return m }
        if let xm = try? c.run(-a).value, xm.isFinite {
            let scale = x.norm1 * xm.norm1
            if scale > 0 && scale.isFinite { m.inverseIdentity = ((x * xm).addingDiagonal(-1)).norm1 / scale }
        }
        if let x2 = try? c.run(2 * a).value, x2.isFinite, x2.norm1 > 0 {
            m.squareIdentity = (x * x - x2).norm1 / x2.norm1
        }
        if a == -a.transposed { m.orthogonalityLoss = (x.transposed * x).addingDiagonal(-1).norm1 }
        if a == a.transposed, x.norm1 > 0 { m.symmetryLoss = (x - x.transposed).norm1 / x.norm1 }
        if isRateMatrix(a) {
            let ones = Matrix<Double>(rows: n, cols: 1, elements: Array(repeating: 1, count: n))
            m.rowSumError = (x * ones - ones).normInf
            m.negativeEntry = min(0, x.elements.min() ?? 0)
        }
        return m
    }

    /// Off-diagonal entries ≥ 0 and every row summing to exactly 0.
    static func isRateMatrix(_ a: Matrix<Double>) -> Bool {
        let n = a.rows
        guard n > 1 else { return false }
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n {
                if i != j && a[i, j] < 0 { return false }
                sum += a[i, j]
            }
            if sum != 0 { return false }
        }
        return true
    }
}
