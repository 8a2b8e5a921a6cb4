/// Entrywise arithmetic, norms and the diagonal: O(n²) operations in plain Swift.
extension Matrix {
    @inlinable
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in +")
        return a.combined(with: b) { $0 + $1 }
    }

    @inlinable
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shape mismatch in -")
        return a.combined(with: b) { $0 - $1 }
    }

    @inlinable
    public static prefix func - (a: Matrix) -> Matrix {
        a.mapEntries { -$0 }
    }

    /// f applied to every entry (column-major order).
    @inlinable
    public func mapEntries(_ f: (T) -> T) -> Matrix {
        var r = self
        r.elements.withUnsafeMutableBufferPointer { p in
            for k in 0..<p.count { p[k] = f(p[k]) }
        }
        return r
    }

    /// f applied entrywise to self and b (same shape).
    @inlinable
    public func combined(with b: Matrix, _ f: (T, T) -> T) -> Matrix {
        var r = self
        r.elements.withUnsafeMutableBufferPointer { p in
            b.elements.withUnsafeBufferPointer { q in
                for k in 0..<p.count { p[k] = f(p[k], q[k]) }
            }
        }
        return r
    }

    /// The scalar multiple s·A.
    @inlinable
    public static func * (s: T, a: Matrix) -> Matrix {
        a.mapEntries { s * $0 }
    }

    /// The identity of the same (square) shape.
    @inlinable
    public var one: Matrix { Matrix.identity(rows) }

    /// A/d entry by entry, each entry divided and correctly rounded.
    @inlinable
    public func divided(by d: T) -> Matrix { mapEntries { $0 / d } }

    /// A + s·I (A square).
    @inlinable
    public func addingDiagonal(_ s: T) -> Matrix {
        precondition(isSquare, "addingDiagonal needs a square matrix")
        var r = self
        for i in 0..<rows { r[i, i] += s }
        return r
    }

    /// ‖A‖₁ = max over columns of the sum of absolute values. NaN if any entry is NaN.
    @inlinable
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
    @inlinable
    public var normInf: T { transposed.norm1 }

    /// max |a_ij|, the largest entry in absolute value (0 for an empty matrix).
    @inlinable
    public var maxAbs: T {
        var best: T = 0
        for x in elements {
            if x.isNaN { return .nan }
            best = Swift.max(best, abs(x))
        }
        return best
    }
}
