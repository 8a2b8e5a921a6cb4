import Foundation
import Linalg

/// exp of one scalar in precision T, from the C math library (glibc `expf` for Float, `exp` for Double).
///
/// Used by the candidates for 1×1 input, where the matrix exponential is the scalar one.
enum ScalarExponential {
    static func exp<T: BLASScalar>(_ x: T) -> T {
        if let f = x as? Float { return T(Foundation.exp(f)) }
        if let d = x as? Double { return T(Foundation.exp(d)) }
        preconditionFailure("no scalar exp for \(T.self)")
    }

    /// e^(a+ib) = e^a·(cos b + i·sin b) in precision T, as (re, im). A real argument (b = 0) gives
    /// (e^a, 0) without multiplying, so that e^a = ∞ does not turn into ∞·sin 0 = NaN.
    static func exp<T: BLASScalar>(re a: T, im b: T) -> (re: T, im: T) {
        let r = exp(a)
        if b == 0 { return (r, 0) }
        if let f = b as? Float { return (r * T(Foundation.cos(f)), r * T(Foundation.sin(f))) }
        if let d = b as? Double { return (r * T(Foundation.cos(d)), r * T(Foundation.sin(d))) }
        preconditionFailure("no scalar cos/sin for \(T.self)")
    }
}

/// The shapes every candidate handles the same way, before its own algorithm: non-square input is
/// refused, 0×0 returns itself ("empty"), 1×1 returns the scalar exponential ("1x1").
enum TrivialShapes {
    /// The result for a trivial shape, nil when the candidate's algorithm must run.
    static func exp<T: BLASScalar>(_ a: Matrix<T>) throws -> ExpmResult<T>? {
        guard a.isSquare else { throw CandidateError.notSquare(rows: a.rows, cols: a.cols) }
        if a.rows == 0 {
            return ExpmResult(value: a, choice: ExpmChoice(approximant: "empty", degree: nil, scaling: 0))
        }
        if a.rows == 1 {
            let e = Matrix(rows: 1, cols: 1, elements: [ScalarExponential.exp(a[0, 0])])
            return ExpmResult(value: e, choice: ExpmChoice(approximant: "1x1", degree: nil, scaling: 0))
        }
        return nil
    }
}
