import Linalg

/// The two halves of scaling and squaring, shared by the candidates:
/// choose s, form 2^-s·A, and square the approximant s times.
enum ScalingAndSquaring {
    /// The smallest s ≥ 0 with `norm`·2^-s ≤ `theta`, i.e. max(0, ⌈log2(norm/θ)⌉), both in precision T.
    ///
    /// Computed exactly by repeated halving instead of with a floating-point log2: halving is exact
    /// while the value stays above θ (θ is a normal number for every caller), so a norm that is
    /// exactly θ·2^k gives s = k, never k + 1. A NaN or infinite norm gives s = 0 so that the
    /// non-finite entries propagate through the unscaled approximant instead of trapping.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func exponent<T: BLASScalar>(norm: T, theta: T) -> Int {
        guard norm.isFinite else { return 0 }
        var s = 0
        var x = norm
        while x > theta {
            x /= 2
            s += 1
        }
        return s
    }

    /// 2^-s·A as one scalar multiple. The factor 2^-s is exact in T (a subnormal at worst for the
    /// largest s a finite norm can need), so every entry is scaled exactly unless it underflows.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scaled<T: BLASScalar>(_ a: Matrix<T>, by s: Int) -> Matrix<T> {
        if s == 0 { return a }
        let factor = T(sign: .plus, exponent: T.Exponent(-s), significand: 1)
        return factor * a
    }

    /// X^(2^s): X squared s times (s counted matrix products).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func squared<T: BLASScalar>(_ x: Matrix<T>, times s: Int) -> Matrix<T> {
        var r = x
        for _ in 0..<s { r = r * r }
        return r
    }
}
