import Linalg

/// Evaluation of the diagonal Padé approximant r_m(A) = q_m(A)⁻¹·p_m(A) of exp(A), m ∈ {3, 5, 7, 9, 13},
/// following Higham 2005 (SIAM J. Matrix Anal. Appl. 26(4):1179–1193, §2): p_m(A) = U + V and
/// q_m(A) = −U + V, with U holding the odd and V the even powers, then one LU solve
/// (V − U)·X = (V + U). Coefficients b_j come from `PadeCoefficients`.
///
/// Products (counted by `OperationCounter`): m = 3, 5, 7, 9 take 2, 3, 4, 5; m = 13 takes 6. Plus one solve.
public enum PadeApproximant {
    /// r_m(A). Throws `LinalgError.singular` if V − U has an exactly zero pivot.
    ///
    /// When p_m(A) or q_m(A) holds a NaN the result is all NaN without a solve: LAPACKE's gesv
    /// wrapper checks its input for NaN and refuses it (info = −4), and a NaN anywhere in the system
    /// leaves the solution undefined anyway. This keeps NaN input propagating instead of throwing.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func evaluate<T: BLASScalar>(_ a: Matrix<T>, degree m: Int) throws -> Matrix<T> {
        try solve(oddEven(a, degree: m))
    }

    /// r_m(A) from the even powers [I, A², A⁴, …] already formed by the caller (at least [I]);
    /// the missing ones are formed exactly as `evaluate(_:degree:)` forms them, so the result is the
    /// same scheme with fewer products. Throws as `evaluate(_:degree:)`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func evaluate<T: BLASScalar>(_ a: Matrix<T>, evenPowers known: [Matrix<T>], degree m: Int) throws -> Matrix<T> {
        try solve(oddEven(a, evenPowers: known, degree: m))
    }

    /// q_m(A)⁻¹·p_m(A) from (U, V), with the NaN rule above.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func solve<T: BLASScalar>(_ uv: (u: Matrix<T>, v: Matrix<T>)) throws -> Matrix<T> {
        let q = uv.v - uv.u
        let p = uv.v + uv.u
        if q.elements.contains(where: \.isNaN) || p.elements.contains(where: \.isNaN) {
            return Matrix(rows: p.rows, cols: p.cols, elements: Array(repeating: .nan, count: p.elements.count))
        }
        return try q.solve(p)
    }

    /// m ≤ 9: with even powers A^0, A^2, …, A^(m−1),
    /// U = A·Σ_k b_{2k+1}·A^{2k}, V = Σ_k b_{2k}·A^{2k} (summed from the highest power down).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func oddEvenLow<M: SchemeAlgebra>(_ a: M, _ b: [M.Coefficient], degree m: Int) -> (u: M, v: M) {
        oddEvenLow(a, b, evenPowers: [a.one], degree: m)
    }

    /// As `oddEvenLow(_:_:degree:)`, with the even powers [I, A², …] known so far passed in (only the
    /// missing ones are formed, as `evenPowers(_:upTo:from:)` forms them).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func oddEvenLow<M: SchemeAlgebra>(
        _ a: M, _ b: [M.Coefficient], evenPowers known: [M], degree m: Int
    ) -> (u: M, v: M) {
        precondition([3, 5, 7, 9].contains(m), "low-degree Padé evaluation is for m = 3, 5, 7, 9")
        let evens = Array(evenPowers(a, upTo: m - 1, from: known).prefix((m - 1) / 2 + 1))
        let top = evens.count - 1
        var odd = b[2 * top + 1] * evens[top]
        var even = b[2 * top] * evens[top]
        for k in stride(from: top - 1, through: 1, by: -1) {
            odd = odd + b[2 * k + 1] * evens[k]
            even = even + b[2 * k] * evens[k]
        }
        return (a * odd.addingDiagonal(b[1]), even.addingDiagonal(b[0]))
    }

    /// m = 13, Higham 2005's scheme with A2, A4, A6:
    /// U = A·[A6(b13·A6 + b11·A4 + b9·A2) + b7·A6 + b5·A4 + b3·A2 + b1·I],
    /// V = A6(b12·A6 + b10·A4 + b8·A2) + b6·A6 + b4·A4 + b2·A2 + b0·I.
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func oddEven13<M: SchemeAlgebra>(_ a: M, _ b: [M.Coefficient]) -> (u: M, v: M) {
        let evens = evenPowers(a, upTo: 6)
        return oddEven13(a, a2: evens[1], a4: evens[2], a6: evens[3], b)
    }

    /// As `oddEven13(_:_:)` with A², A⁴, A⁶ already formed by the caller.
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func oddEven13<M: SchemeAlgebra>(_ a: M, a2: M, a4: M, a6: M, _ b: [M.Coefficient]) -> (u: M, v: M) {
        precondition(b.count == 14, "degree-13 evaluation needs b_0 … b_13")
        let uInner = a6 * (b[13] * a6 + b[11] * a4 + b[9] * a2)
        let u = a * (uInner + b[7] * a6 + b[5] * a4 + b[3] * a2).addingDiagonal(b[1])
        let vInner = a6 * (b[12] * a6 + b[10] * a4 + b[8] * a2)
        let v = (vInner + b[6] * a6 + b[4] * a4 + b[2] * a2).addingDiagonal(b[0])
        return (u, v)
    }

    /// (U, V) of r_m for m ∈ {3, 5, 7, 9, 13}, with the exact coefficients rounded to the working precision.
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func oddEven<M: SchemeAlgebra>(_ a: M, degree m: Int) -> (u: M, v: M) {
        oddEven(a, evenPowers: [a.one], degree: m)
    }

    /// (U, V) of r_m with the even powers [I, A², A⁴, …] known so far passed in; the missing ones
    /// are formed as `evenPowers(_:upTo:from:)` forms them (A² = A·A, then A^{2k+2} = A^{2k}·A²).
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    public static func oddEven<M: SchemeAlgebra>(_ a: M, evenPowers known: [M], degree m: Int) -> (u: M, v: M) {
        let b = PadeCoefficients.coefficients(degree: m, as: M.Coefficient.self)
        if m == 13 {
            let evens = evenPowers(a, upTo: 6, from: known)
            return oddEven13(a, a2: evens[1], a4: evens[2], a6: evens[3], b)
        }
        return oddEvenLow(a, b, evenPowers: known, degree: m)
    }

    /// [A^0, A^2, A^4, …, A^maxPower] for even maxPower ≥ 2 (maxPower/2 products): A² = A·A, then
    /// A^{2k+2} = A^{2k}·A². `known` holds the leading ones already formed ([I] or [I, A², …]); they are
    /// used as given and only the missing powers cost products. Extra known powers are kept.
    @_specialize(where M == Matrix<Float>)
    @_specialize(where M == Matrix<Double>)
    static func evenPowers<M: SchemeAlgebra>(_ a: M, upTo maxPower: Int, from known: [M] = []) -> [M] {
        var powers = known.isEmpty ? [a.one] : known
        if powers.count < 2 { powers.append(a * a) }
        while 2 * (powers.count - 1) < maxPower {
            powers.append(powers[powers.count - 1] * powers[1])
        }
        return powers
    }
}
