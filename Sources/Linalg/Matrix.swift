/// A dense real matrix stored column-major, as BLAS and LAPACK expect:
/// entry (i, j) lives at `elements[i + j * rows]`.
///
/// A value type; products and solves go through BLAS/LAPACK (see `Matrix+BLAS.swift`),
/// everything else here is plain Swift with a fixed loop order, so it is deterministic.
public struct Matrix<T: BLASScalar>: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public var elements: [T]

    /// A matrix from column-major elements; `elements.count` must be `rows * cols`.
    @inlinable
    public init(rows: Int, cols: Int, elements: [T]) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        precondition(elements.count == rows * cols, "expected \(rows * cols) elements, got \(elements.count)")
        self.rows = rows
        self.cols = cols
        self.elements = elements
    }

    /// The rows×cols zero matrix.
    @inlinable
    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, elements: Array(repeating: 0, count: rows * cols))
    }

    /// A square matrix from `f(i, j)`, evaluated column by column.
    @inlinable
    public init(order n: Int, _ f: (Int, Int) -> T) {
        var e = [T]()
        e.reserveCapacity(n * n)
        for j in 0..<n { for i in 0..<n { e.append(f(i, j)) } }
        self.init(rows: n, cols: n, elements: e)
    }

    /// The n×n identity.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        Matrix(order: n) { i, j in i == j ? 1 : 0 }
    }

    @inlinable
    public var isSquare: Bool { rows == cols }

    @inlinable
    public subscript(i: Int, j: Int) -> T {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// True when no entry is NaN or ±Inf.
    @inlinable
    public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }

    /// The transpose.
    @inlinable
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for j in 0..<cols { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// Entrywise conversion to another precision (rounding to nearest).
    @inlinable
    public func converted<U: BLASScalar>(to _: U.Type = U.self) -> Matrix<U> {
        Matrix<U>(rows: rows, cols: cols, elements: elements.map { U($0) })
    }
}
