import Foundation
import Linalg

/// The two precisions the native candidates run in, as a test argument. A test body is a generic
/// function of T, called with `precision.type` (the existential metatype is opened at the call).
public enum WorkingPrecision: String, CaseIterable, Sendable, CustomStringConvertible {
    case float32, float64
    public var description: String { rawValue }

    public var type: any BLASScalar.Type {
        switch self {
        case .float32: return Float.self
        case .float64: return Double.self
        }
    }
}

/// u of T as a Double.
public func unitRoundoff<T: BLASScalar>(_: T.Type) -> Double { Double(T.unitRoundoff) }

/// max_ij |x_ij − y_ij|, with x widened to Double. NaN if any difference is NaN.
public func maxAbsDifference<T: BLASScalar>(_ x: Matrix<T>, _ y: Matrix<Double>) -> Double {
    precondition(x.rows == y.rows && x.cols == y.cols)
    var worst = 0.0
    for (a, b) in zip(x.elements, y.elements) {
        let d = abs(Double(a) - b)
        if d.isNaN { return .nan }
        worst = max(worst, d)
    }
    return worst
}

/// A matrix from a row-major literal (readable in tests), rounded to T.
public func matrix<T: BLASScalar>(_ rows: [[Double]], as _: T.Type = T.self) -> Matrix<T> {
    let n = rows.count, m = rows.first?.count ?? 0
    var a = Matrix<T>(rows: n, cols: m)
    for i in 0..<n { for j in 0..<m { a[i, j] = T(rows[i][j]) } }
    return a
}

/// diag(d_0, …, d_{n−1}).
public func diagonal<T: BLASScalar>(_ d: [T]) -> Matrix<T> {
    var a = Matrix<T>(rows: d.count, cols: d.count)
    for (i, x) in d.enumerated() { a[i, i] = x }
    return a
}

/// The rotation generator [[0, −θ], [θ, 0]] (‖·‖₁ = |θ|).
public func rotationGenerator<T: BLASScalar>(_ theta: T) -> Matrix<T> {
    Matrix(rows: 2, cols: 2, elements: [0, theta, -theta, 0])
}

/// [[cos θ, −sin θ], [sin θ, cos θ]] in Double: the exact exponential of `rotationGenerator(θ)`,
/// to within Double's rounding of cos and sin.
public func rotation(_ theta: Double) -> Matrix<Double> {
    Matrix(rows: 2, cols: 2, elements: [cos(theta), sin(theta), -sin(theta), cos(theta)])
}

/// Plain triple-loop product in Double, independent of BLAS (for cross-checks).
public func naiveProduct(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    var c = Matrix<Double>(rows: a.rows, cols: b.cols)
    for i in 0..<a.rows {
        for j in 0..<b.cols {
            var s = 0.0
            for k in 0..<a.cols { s += a[i, k] * b[k, j] }
            c[i, j] = s
        }
    }
    return c
}

/// Σ_k c_k·M_k + d·I in Double, entry by entry (for cross-checks).
public func combination(_ terms: [(Double, Matrix<Double>)], identity d: Double = 0) -> Matrix<Double> {
    let n = terms[0].1.rows
    var r = Matrix<Double>(rows: n, cols: n)
    for (c, m) in terms { for k in r.elements.indices { r.elements[k] += c * m.elements[k] } }
    for i in 0..<n { r[i, i] += d }
    return r
}
