/// SplitMix64, a 64-bit generator with one word of state, written from its definition in Steele, Lea &
/// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014 (doi:10.1145/2660193.2660195):
/// the state advances by the odd "golden gamma" 0x9E3779B97F4A7C15 (2^64/φ made odd), and each output is
/// the state passed through a 64-bit finaliser. The finaliser's shifts (30, 27, 31) and multipliers
/// (0xBF58476D1CE4E5B9, 0x94D049BB133111EB) are those of Vigna's public-domain reference `splitmix64.c`
/// (Stafford's "Mix13" variant), the same ones the harness's `PortableRandom` seeds with.
///
/// Integer operations only, so a seed gives the same stream on every machine and Swift version; the
/// platform's `SystemRandomNumberGenerator` is never involved.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state (the seed before the first call).
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What `Normest1` returns.
public struct Normest1Result<T: BLASScalar>: Equatable, Sendable {
    /// The estimate of ‖B‖₁. In exact arithmetic it is ‖B·x‖₁ for a vector x with ‖x‖₁ = 1, hence a
    /// lower bound; in floating point it can exceed ‖B‖₁ only by the rounding of those products.
    /// NaN when B's output held a NaN.
    public var estimate: T
    /// Applications of B or Bᵀ, each to one n×t block (to I_n, once, on the exact path).
    public var applications: Int
    /// Iterations of the main loop (0 on the exact path).
    public var iterations: Int
    /// Columns of ±1 redrawn because they were parallel to another (Higham & Tisseur's resampling).
    public var resamples: Int
    /// True when t ≥ n and ‖B‖₁ was computed from B·I_n instead of estimated.
    public var exact: Bool

    public init(estimate: T, applications: Int, iterations: Int, resamples: Int, exact: Bool) {
        self.estimate = estimate
        self.applications = applications
        self.iterations = iterations
        self.resamples = resamples
        self.exact = exact
    }
}

/// Block 1-norm estimation: Higham & Tisseur, "A block algorithm for matrix 1-norm estimation, with an
/// application to 1-norm pseudospectra", SIAM J. Matrix Anal. Appl. 21(4):1185–1201, 2000
/// (doi:10.1137/S0895479899356080), Algorithm 2.4.
///
/// ‖B‖₁ of an n×n operator known only through B·X and Bᵀ·X on n×t blocks, so that, e.g., ‖A^k‖₁ or
/// ‖A·C‖₁ is estimated from k (or 2) products with thin blocks instead of forming the product. Steps
/// of Algorithm 2.4, as implemented here:
/// 1. X: first column all ones, the others random ±1, columns parallel to an earlier one redrawn;
///    X ← X/n, so every column has unit 1-norm.
/// 2. Y = B·X; est = the largest column 1-norm of Y (the column and its unit vector index are kept as
///    the best when est grew, and always on the second iteration). From the second iteration on, stop
///    when est did not grow (keeping the previous est), and stop after `itmax` iterations.
/// 3. S = sign(Y) with sign(0) = 1. Stop when every column of S is parallel to a column of the previous
///    S; if t > 1, redraw every column of S parallel to an earlier column of S or to a column of the
///    previous S.
/// 4. Z = Bᵀ·S; h_i = max_j |z_ij|. From the second iteration on, stop when max h_i is attained at the
///    best index. Sort the indices by decreasing h (ties: lower index first). If t > 1: stop when the
///    first t have all been used already, else take the first t indices not used before (topped up
///    with used ones when fewer remain).
/// 5. X = [e_{i_1}, …, e_{i_t}]; record the indices as used; next iteration.
/// Two vectors of ±1 are parallel when they are equal or opposite. With t < n there are 2^{n−1} ≥ 2t
/// classes of ±1 vectors up to sign, enough for t columns of S that avoid each other and the t of the
/// previous S, so the redrawing ends (each draw succeeds with probability ≥ 1/4 at worst, n = 3).
///
/// The ±1 draws come from `SplitMix64` with a fixed seed (`defaultSeed` unless given), one generator per
/// call, one draw per entry (the top bit: 0 ↦ +1, 1 ↦ −1), so every call with the same operator gives the
/// same result on every machine.
///
/// Not in Algorithm 2.4: when t ≥ n there is nothing to estimate — ‖B‖₁ is the largest column sum of
/// B·I_n, one application (as scipy's `onenormest` does for t ≥ n); n = 0 gives 0.
///
/// Quality: Al-Mohy & Higham 2009 (SIAM J. Matrix Anal. Appl. 31(3):970–989), who use it with t = 2,
/// describe it as typically needing about 4t matrix–vector products and almost always estimating
/// within a factor 3. Higham & Tisseur chose the ones column so that nonnegative B is estimated
/// exactly at the second iteration; diagonal and rank-one B are estimated exactly too (see
/// `Normest1Tests` for why). A lower bound always, up to rounding.
public enum Normest1 {
    /// The default block width t = 2, the value Al-Mohy & Higham's expm code uses (its `normAm`).
    public static let defaultT = 2
    /// The default iteration limit itmax = 5 (scipy's `onenormest` default; the loop rarely needs more
    /// than 2 or 3 iterations).
    public static let defaultItmax = 5
    /// The fixed seed of the ±1 draws: the ASCII bytes of "HT00" (Higham–Tisseur 2000). Any fixed value
    /// would do; this one is documented so that results reproduce.
    public static let defaultSeed: UInt64 = 0x4854_3030

    /// Estimate of ‖B‖₁ for the n×n operator B given by `apply` (X ↦ B·X) and `applyTransposed`
    /// (X ↦ Bᵀ·X), both taking and returning n×t blocks (n×n for I_n on the exact path).
    /// Preconditions: n ≥ 0, t ≥ 1, itmax ≥ 2 (Algorithm 2.4 needs two iterations to use a unit vector).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func estimate<T: BLASScalar>(
        order n: Int, t: Int = defaultT, itmax: Int = defaultItmax, seed: UInt64 = defaultSeed,
        apply: (Matrix<T>) -> Matrix<T>, applyTransposed: (Matrix<T>) -> Matrix<T>
    ) -> Normest1Result<T> {
        precondition(n >= 0 && t >= 1 && itmax >= 2, "normest1 needs n ≥ 0, t ≥ 1, itmax ≥ 2")
        if n == 0 { return Normest1Result(estimate: 0, applications: 0, iterations: 0, resamples: 0, exact: true) }
        if t >= n {
            let b = apply(Matrix<T>.identity(n))
            return Normest1Result(estimate: b.norm1, applications: 1, iterations: 0, resamples: 0, exact: true)
        }
        var rng = SplitMix64(seed: seed)
        var applications = 0
        var resamples = 0

        // Step 1: ones, then ±1 columns not parallel to earlier ones, all divided by n.
        var x = Matrix<T>(rows: n, cols: t)
        for i in 0..<n { x[i, 0] = 1 }
        for j in 1..<t {
            drawSigns(into: &x, column: j, &rng)
            while parallelToEarlier(x, column: j) {
                drawSigns(into: &x, column: j, &rng)
                resamples += 1
            }
        }
        x = x.divided(by: T(n))

        var used = [Bool](repeating: false, count: n)
        var indices = [Int](repeating: 0, count: t)  // unit vectors held by X's columns (k ≥ 2)
        var best = 0  // ind_best: the unit vector that gave the best estimate
        var estOld: T = 0
        var est: T = 0
        var s = Matrix<T>(rows: n, cols: t)  // zero columns are parallel to nothing
        var k = 1
        while true {
            // Step 2.
            let y = apply(x)
            applications += 1
            let norms = (0..<t).map { columnNorm1(y, $0) }
            if norms.contains(where: \.isNaN) { return nanResult(applications, k, resamples) }
            est = norms.max()!
            let bestColumn = norms.firstIndex(of: est)!
            if k >= 2 && (est > estOld || k == 2) { best = indices[bestColumn] }
            if k >= 2 && est <= estOld {
                est = estOld
                break
            }
            estOld = est
            let sOld = s
            if k > itmax { break }

            // Step 3.
            s = signs(y)
            if everyColumnParallel(s, toAColumnOf: sOld) { break }
            if t > 1 {
                for j in 0..<t {
                    while parallelToEarlier(s, column: j) || parallelToAny(s, column: j, of: sOld) {
                        drawSigns(into: &s, column: j, &rng)
                        resamples += 1
                    }
                }
            }

            // Step 4.
            let z = applyTransposed(s)
            applications += 1
            var h = [T](repeating: 0, count: n)
            for i in 0..<n {
                var m: T = 0
                for j in 0..<t {
                    let v = Swift.abs(z[i, j])
                    if v.isNaN { return nanResult(applications, k, resamples) }
                    m = Swift.max(m, v)
                }
                h[i] = m
            }
            if k >= 2 && h.max()! == h[best] { break }
            var order = Array(0..<n)
            order.sort { h[$0] > h[$1] || (h[$0] == h[$1] && $0 < $1) }
            if t > 1 {
                if order.prefix(t).allSatisfy({ used[$0] }) { break }
                order = order.filter { !used[$0] } + order.filter { used[$0] }
            }

            // Step 5.
            x = Matrix<T>(rows: n, cols: t)
            for j in 0..<t {
                indices[j] = order[j]
                x[order[j], j] = 1
                used[order[j]] = true
            }
            k += 1
        }
        return Normest1Result(estimate: est, applications: applications, iterations: k, resamples: resamples, exact: false)
    }

    /// Estimate of ‖F_1·F_2·…·F_k‖₁ for square factors of one order, applying the factors to thin blocks
    /// (k products per application; the transposes are formed once).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func estimateProduct<T: BLASScalar>(
        _ factors: [Matrix<T>], t: Int = defaultT, itmax: Int = defaultItmax, seed: UInt64 = defaultSeed
    ) -> Normest1Result<T> {
        precondition(!factors.isEmpty && factors.allSatisfy { $0.isSquare && $0.rows == factors[0].rows },
                     "normest1 of a product needs square factors of one order")
        let transposes = factors.map { transpose($0) }
        return estimate(
            order: factors[0].rows, t: t, itmax: itmax, seed: seed,
            apply: { x in factors.reversed().reduce(x) { $1 * $0 } },
            applyTransposed: { x in transposes.reduce(x) { $1 * $0 } })
    }

    /// Estimate of ‖A^p‖₁ (p ≥ 1) from products of A and Aᵀ with thin blocks, without forming A^p.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func estimatePower<T: BLASScalar>(
        _ a: Matrix<T>, _ p: Int, t: Int = defaultT, itmax: Int = defaultItmax, seed: UInt64 = defaultSeed
    ) -> Normest1Result<T> {
        precondition(p >= 1, "normest1 of A^p needs p ≥ 1")
        return estimateProduct(Array(repeating: a, count: p), t: t, itmax: itmax, seed: seed)
    }

    /// Bᵀ, for building `applyTransposed` closures: the same values as `Matrix.transposed`, written on the
    /// element buffers and specialised, because the generic property is not specialised when reached from
    /// a closure inside generic code (seen here: 60 ns per entry, a 64×64 transpose costing 10 products).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func transpose<T: BLASScalar>(_ b: Matrix<T>) -> Matrix<T> {
        let rows = b.rows, cols = b.cols
        var out = [T](repeating: 0, count: b.elements.count)
        b.elements.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for j in 0..<cols {
                    for i in 0..<rows { dst[j + i * cols] = src[i + j * rows] }
                }
            }
        }
        return Matrix(rows: cols, cols: rows, elements: out)
    }

    // MARK: Helpers

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func nanResult<T: BLASScalar>(_ applications: Int, _ k: Int, _ resamples: Int) -> Normest1Result<T> {
        Normest1Result(estimate: .nan, applications: applications, iterations: k, resamples: resamples, exact: false)
    }

    /// Σ_i |y_ij|.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func columnNorm1<T: BLASScalar>(_ y: Matrix<T>, _ j: Int) -> T {
        var s: T = 0
        for i in 0..<y.rows { s += Swift.abs(y[i, j]) }
        return s
    }

    /// sign(Y) entrywise with sign(0) = 1 (and a NaN, which never reaches here, would give 1).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func signs<T: BLASScalar>(_ y: Matrix<T>) -> Matrix<T> {
        y.mapEntries { $0 < 0 ? -1 : 1 }
    }

    /// Column j of `x` ← random ±1 (one draw per entry, top bit).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func drawSigns<T: BLASScalar>(into x: inout Matrix<T>, column j: Int, _ rng: inout SplitMix64) {
        for i in 0..<x.rows { x[i, j] = rng.next() >> 63 == 0 ? 1 : -1 }
    }

    /// Columns of ±1 (or zeros) are parallel when equal or opposite; a zero column is parallel to nothing.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func parallel<T: BLASScalar>(_ a: Matrix<T>, _ i: Int, _ b: Matrix<T>, _ j: Int) -> Bool {
        let first = a[0, i] * b[0, j]
        guard first == 1 || first == -1 else { return false }
        for r in 1..<a.rows where a[r, i] * b[r, j] != first { return false }
        return true
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func parallelToEarlier<T: BLASScalar>(_ s: Matrix<T>, column j: Int) -> Bool {
        (0..<j).contains { parallel(s, j, s, $0) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func parallelToAny<T: BLASScalar>(_ s: Matrix<T>, column j: Int, of old: Matrix<T>) -> Bool {
        (0..<old.cols).contains { parallel(s, j, old, $0) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func everyColumnParallel<T: BLASScalar>(_ s: Matrix<T>, toAColumnOf old: Matrix<T>) -> Bool {
        (0..<s.cols).allSatisfy { parallelToAny(s, column: $0, of: old) }
    }
}
