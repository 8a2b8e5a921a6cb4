/// Entrywise arithmetic, norms and the diagonal: O(n²) operations in plain Swift.
extension Matrix {
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in +")
        return Matrix(rows: a.rows, cols: a.cols, elements: zip(a.elements, b.elements).map { $0 + $1 })
    }

    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in -")
        return Matrix(rows: a.rows, cols: a.cols, elements: zip(a.elements, b.elements).map { $0 - $1 })
    }

    public static prefix func - (a: Matrix) -> Matrix {
        Matrix(rows: a.rows, cols: a.cols, elements: a.elements.map { -$0 })
    }

    /// The scalar multiple s·A.
    public static func * (s: T, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, cols: a.cols, elements: a.elements.map { s * $0 })
    }

    /// A + s·I (A square).
    public func addingDiagonal(_ s: T) -> Matrix {
        precondition(isSquare, "addingDiagonal needs a square matrix")
        var r = self
        for i in 0..<rows { r[i, i] += s }
        return r
    }

    /// ‖A‖₁ = max over columns of the sum of absolute values. NaN if any entry is NaN.
    public var norm1: T {
        var best: T = 0
        for j in 0..<cols {
            var s: T = 0
            for i in 0..<rows { s += abs(self[i, j]) }
            if s.isNaN { return .nan }
            best = Swift.max(best, s)
        }
        return best
    }

    /// ‖A‖∞ = max over rows of the sum of absolute values. NaN if any entry is NaN.
    public var normInf: T { transposed.norm1 }

    /// max |a_ij|, the largest entry in absolute value (0 for an empty matrix).
    public var maxAbs: T {
        var best: T = 0
        for x in elements {
            if x.isNaN { return .nan }
            best = Swift.max(best, abs(x))
        }
        return best
    }
}
