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
}
