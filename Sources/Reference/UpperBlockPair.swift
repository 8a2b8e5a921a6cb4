import Linalg

/// The block upper-triangular matrix [[X, Y], [0, X]] of order 2n, held as its two n×n blocks.
///
/// Products keep the form: [[X, Y], [0, X]]·[[X′, Y′], [0, X′]] = [[XX′, XY′ + YX′], [0, XX′]], three
/// n×n products instead of the eight a dense 2n×2n product costs. Any polynomial or squaring of the block
/// matrix is computed this way, so exp([[A, E], [0, A]]) = [[exp(A), L(A, E)], [0, exp(A)]] (Higham,
/// *Functions of Matrices*, 2008, Thm. 3.6) costs 3/8 of the dense evaluation, with the same scaling and
/// the same series; only the order of the floating-point sums in the Y block differs.
public struct UpperBlockPair: SchemeAlgebra, Sendable {
    public typealias Coefficient = Double
    /// The diagonal blocks.
    public var x: Matrix<Double>
    /// The top-right block.
    public var y: Matrix<Double>

    public init(x: Matrix<Double>, y: Matrix<Double>) {
        precondition(x.isSquare && y.rows == x.rows && y.cols == x.cols, "blocks must be n×n")
        (self.x, self.y) = (x, y)
    }

    public var one: UpperBlockPair { UpperBlockPair(x: x.one, y: Matrix(rows: x.rows, cols: x.cols)) }
    public static func + (a: Self, b: Self) -> Self { Self(x: a.x + b.x, y: a.y + b.y) }
    public static func - (a: Self, b: Self) -> Self { Self(x: a.x - b.x, y: a.y - b.y) }
    public static func * (a: Self, b: Self) -> Self { Self(x: a.x * b.x, y: a.x * b.y + a.y * b.x) }
    public static func * (c: Double, a: Self) -> Self { Self(x: c * a.x, y: c * a.y) }
    public func divided(by d: Double) -> Self { Self(x: x.divided(by: d), y: y.divided(by: d)) }
    public func addingDiagonal(_ c: Double) -> Self { Self(x: x.addingDiagonal(c), y: y) }

    /// The 1-norm of the 2n×2n matrix, summed in the order `Matrix.norm1` would sum it (each column top
    /// to bottom), so the scaling chosen from it is the dense evaluation's.
    public var norm1: Double {
        let n = x.rows
        var best = 0.0
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(x[i, j]) }
            if s.isNaN { return .nan }
            best = max(best, s)
        }
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(y[i, j]) }
            for i in 0..<n { s += abs(x[i, j]) }
            if s.isNaN { return .nan }
            best = max(best, s)
        }
        return best
    }

    public var isFinite: Bool { x.isFinite && y.isFinite }
}
