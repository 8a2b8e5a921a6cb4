import Linalg

/// Picks the per-precision value of a constant for the generic candidates.
enum PrecisionSelect {
    /// `float32` when T is Float, `float64` when T is Double.
    static func value<T: BLASScalar, V>(for _: T.Type, float32: V, float64: V) -> V {
        if T.self == Float.self { return float32 }
        if T.self == Double.self { return float64 }
        preconditionFailure("no constants for \(T.self)")
    }
}
