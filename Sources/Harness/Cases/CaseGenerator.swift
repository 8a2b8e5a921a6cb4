import Linalg

/// Builds each case's matrix from its id, deterministically.
///
/// Only IEEE basic operations in a fixed order are used (no BLAS, whose kernels round
/// differently on different CPUs, and no libm), so the bits are the same on every machine.
/// Every entry is finally rounded to Float: the same matrix, exactly representable in both
/// precisions, is then given to Float and Double candidates, and one reference serves both.
extension CaseSpec {
    /// The case's n×n matrix (entries exactly representable in Float).
    ///
    /// Literature matrices are returned exactly as their source gives them (see
    /// `LiteratureCatalog`); a few are not Float-representable (`isFloatRepresentable`).
    public func matrix() -> Matrix<Double> {
        if case .literature(let name) = variant { return LiteratureCatalog.entry(named: name)!.matrix }
        if case .sweep(let base, let norm) = variant { return Self.sweepMatrix(base: base, norm: norm, n: n, seed: seed) }
        var rng = PortableRandom(key: id)
        let a: Matrix<Double>
        switch variant {
        case .randn(let sigma): a = Self.randn(n, sigma: Double(sigma)!, &rng)
        case .nilpotentUpper: a = Self.strictlyUpper(n, &rng)
        case .nilpotentShift: a = Self.shift(n)
        case .rotationSkew: a = Self.skew(n, &rng)
        case .rotationBlocks: a = Self.rotationBlocks(n, &rng)
        case .illcondVDV(let k): a = Self.similarity(n, k: k, &rng)
        case .illcondTriu(let k): a = Self.coupledTriangular(n, k: k, &rng)
        case .illcondExact(let k): a = Self.exactSimilarity(Self.exactFactors(n, k: k, &rng))
        case .markovDense: a = Self.rateMatrix(n, k: 0, &rng)
        case .markovStiff(let k): a = Self.rateMatrix(n, k: k, &rng)
        case .literature, .sweep: fatalError("handled above")
        }
        return Self.roundedToFloat(a)
    }

    /// False only for literature matrices whose published entries are not Float numbers: Float
    /// candidates then see the Float-rounded matrix, judged against its own reference.
    public var isFloatRepresentable: Bool {
        if case .literature(let name) = variant { return LiteratureCatalog.entry(named: name)!.isFloatRepresentable }
        return true
    }

    static func roundedToFloat(_ a: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: a.rows, cols: a.cols, elements: a.elements.map { Double(Float($0)) })
    }

    /// Entries σ·z, z standard normal, filled column by column.
    static func randn(_ n: Int, sigma: Double, _ rng: inout PortableRandom) -> Matrix<Double> {
        Matrix(order: n) { _, _ in sigma * rng.normal() }
    }

    /// Strictly upper triangular with N(0, 1) entries: A^n = 0.
    static func strictlyUpper(_ n: Int, _ rng: inout PortableRandom) -> Matrix<Double> {
        Matrix(order: n) { i, j in i < j ? rng.normal() : 0 }
    }

    /// The shift: ones on the first superdiagonal; exp has 1/k! on the k-th superdiagonal.
    static func shift(_ n: Int) -> Matrix<Double> {
        Matrix(order: n) { i, j in j == i + 1 ? 1 : 0 }
    }

    /// (B − Bᵀ)/2 with B standard normal: exactly skew-symmetric (IEEE subtraction is antisymmetric).
    static func skew(_ n: Int, _ rng: inout PortableRandom) -> Matrix<Double> {
        let b = randn(n, sigma: 1, &rng)
        return Matrix(order: n) { i, j in (b[i, j] - b[j, i]) / 2 }
    }

    /// Block diagonal of [[0, −θ], [θ, 0]] with θ uniform in (−π, π) (θ rounded to Float first, so
    /// the closed form exp = [[cos θ, −sin θ], [sin θ, cos θ]] uses the stored θ); a trailing
    /// 1×1 zero block when n is odd.
    static func rotationBlocks(_ n: Int, _ rng: inout PortableRandom) -> Matrix<Double> {
        var a = Matrix<Double>(rows: n, cols: n)
        var i = 0
        while i + 1 < n {
            let theta = Double(Float(rng.uniform(-Double.pi, Double.pi)))
            a[i, i + 1] = -theta
            a[i + 1, i] = theta
            i += 2
        }
        return a
    }

    /// A = V·D·V⁻¹ with D = diag(d), d uniform in [−1, 1], and V = H₁·Σ·H₂, where H are random
    /// Householder reflectors (orthogonal, symmetric, their own inverses) and Σ holds powers of two
    /// from 1 down to 2^−E with E = ⌈k·log₂10⌉, so cond₂(V) = 2^E ≈ 10^k and Σ⁻¹ is exact.
    /// Computed as H₁·(Σ·(H₂·D·H₂)·Σ⁻¹)·H₁ with O(n²) reflector applications.
    static func similarity(_ n: Int, k: Int, _ rng: inout PortableRandom) -> Matrix<Double> {
        let d = (0..<n).map { _ in rng.uniform(-1, 1) }
        let v1 = (0..<n).map { _ in rng.normal() }
        let v2 = (0..<n).map { _ in rng.normal() }
        let e = (k * 3322 + 999) / 1000  // ⌈k·log₂10⌉ for k ≤ 15 (log₂10 = 3.3219…)
        var m = Matrix(order: n) { i, j in i == j ? d[i] : 0 }
        m = reflect(reflect(m, v2, fromLeft: true), v2, fromLeft: false)
        // (Σ·M·Σ⁻¹)ᵢⱼ = σᵢ·mᵢⱼ/σⱼ = 2^(eⱼ − eᵢ)·mᵢⱼ with σᵢ = 2^−eᵢ: an exact scaling.
        for j in 0..<n {
            for i in 0..<n {
                let shift = sigmaExponent(j, n, e) - sigmaExponent(i, n, e)
                m[i, j] *= Double(sign: .plus, exponent: shift, significand: 1)
            }
        }
        return reflect(reflect(m, v1, fromLeft: true), v1, fromLeft: false)
    }

    /// Exponent eᵢ of σᵢ = 2^−eᵢ, spread evenly over 0…E.
    private static func sigmaExponent(_ i: Int, _ n: Int, _ e: Int) -> Int {
        n <= 1 ? 0 : (i * e) / (n - 1)
    }

    /// H·M (fromLeft) or M·H with H = I − 2vvᵀ/(vᵀv), in a fixed loop order.
    static func reflect(_ m: Matrix<Double>, _ v: [Double], fromLeft: Bool) -> Matrix<Double> {
        let n = m.rows
        var vv = 0.0
        for x in v { vv += x * x }
        guard vv > 0 else { return m }
        var r = m
        if fromLeft {
            for j in 0..<n {
                var dot = 0.0
                for i in 0..<n { dot += v[i] * m[i, j] }
                let f = 2 * dot / vv
                for i in 0..<n { r[i, j] = m[i, j] - f * v[i] }
            }
        } else {
            for i in 0..<n {
                var dot = 0.0
                for j in 0..<n { dot += m[i, j] * v[j] }
                let f = 2 * dot / vv
                for j in 0..<n { r[i, j] = m[i, j] - f * v[j] }
            }
        }
        return r
    }

    /// Exactly known factors of A = V·D·V⁻¹ with V = I + u·vᵀ and vᵀu = 0, so that V⁻¹ = I − u·vᵀ:
    /// u, v integer vectors (u₀ = 1, the other entries uniform in [−m, m]; v₀ = −Σ_{i>0} vᵢuᵢ makes
    /// vᵀu = 0), D = diag(d) with distinct eigenvalues d: multiples of 1/64 spread over [−3, 3] in a
    /// random order (distinct, so exp(A) has no entries that vanish only by exact cancellation, and
    /// the eigendecomposition witness applies). m = max(1, round(√(10^(k/2)/n))) makes ‖u‖·‖v‖, and so
    /// √cond(V), of order 10^(k/2).
    public static func exactFactors(_ n: Int, k: Int, _ rng: inout PortableRandom) -> (u: [Double], v: [Double], d: [Double]) {
        guard n > 0 else { return ([], [], []) }
        var tenHalfK = 1.0
        for _ in 0..<k { tenHalfK *= 10 }
        let m = max(1, Int((tenHalfK.squareRoot() / Double(n)).squareRoot().rounded()))
        func integer(_ lo: Int, _ hi: Int) -> Double { Double(lo + Int(rng.next() % UInt64(hi - lo + 1))) }
        var u = [1.0] + (1..<n).map { _ in integer(-m, m) }
        var v = [0.0] + (1..<n).map { _ in integer(-m, m) }
        v[0] = -(1..<n).reduce(0.0) { $0 + v[$1] * u[$1] }  // exact: small integers
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        // Spacing 6/n ≥ 6/256 > 1.5/64 keeps the rounded values distinct.
        let d = order.map { p in (64 * (6 * Double(p) / Double(max(n, 1)) - 3)).rounded() / 64 }
        if n == 1 { u = [1]; v = [0] }
        return (u, v, d)
    }

    /// A = (I + u·vᵀ)·D·(I − u·vᵀ) = D + u·(vᵀD) − (Du)·vᵀ − (vᵀDu)·u·vᵀ, all exact: every value is
    /// a multiple of 1/64 far below 2^47, and every entry of A below 2^18 for k ≤ 5, hence exact in Float.
    static func exactSimilarity(_ f: (u: [Double], v: [Double], d: [Double])) -> Matrix<Double> {
        let n = f.d.count
        let vDu = (0..<n).reduce(0.0) { $0 + f.v[$1] * f.d[$1] * f.u[$1] }
        return Matrix(order: n) { i, j in
            (i == j ? f.d[i] : 0) + f.u[i] * (f.v[j] * f.d[j]) - (f.d[i] * f.u[i]) * f.v[j] - vDu * f.u[i] * f.v[j]
        }
    }

    /// A rate matrix: off-diagonal rates m/1024 with m uniform in 0…1024, row i scaled by 2^{eᵢ} with
    /// eᵢ uniform in 0…⌈k·log₂10⌉ (rates spanning 10^k: stiff), diagonal = −(sum of the row's rates).
    /// Every rate has at most 11 significant bits and a row's rates share the factor 2^{eᵢ−10}, so the
    /// row sums are exact and rows sum to exactly 0, in Double and in Float.
    static func rateMatrix(_ n: Int, k: Int, _ rng: inout PortableRandom) -> Matrix<Double> {
        let e = (k * 3322 + 999) / 1000
        var a = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            let scale = Double(sign: .plus, exponent: Int(rng.next() % UInt64(e + 1)) - 10, significand: 1)
            var sum = 0.0
            for j in 0..<n where j != i {
                a[i, j] = Double(rng.next() % 1025) * scale
                sum += a[i, j]
            }
            a[i, i] = -sum
        }
        return a
    }

    /// Upper triangular, block diagonal with 2×2 blocks [[d₁, c], [0, d₂]]: d uniform in [−1, 1],
    /// |c| uniform in [10^k/2, 10^k] with random sign (a trailing 1×1 block [d] when n is odd).
    /// exp of a block is [[e^d₁, c·(e^d₁ − e^d₂)/(d₁ − d₂)], [0, e^d₂]]: bounded entries but
    /// ‖A‖₁ ≈ 10^k, the regime where scaling and squaring overscales (Al-Mohy & Higham 2009, §1).
    static func coupledTriangular(_ n: Int, k: Int, _ rng: inout PortableRandom) -> Matrix<Double> {
        var tenK = 1.0
        for _ in 0..<k { tenK *= 10 }  // exact for k ≤ 22
        var a = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n { a[i, i] = rng.uniform(-1, 1) }
        var i = 0
        while i + 1 < n {
            let c = tenK * rng.uniform(0.5, 1)
            a[i, i + 1] = rng.next() & 1 == 0 ? c : -c
            i += 2
        }
        return a
    }
}
